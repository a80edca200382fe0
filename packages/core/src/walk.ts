import { lstatSync, readdirSync, realpathSync, type Stats } from "node:fs";
import { join } from "node:path";
import { isInside, toPosixRelative } from "./paths.js";

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
 */
export function walk(root: string): WalkResult {
  const result: WalkResult = { files: [], directories: [], links: [], unreadable: [] };
  const realRoot = realpathSync(root);
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let entries = 0;
  while (stack.length > 0) {
    const { dir, depth } = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      result.unreadable.push({
        relative: toPosixRelative(root, dir),
        absolute: dir,
        message: `cannot list folder (${(error as NodeJS.ErrnoException).code})`,
      });
      continue;
    }
    const subdirectories: string[] = [];
    for (const name of names) {
      if (++entries > MAX_WALK_ENTRIES) {
        result.truncated = `stopped after ${MAX_WALK_ENTRIES} entries`;
        return finish(result);
      }
      const absolute = join(dir, name);
      const relative = toPosixRelative(root, absolute);
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
      } else if (stats.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name)) continue;
        result.directories.push(relative);
        if (depth + 1 > MAX_WALK_DEPTH) {
          result.truncated = `stopped at folder depth ${MAX_WALK_DEPTH} (${relative})`;
          continue;
        }
        subdirectories.push(absolute);
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
    for (let i = subdirectories.length - 1; i >= 0; i--) stack.push({ dir: subdirectories[i]!, depth: depth + 1 });
  }
  return finish(result);
}

function finish(result: WalkResult): WalkResult {
  result.files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return result;
}

function describeLink(realRoot: string, relative: string, absolute: string): WalkedLink {
  try {
    const target = realpathSync(absolute);
    return { relative, absolute, target, problem: isInside(realRoot, target) ? "inside" : "outside" };
  } catch (error) {
    return { relative, absolute, problem: (error as NodeJS.ErrnoException).code === "ELOOP" ? "loop" : "dangling" };
  }
}
