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
 * One pass: the folder listing says what each entry is, so nothing is stat'ed (a file's size and mode are read when
 * asked), and relative paths are built as the walk descends instead of computed for every entry.
 */
export function walk(root: string): WalkResult {
  const result: WalkResult = { files: [], directories: [], links: [], unreadable: [] };
  // Resolved at the first link: only a link's target needs it, and most plugins have none.
  let realRoot: string | undefined;
  const stack: { dir: string; relative: string; depth: number; index: number }[] = [
    { dir: root, relative: "", depth: 0, index: -1 },
  ];
  // Folders listed by their parent that turned out not to be readable at all (their index in `directories`).
  const dropped = new Set<number>();
  let entries = 0;
  while (stack.length > 0) {
    const { dir, relative: dirRelative, depth, index } = stack.pop()!;
    let listing: Dirent[];
    // Listed through `<dir>/.`, which opens only when the folder can be searched as well as read: then its entries
    // can be lstat'ed, and the types the listing gives are theirs. A folder that can only be read is listed as it is,
    // and its entries are lstat'ed, which says why none of them can be read.
    let searchable = true;
    try {
      listing = readdirSync(`${dir}${sep}.`, { withFileTypes: true });
    } catch {
      searchable = false;
    }
    try {
      listing = (searchable ? listing! : readdirSync(dir, { withFileTypes: true })).sort(byName);
    } catch (error) {
      // A root that does not resolve throws, as it always has: only its listing may fail into `unreadable`.
      if (index < 0) realpath(root);
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
      // The listing's type is the lstat type (Node lstats the entries a file system leaves untyped), so a regular file
      // needs no call of its own here: its size and mode are read when asked, and a lint asks for few.
      let stats: Dirent | Stats = entry;
      if (!searchable) {
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
      }
      if (stats.isFile()) {
        result.files.push(new ListedFile(relative, absolute));
      } else if (stats.isSymbolicLink()) {
        realRoot ??= realpath(root);
        result.links.push(describeLink(realRoot, relative, absolute));
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

/**
 * A regular file the walk listed, whose size and mode come from one lstat on first use. A file gone by then reads
 * as empty, with no permissions: reading it then fails anyway, and says so. A class, so each of the plugin's files
 * costs one small object (a lint holds every file of a plugin at once).
 */
class ListedFile implements WalkedFile {
  #stats: Stats | undefined;
  constructor(
    readonly relative: string,
    readonly absolute: string,
  ) {}

  get size(): number {
    return this.#status()?.size ?? 0;
  }

  get mode(): number {
    return this.#status()?.mode ?? 0;
  }

  #status(): Stats | undefined {
    if (this.#stats === undefined) {
      try {
        this.#stats = lstatSync(this.absolute);
      } catch {
        return undefined;
      }
    }
    return this.#stats;
  }
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

/** What a walk saw at a path: a regular file, a folder, nothing, or undefined when only the file system can say. */
export type WalkedKind = "file" | "directory" | "missing" | undefined;

/**
 * What a walk knows of a path below its root (relative, with `/`), as `statSync` would answer (links followed): a file
 * or folder it listed, or nothing when it listed everything where the path would be; undefined when only the file
 * system can say (a link, an unreadable or skipped folder on the way, a walk cut short). Lets a load ask the walk
 * instead of the disk.
 */
export function walkedKinds(result: WalkResult): (relative: string) => WalkedKind {
  let files: Set<string> | undefined;
  let directories: Set<string> | undefined;
  let opaque: Set<string> | undefined;
  return (relative) => {
    if (result.truncated !== undefined) return undefined;
    files ??= new Set(result.files.map((file) => file.relative));
    directories ??= new Set(result.directories);
    opaque ??= new Set([...result.links, ...result.unreadable].map((entry) => entry.relative));
    if (files.has(relative)) return "file";
    if (directories.has(relative)) return "directory";
    if (opaque.has("")) return undefined;
    let prefix = "";
    for (const part of relative.split("/")) {
      if (part === "" || part === "." || part === ".." || SKIPPED_DIRECTORIES.has(part)) return undefined;
      prefix = prefix === "" ? part : `${prefix}/${part}`;
      if (opaque.has(prefix)) return undefined;
    }
    return "missing";
  };
}
