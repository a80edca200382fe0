import { applyEdits, findNodeAtLocation, modify, parseTree, type ParseError } from "jsonc-parser";
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { CreateError, UsageError } from "./errors.js";
import { titleCase, toKebab } from "./names.js";
import type { CreateOptions } from "./options.js";

export const MARKETPLACE_FILE = ".agents/plugins/marketplace.json";

export interface MarketplaceEntry {
  name: string;
  source: { source: "local"; path: string };
  policy: { installation: "AVAILABLE"; authentication: "ON_INSTALL" | "ON_USE" };
  category: string;
}

/** What will be written to the marketplace file, decided before anything is written. */
export interface MarketplacePlan {
  file: string;
  entry: MarketplaceEntry;
  /** The whole new file text. */
  text: string;
  action: "created" | "appended" | "replaced";
}

export function planMarketplace(options: CreateOptions): MarketplacePlan | null {
  if (options.marketplace === "none") return null;
  const root = options.marketplace === "repo" ? options.cwd : options.home;
  const file = join(root, MARKETPLACE_FILE);
  const entry: MarketplaceEntry = {
    name: options.name,
    source: { source: "local", path: sourcePath(root, options.dir, options.marketplace) },
    // A plugin with a remote server or an app asks for sign-in when installed; a skills-only one, or one whose only
    // server runs locally (no account to sign in to), when first used.
    policy: { installation: "AVAILABLE", authentication: options.mcp?.transport === "http" || options.app !== null ? "ON_INSTALL" : "ON_USE" },
    category: options.category,
  };
  if (!existsSync(file)) {
    const name = options.marketplace === "personal" ? "personal" : toKebab(basename(root)) || "plugins";
    const displayName = options.marketplace === "personal" ? "Personal Plugins" : titleCase(name);
    return { file, entry, text: `${JSON.stringify({ name, interface: { displayName }, plugins: [entry] }, null, 2)}\n`, action: "created" };
  }
  return { file, entry, ...addEntry(readText(file), entry, file, options.force) };
}

/**
 * Adds the entry to an existing marketplace text with one minimal edit, so every other byte of the file stays
 * as it was: appended after the last entry of `plugins`, or, with `force`, replacing an entry of the same name
 * where it stands. The new lines take the file's own indentation and line endings.
 */
export function addEntry(text: string, entry: MarketplaceEntry, file: string, force: boolean): { text: string; action: "appended" | "replaced" } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (tree === undefined || errors.length > 0 || tree.type !== "object") throw new CreateError(`${file} is not valid JSON: fix it (plugin-lint shows where) and run again`);
  const plugins = findNodeAtLocation(tree, ["plugins"]);
  const style = detectStyle(text);
  if (plugins === undefined) {
    const edits = modify(text, ["plugins"], [entry], { formattingOptions: { insertSpaces: !style.unit.startsWith("\t"), tabSize: style.unit.length, eol: style.eol } });
    return { text: applyEdits(text, edits), action: "appended" };
  }
  if (plugins.type !== "array") throw new CreateError(`${file}: "plugins" is not a list`);
  const entries = plugins.children ?? [];
  const index = entries.findIndex((node) => findNodeAtLocation(node, ["name"])?.value === entry.name);
  if (index !== -1) {
    if (!force) throw new UsageError(`${file} already lists a plugin named "${entry.name}": pass --force to replace that entry`);
    const node = entries[index]!;
    const replacement = formatEntry(entry, indentAt(text, node.offset) ?? style.unit, style);
    return { text: splice(text, node.offset, node.length, replacement), action: "replaced" };
  }
  const last = entries.at(-1);
  if (last !== undefined) {
    const indent = indentAt(text, last.offset) ?? style.unit;
    return { text: splice(text, last.offset + last.length, 0, `,${style.eol}${indent}${formatEntry(entry, indent, style)}`), action: "appended" };
  }
  // An empty list: open it onto its own lines, one level deeper than the line holding `[`.
  const outer = lineIndent(text, plugins.offset);
  const inner = `${outer}${style.unit}`;
  return { text: splice(text, plugins.offset, plugins.length, `[${style.eol}${inner}${formatEntry(entry, inner, style)}${style.eol}${outer}]`), action: "appended" };
}

interface Style {
  unit: string;
  eol: string;
}

function formatEntry(entry: MarketplaceEntry, indent: string, style: Style): string {
  return JSON.stringify(entry, null, style.unit).split("\n").join(`${style.eol}${indent}`);
}

/** The whitespace before `offset` when only whitespace precedes it on its line (the entry starts its own line). */
function indentAt(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

/** `./` + the plugin folder relative to the marketplace root; Codex only reads local sources inside the root. */
function sourcePath(root: string, dir: string, kind: "repo" | "personal"): string {
  const path = relative(root, dir);
  if (path === "" || path.startsWith("..") || path.startsWith(sep) || /^[A-Za-z]:/.test(path)) {
    const where = kind === "repo" ? "the current folder (a repo marketplace lives there)" : "your home folder (the personal marketplace lives there)";
    throw new UsageError(`the plugin folder ${dir} is not inside ${where}: create the plugin inside it, or use --marketplace none`);
  }
  return `./${path.split(sep).join("/")}`;
}

/** The file's own indentation unit and line endings. */
function detectStyle(text: string): Style {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const unit = /^([ \t]+)\S/m.exec(text)?.[1] ?? "  ";
  return { unit: unit.startsWith("\t") ? "\t" : unit, eol };
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CreateError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
