/**
 * Writing a converted plugin without ever leaving half of one: the copy is assembled in a temporary sibling of
 * the destination and renamed into place at the end; in place, the original is moved aside, the copy moved in,
 * and the original removed only then (or moved back when the swap fails).
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { PackError } from "../errors.js";

export interface StagedChanges {
  /** Relative paths to leave out of the copy. */
  remove: readonly string[];
  /** Relative path → text. */
  write: ReadonlyMap<string, string>;
}

/** Folders a new copy leaves out: the repository and installed dependencies stay with the original. */
const NOT_COPIED = new Set([".git", "node_modules"]);

const describe = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Refuses a destination that exists and is not an empty folder, or that lies inside the plugin. */
export function checkDestination(root: string, out: string, shown: string): void {
  const inside = relative(root, out);
  if (inside === "" || (!inside.startsWith("..") && !inside.startsWith(sep) && !/^[A-Za-z]:/.test(inside)))
    throw new PackError(`${shown} is inside the plugin folder: give --out a folder outside it, or use --in-place`, out);
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new PackError(`cannot use ${shown} as the output (${describe(error)})`, out);
  }
  if (!stats.isDirectory() || stats.isSymbolicLink() || readdirSync(out).length > 0)
    throw new PackError(`${shown} exists: give --out a new or empty folder (nothing was written)`, out);
}

/** Copies the plugin into a new folder `out`, with the changes, atomically. */
export function writeNewFolder(root: string, out: string, shown: string, changes: StagedChanges): void {
  const parent = dirname(out);
  let created: string | undefined;
  try {
    created = mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new PackError(`cannot create ${dirname(shown)} (${describe(error)}); nothing was written`, parent);
  }
  let stage: string | undefined;
  try {
    stage = stageCopy(root, parent, basename(out), changes, (path) => !NOT_COPIED.has(basename(path)));
    if (existsSync(out)) rmdirSync(out); // an empty folder, checked before
    renameSync(stage, out);
  } catch (error) {
    if (stage !== undefined) rmSync(stage, { recursive: true, force: true });
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw error instanceof PackError
      ? error
      : new PackError(`cannot write ${shown} (${describe(error)}); nothing was written`, out);
  }
}

/** Replaces the plugin folder with its converted copy (every file kept, .git and node_modules included). */
export function replaceInPlace(root: string, shown: string, changes: StagedChanges): void {
  const parent = dirname(root);
  const stage = stageCopy(root, parent, basename(root), changes, () => true);
  const aside = `${stage}.old`;
  try {
    renameSync(root, aside);
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw new PackError(`cannot move ${shown} aside (${describe(error)}); nothing was changed`, root);
  }
  try {
    renameSync(stage, root);
  } catch (error) {
    renameSync(aside, root);
    rmSync(stage, { recursive: true, force: true });
    throw new PackError(`cannot move the converted copy into ${shown} (${describe(error)}); nothing was changed`, root);
  }
  rmSync(aside, { recursive: true, force: true });
}

/** The copy with the changes applied, in a new hidden folder of `parent`. */
function stageCopy(
  root: string,
  parent: string,
  name: string,
  changes: StagedChanges,
  keep: (path: string) => boolean,
): string {
  let stage: string;
  try {
    stage = mkdtempSync(join(parent, `.${name}.convert-`));
  } catch (error) {
    throw new PackError(`cannot write in ${parent} (${describe(error)}); nothing was written`, parent);
  }
  try {
    cpSync(root, stage, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (path) => path === root || keep(path),
    });
    for (const path of changes.remove) {
      rmSync(join(stage, path), { force: true });
      removeEmptyParents(stage, dirname(join(stage, path)));
    }
    for (const [path, text] of changes.write) {
      mkdirSync(dirname(join(stage, path)), { recursive: true });
      writeFileSync(join(stage, path), text);
    }
    return stage;
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw new PackError(`cannot copy the plugin into ${parent} (${describe(error)}); nothing was written`, parent);
  }
}

/** `.codex-plugin/` without its manifest goes too. */
function removeEmptyParents(stage: string, dir: string): void {
  while (dir !== stage && dir.startsWith(stage) && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}
