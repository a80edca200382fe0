/**
 * Codex's config.toml, read and edited with toml_edit (the Rust crate Codex itself parses with, compiled to
 * WebAssembly): an edit changes only the bytes of the value it sets, so comments, blank lines, key order and every
 * other table stay byte for byte. Loaded on first use, so commands that never touch TOML do not pay for it.
 */
import { PackError } from "../errors.js";

type TomlEdit = typeof import("@rainbowatcher/toml-edit-js");
let loaded: Promise<TomlEdit> | undefined;

async function tomlEdit(): Promise<TomlEdit> {
  loaded ??= import("@rainbowatcher/toml-edit-js").then(async (module) => {
    await module.default();
    return module;
  });
  return loaded;
}

/** Parses the file's text, or refuses it with its line and column and toml_edit's reason. */
export async function parseToml(text: string, shown: string): Promise<Record<string, unknown>> {
  const { parse } = await tomlEdit();
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new PackError(
      `${shown}:${tomlErrorPlace(String(error))}; fix it first (Codex cannot read it either); nothing was changed`,
      shown,
    );
  }
}

/** Sets (or with undefined removes) the value at a dotted path such as `plugins."demo@team".enabled`. */
export async function editToml(text: string, path: string, value: unknown): Promise<string> {
  const { edit } = await tomlEdit();
  return edit(text, path, value, { finalNewline: text === "" || text.endsWith("\n") });
}

/** "TOML parse error at line 3, column 10 … duplicate key" → "3:10: duplicate key". */
function tomlErrorPlace(message: string): string {
  const place = /line (\d+), column (\d+)/.exec(message);
  const reason = message
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("|") && !/^\d+ \|/.test(line) && !line.includes("parse error"))
    .at(-1);
  return `${place === null ? "" : `${place[1]}:${place[2]}: `}${reason ?? "not valid TOML"}`;
}
