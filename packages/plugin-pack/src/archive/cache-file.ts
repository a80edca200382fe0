/**
 * The on-disk form of a deflate cache: one file per packed plugin folder, read in one go, replaced whole.
 *
 *   "agent-plugin pack cache 1\n"   magic and format version
 *   32 bytes                        the deflate identity the streams were made with
 *   u32 count, then count times:    32-byte SHA-256 of the file's content, u32 length, the raw deflate stream
 *
 * Integers are little-endian. Anything that does not parse exactly (short, long, wrong magic) decodes as empty:
 * a damaged cache costs a cold pack, never an error.
 */
import { writeFileAtomic } from "@agent-plugin/core/model";
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

const MAGIC = Buffer.from("agent-plugin pack cache 1\n", "latin1");
const DIGEST_BYTES = 32;

/** Streams by the SHA-256 (hex) of the content they inflate to. */
export type CachedStreams = Map<string, Uint8Array>;

export function encodeCacheFile(identity: Uint8Array, streams: ReadonlyMap<string, Uint8Array>): Buffer {
  let size = MAGIC.length + DIGEST_BYTES + 4;
  for (const stream of streams.values()) size += DIGEST_BYTES + 4 + stream.length;
  const out = Buffer.allocUnsafe(size);
  let at = MAGIC.copy(out, 0);
  at += Buffer.from(identity).copy(out, at);
  at = out.writeUInt32LE(streams.size, at);
  for (const [sha256, stream] of streams) {
    at += out.write(sha256, at, DIGEST_BYTES, "hex");
    at = out.writeUInt32LE(stream.length, at);
    out.set(stream, at);
    at += stream.length;
  }
  return out;
}

/** The streams of a cache file made with `identity`; empty when it is not one, or was made with another deflate. */
export function decodeCacheFile(bytes: Buffer, identity: Uint8Array): CachedStreams {
  const streams: CachedStreams = new Map();
  const header = MAGIC.length + DIGEST_BYTES + 4;
  if (bytes.length < header || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return streams;
  if (!bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES).equals(identity)) return streams;
  const count = bytes.readUInt32LE(MAGIC.length + DIGEST_BYTES);
  let at = header;
  for (let i = 0; i < count; i++) {
    if (at + DIGEST_BYTES + 4 > bytes.length) return new Map();
    const sha256 = bytes.toString("hex", at, at + DIGEST_BYTES);
    const length = bytes.readUInt32LE(at + DIGEST_BYTES);
    at += DIGEST_BYTES + 4;
    if (at + length > bytes.length) return new Map();
    streams.set(sha256, bytes.subarray(at, at + length));
    at += length;
  }
  return at === bytes.length ? streams : new Map();
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
 * Replaces `file` whole: written under a name of its own, then renamed over it, so a reader (or a concurrent pack)
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
    // Gone or read-only: the next pack rewrites or ignores it.
  }
}

export interface PruneLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Temporary files older than this were left by a pack that died: removed by the next prune. */
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
      // Removed meanwhile by another pack: nothing to do.
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
