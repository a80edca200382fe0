/**
 * Files the tools keep between runs in the user's cache folder (the deflate cache, the code cache): each read in one
 * go, replaced whole, and pruned by age. A cache file that cannot be read or written costs time, never an error.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
} from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./fs-safe.js";

/**
 * `<the OS user cache folder>/agent-plugin/<name>`: `$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on
 * macOS, `%LOCALAPPDATA%` on Windows. Undefined when the environment names no home: then nothing is cached.
 */
export function userCacheFolder(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  let base: string | undefined;
  if (platform === "win32") base = env.LOCALAPPDATA;
  else if (platform === "darwin") base = env.HOME ? join(env.HOME, "Library", "Caches") : undefined;
  else base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : undefined);
  return base ? join(base, "agent-plugin", name) : undefined;
}

/**
 * The file's bytes, or undefined when it cannot be read (absent, a folder, no permission), is not a regular file (a
 * FIFO would block the read forever) or is larger than `maxBytes` (no cache file that large was ever written).
 */
export function readCacheBytes(file: string, maxBytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `file` whole: written under a name of its own, then renamed over it, so a reader (or a concurrent run)
 * sees the old file or the new one, never a mix. False when it could not (unwritable folder, disk full).
 */
export function replaceCacheFile(file: string, bytes: Uint8Array): boolean {
  try {
    writeFileAtomic(file, bytes, 0o600);
    return true;
  } catch {
    return false;
  }
}

/** Marks the file as just used, for pruning by age, without rewriting it. */
export function touchCacheFile(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Gone or read-only: the next run rewrites or ignores it.
  }
}

export interface PruneLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Temporary files older than this were left by a run that died: removed by the next prune. */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/**
 * Deletes the least recently used cache files until at most `maxFiles` remain, holding at most `maxBytes` together.
 * Only names ending in `.cache` (and stale `.tmp`) are touched: anything else in the folder is left alone.
 */
export function pruneCacheFolder(folder: string, limits: PruneLimits, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const files: { path: string; size: number; used: number }[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      const stats = statSync(path);
      if (!stats.isFile()) continue;
      if (name.endsWith(".tmp") && now - stats.mtimeMs > STALE_TEMPORARY_MS) unlinkSync(path);
      else if (name.endsWith(".cache")) files.push({ path, size: stats.size, used: stats.mtimeMs });
    } catch {
      // Removed meanwhile by another run: nothing to do.
    }
  }
  files.sort((a, b) => b.used - a.used);
  let kept = 0;
  let bytes = 0;
  // Once one file does not fit, every older one goes too: oldest first, never a hole in the middle.
  let full = false;
  for (const file of files) {
    full ||= kept >= limits.maxFiles || bytes + file.size > limits.maxBytes;
    if (!full) {
      kept++;
      bytes += file.size;
      continue;
    }
    try {
      unlinkSync(file.path);
    } catch {
      // Already gone.
    }
  }
}
