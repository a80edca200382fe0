/**
 * Finds the Codex marketplace `install` writes to, from `--marketplace` (a root folder or the marketplace.json
 * itself), reads it once, and writes it back atomically. A missing marketplace file is created, but only inside a
 * folder that exists; a Claude Code marketplace is refused with what to do instead.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import {
  CODEX_MARKETPLACE_PATH,
  lstatOrUndefined,
  MarketplaceEditError,
  marketplaceEntries,
  readTextFile,
  writeFileAtomic,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";

const CLAUDE_MARKETPLACE_PATH = ".claude-plugin/marketplace.json";

export interface MarketplaceTarget {
  /** The folder that holds `.agents/`: local sources resolve against it. */
  root: string;
  file: string;
  /** The file as messages show it: relative to cwd when inside it. */
  shown: string;
  /** The current text without a byte order mark, or undefined when the file does not exist yet. */
  text: string | undefined;
  bom: string;
  entries: unknown[];
  /** A Claude Code marketplace beside it, which install leaves alone. */
  claudeFile: string | undefined;
}

export function locateMarketplace(spec: string | undefined, cwd: string): MarketplaceTarget {
  const given = resolve(cwd, spec ?? ".");
  const shownSpec = spec ?? "the current folder";
  const kind = kindOf(given);
  if (kind === "missing" && !given.endsWith(".json")) {
    throw new PackError(
      `${shownSpec} does not exist: give --marketplace the marketplace root folder (the one that holds .agents/plugins/marketplace.json)`,
      given,
    );
  }
  if (kind === "folder" && given.endsWith(".json")) {
    throw new PackError(
      `${shownSpec} is a folder, not a marketplace file: give --marketplace the root folder (the one that holds .agents/) or its .agents/plugins/marketplace.json file`,
      given,
    );
  }
  const isFile = kind === "file" || kind === "missing";
  if (isFile && given.endsWith(`${sep}${CLAUDE_MARKETPLACE_PATH.split("/").join(sep)}`))
    throw claudeOnly(shownOf(cwd, given));
  if (isFile && !given.endsWith(`${sep}${CODEX_MARKETPLACE_PATH.split("/").join(sep)}`)) {
    throw new PackError(
      `${shownSpec} is not a Codex marketplace file: Codex reads a marketplace only from <root>/${CODEX_MARKETPLACE_PATH}; give that file or its root folder`,
      given,
    );
  }
  if (!isFile && (basename(given) === ".agents" || given.endsWith(`${sep}.agents${sep}plugins`))) {
    throw new PackError(
      `${shownSpec} is inside a marketplace: give --marketplace the root folder, the one that holds .agents/`,
      given,
    );
  }
  const root = isFile ? dirname(dirname(dirname(given))) : given;
  const file = isFile ? given : join(root, CODEX_MARKETPLACE_PATH);
  const shown = shownOf(cwd, file);
  if (kindOf(root) !== "folder") {
    throw new PackError(
      `${shownOf(cwd, root)} does not exist: install creates ${CODEX_MARKETPLACE_PATH} only inside an existing folder; create the folder first`,
      root,
    );
  }
  // The folders on the way to the marketplace file must be folders (a link to one is fine: only the marketplace
  // file is written there); plugins/ must be a real folder, or the plugin would land outside the marketplace.
  for (const folder of [join(root, ".agents"), join(root, ".agents", "plugins"), join(root, "plugins")]) {
    const link = lstatOrUndefined(folder);
    if (link === undefined) continue;
    if (link.isSymbolicLink() && folder.endsWith(`${sep}plugins`) && dirname(folder) === root) {
      throw new PackError(
        `${shownOf(cwd, folder)} is a symbolic link: install puts plugins only inside the marketplace root; replace the link with a folder`,
        folder,
      );
    }
    if (kindOf(folder) !== "folder")
      throw new PackError(`${shownOf(cwd, folder)} is not a folder: move it away, then install again`, folder);
  }
  const claude = join(root, CLAUDE_MARKETPLACE_PATH);
  const claudeFile = existsSync(claude) ? claude : undefined;
  if (!existsSync(file)) {
    // Named by the user, the Codex file is created even beside a Claude one; found by looking, it is not.
    if (claudeFile !== undefined && !isFile) throw claudeOnly(shownOf(cwd, claudeFile));
    return { root, file, shown, text: undefined, bom: "", entries: [], claudeFile };
  }
  return { root, file, shown, ...readMarketplace(file, shown), claudeFile };
}

function readMarketplace(file: string, shown: string): { text: string; bom: string; entries: unknown[] } {
  const read = readTextFile(file);
  if (!read.ok) throw new PackError(`cannot read ${shown}: it ${read.message}`, file);
  // A file nobody may write says "leave me alone"; replacing it through a rename would ignore that.
  if ((statSync(file).mode & 0o222) === 0)
    throw new PackError(`${shown} is read-only: make it writable (chmod u+w) to install into this marketplace`, file);
  const bom = read.text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = read.text.slice(bom.length);
  try {
    return { text, bom, entries: marketplaceEntries(text) };
  } catch (error) {
    if (!(error instanceof MarketplaceEditError)) throw error;
    const what = error.problem === "plugins-not-list" ? `its "plugins" is not a list` : "is not valid JSON";
    throw new PackError(
      `${shown} ${what}: fix it (plugin-lint shows where) and install again; nothing was installed`,
      file,
    );
  }
}

function claudeOnly(shown: string): PackError {
  return new PackError(
    `${shown} is a Claude Code marketplace: plugin-pack install writes Codex marketplaces (${CODEX_MARKETPLACE_PATH}) only; add the entry to it by hand, or pass --marketplace <root>/${CODEX_MARKETPLACE_PATH} to create a Codex one`,
  );
}

/**
 * Writes the new text atomically, through a symbolic link to the file it names, with the file's mode. Creates the
 * folders a new marketplace needs, and removes them again if the write fails.
 */
export function writeMarketplace(target: MarketplaceTarget, text: string): void {
  const exists = target.text !== undefined;
  let created: string | undefined;
  try {
    const file = exists ? realpathSync(target.file) : target.file;
    created = exists ? undefined : mkdirSync(dirname(file), { recursive: true });
    const mode = exists ? statSync(file).mode & 0o7777 : undefined;
    writeFileAtomic(file, target.bom + text, mode);
    // The new file was created through the umask; give it the old file's mode exactly.
    if (mode !== undefined && (statSync(file).mode & 0o7777) !== mode) chmodSync(file, mode);
  } catch (error) {
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw new PackError(
      `cannot write ${target.shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      target.file,
    );
  }
}

function kindOf(path: string): "folder" | "file" | "missing" {
  try {
    return lstatSync(path).isDirectory() || statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

/** Relative to cwd when inside it, else absolute: the path a user can paste. */
export function shownOf(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || resolve(cwd, rel) !== path ? path : rel;
}
