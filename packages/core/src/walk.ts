import { type Dirent, lstatSync, readdirSync, type Stats } from "node:fs";
import { join, sep } from "node:path";
import { isInside, realpath, toPosixRelative } from "./paths.js";

export interface WalkedFile {
  /** Path relative to the walked root, with `/` separators. */
  relative: string;
  absolute: string;
  size: number;
  mode: number;
}

export interface WalkedLink {
  relative: string;
  absolute: string;
  target?: string;
  problem: "loop" | "outside" | "inside" | "dangling";
}

export interface WalkResult {
  files: WalkedFile[];
  directories: string[];
  links: WalkedLink[];
  unreadable: { relative: string; absolute: string; message: string }[];
  /** Set when the walk stopped at its limits. */
  truncated?: string;
}

/** Folders that never belong to a plugin's content and would only slow the walk. */
export const SKIPPED_DIRECTORIES = new Set([".git", ".hg", ".svn", "node_modules", ".turbo"]);
export const MAX_WALK_ENTRIES = 50_000;
export const MAX_WALK_DEPTH = 32;

/**
 * Lists a folder without following symbolic links, so loops and links out of the plugin are
 * reported instead of followed. Entries are sorted, so results never depend on the file system's order.
 * One pass: the folder listing says which entries are folders, so only files, links and the rest are stat'ed (for
 * their size and mode), and relative paths are built as the walk descends instead of computed for every entry.
 */
export function walk(root: string): WalkResult {
  const result: WalkResult = { files: [], directories: [], links: [], unreadable: [] };
  const realRoot = realpath(root);
  const stack: { dir: string; relative: string; depth: number; index: number }[] = [
    { dir: root, relative: "", depth: 0, index: -1 },
  ];
  // Folders listed by their parent that turned out not to be readable at all (their index in `directories`).
  const dropped = new Set<number>();
  let entries = 0;
  while (stack.length > 0) {
    const { dir, relative: dirRelative, depth, index } = stack.pop()!;
    let listing: Dirent[];
    try {
      listing = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (error) {
      const unstatable = index >= 0 ? lstatError(dir) : undefined;
      if (unstatable) dropped.add(index);
      result.unreadable.push({
        relative: index >= 0 ? dirRelative : toPosixRelative(root, dir),
        absolute: dir,
        message: unstatable
          ? `cannot be read (${unstatable.code})`
          : `cannot list folder (${(error as NodeJS.ErrnoException).code})`,
      });
      continue;
    }
    const subdirectories: { dir: string; relative: string; index: number }[] = [];
    for (const entry of listing) {
      if (++entries > MAX_WALK_ENTRIES) {
        result.truncated = `stopped after ${MAX_WALK_ENTRIES} entries`;
        return finish(result, dropped);
      }
      const name = entry.name;
      // join() only at the root, which may be written any way; below it, parent paths are already normalized.
      const absolute = index < 0 ? join(dir, name) : `${dir}${sep}${name}`;
      const relative = index < 0 ? name : `${dirRelative}/${name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name)) continue;
        result.directories.push(relative);
        if (depth + 1 > MAX_WALK_DEPTH) {
          result.truncated = `stopped at folder depth ${MAX_WALK_DEPTH} (${relative})`;
          continue;
        }
        subdirectories.push({ dir: absolute, relative, index: result.directories.length - 1 });
        continue;
      }
      let stats: Stats;
      try {
        stats = lstatSync(absolute);
      } catch (error) {
        result.unreadable.push({
          relative,
          absolute,
          message: `cannot be read (${(error as NodeJS.ErrnoException).code})`,
        });
        continue;
      }
      if (stats.isSymbolicLink()) {
        result.links.push(describeLink(realRoot, relative, absolute));
      } else if (stats.isFile()) {
        result.files.push({ relative, absolute, size: stats.size, mode: stats.mode });
      } else {
        result.unreadable.push({
          relative,
          absolute,
          message: "is not a regular file (a FIFO, socket or device); remove it from the plugin",
        });
      }
    }
    for (let i = subdirectories.length - 1; i >= 0; i--) stack.push({ ...subdirectories[i]!, depth: depth + 1 });
  }
  return finish(result, dropped);
}

/** Names in UTF-16 code unit order, as `Array.prototype.sort` orders plain strings. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The error lstat gives for a path, if it gives one: a folder its parent lists but lets nobody look into. */
function lstatError(path: string): NodeJS.ErrnoException | undefined {
  try {
    lstatSync(path);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function finish(result: WalkResult, dropped: ReadonlySet<number>): WalkResult {
  if (dropped.size > 0) result.directories = result.directories.filter((_, index) => !dropped.has(index));
  result.files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return result;
}

function describeLink(realRoot: string, relative: string, absolute: string): WalkedLink {
  try {
    const target = realpath(absolute);
    return { relative, absolute, target, problem: isInside(realRoot, target) ? "inside" : "outside" };
  } catch (error) {
    return { relative, absolute, problem: (error as NodeJS.ErrnoException).code === "ELOOP" ? "loop" : "dangling" };
  }
}
