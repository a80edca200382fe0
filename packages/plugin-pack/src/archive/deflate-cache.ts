/**
 * A cache of deflated entries by content, so packing a plugin again deflates only the files that changed.
 *
 * Key: the SHA-256 of the file's content, within a cache file stamped with the deflate's identity (the patched .wasm,
 * the level, deflate.ts's own choices): a stream is only ever reused by the deflate that would have made the very same
 * bytes, so a warm archive is byte-identical to a cold one. Trust: a cached stream is used only after node:zlib
 * inflates it back to exactly the file's bytes; the CRC-32 is always computed from the file itself. A cache that is
 * missing, unreadable, damaged or foreign therefore costs a cold pack, and never changes an archive or fails one.
 *
 * One file per packed plugin folder (named by a hash of its real path) holds the streams its last pack used; it is
 * replaced whole after each successful pack, and the folder is pruned to a bound.
 */
import { createHash } from "node:crypto";
import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import {
  pruneCacheFolder,
  readCacheBytes,
  replaceCacheFile,
  touchCacheFile,
  userCacheFolder,
} from "@agent-plugin/core/model";
import { type CachedStreams, decodeCacheFile, encodeCacheFile } from "./cache-file.js";
import { deflateIdentity, isStoredBlocks, PROBE_FLOOR, storedBlocks } from "./deflate.js";
import { inflatesTo } from "./inflate-check.js";
import { CANONICAL } from "./zip-write.js";

/** The environment variable that moves the cache folder. */
export const PACK_CACHE_ENV = "AGENT_PLUGIN_PACK_CACHE";
/** A plugin whose streams add up to more than this is not cached: one file must stay cheap to read in one go. */
export const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;
/**
 * An incompressible file is written as stored blocks (deflate.ts), which hold the file itself: the cache keeps an empty
 * stream for it instead (no deflate stream is empty), so that neither the cache file nor a warm pack's memory grows by
 * the file's size, and a warm pack skips deflate's probe (and loading the deflate) for it.
 */
function storedMark(compressed: Uint8Array, size: number): Uint8Array | undefined {
  return size >= PROBE_FLOOR && isStoredBlocks(compressed, size) ? STORED : undefined;
}
const STORED = new Uint8Array(0);
/** The whole folder's bound, kept by dropping the least recently packed plugins' files. */
export const CACHE_FOLDER_LIMITS = { maxFiles: 64, maxBytes: 256 * 1024 * 1024 };

/**
 * Where the CLI keeps the cache: `$AGENT_PLUGIN_PACK_CACHE`, else the OS user cache folder + `agent-plugin/pack`
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows). Undefined
 * when the environment names no home: then nothing is cached.
 */
export function defaultCacheFolder(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  return env[PACK_CACHE_ENV] || userCacheFolder("pack", env, platform);
}

/** A stream made from a file, as the cache keeps it. */
export interface CacheableStream {
  sha256: string;
  /** The content's size. */
  size: number;
  compressed: Uint8Array;
  reused: boolean;
}

export class DeflateCache {
  readonly #folder: string;
  readonly #file: string;
  readonly #identity: Buffer;
  /** The streams the last pack of this folder used, by content hash. */
  readonly streams: CachedStreams;

  /** Reads the plugin folder's cache file, if any. Never throws: whatever cannot be read is an empty cache. */
  constructor(folder: string, pluginRoot: string) {
    this.#folder = folder;
    this.#file = join(folder, `${cacheName(pluginRoot)}.cache`);
    this.#identity = deflateIdentity(CANONICAL.level);
    const bytes = readCacheBytes(this.#file, MAX_CACHE_FILE_BYTES);
    this.streams = bytes ? decodeCacheFile(bytes, this.#identity) : new Map();
  }

  /**
   * Keeps the streams this pack used, and only those, then prunes the folder. When every one came from the cache
   * and nothing else was in it, the file is only marked as used. Failures are ignored: the cache is an optimisation.
   */
  save(used: readonly CacheableStream[]): void {
    const streams = new Map<string, Uint8Array>();
    for (const { sha256, compressed, size } of used) streams.set(sha256, storedMark(compressed, size) ?? compressed);
    if (used.every((stream) => stream.reused) && streams.size === this.streams.size) {
      touchCacheFile(this.#file);
      return;
    }
    const bytes = encodeCacheFile(this.#identity, streams);
    if (bytes.length > MAX_CACHE_FILE_BYTES) return;
    try {
      mkdirSync(this.#folder, { recursive: true, mode: 0o700 });
    } catch {
      return;
    }
    if (replaceCacheFile(this.#file, bytes)) pruneCacheFolder(this.#folder, CACHE_FOLDER_LIMITS);
  }
}

/** The stream cached for `data`, if there is one and it inflates to exactly `data`. */
export function verifiedStream(
  cached: ReadonlyMap<string, Uint8Array>,
  sha256: string,
  data: Uint8Array,
): Uint8Array | undefined {
  const stream = cached.get(sha256);
  if (stream === undefined) return undefined;
  // Made from the file's own bytes, so it cannot hold anything else.
  if (stream.length === 0) return data.length >= PROBE_FLOOR ? storedBlocks(data) : undefined;
  // Bounded: a damaged stream cannot inflate past the size it must have.
  return inflatesTo(stream, data) ? stream : undefined;
}

/** A plugin folder's cache file name: the SHA-256 of its real path, so a symlink or `..` in it finds the same file. */
function cacheName(pluginRoot: string): string {
  let real = pluginRoot;
  try {
    real = realpathSync(pluginRoot);
  } catch {
    // Packing reads it next and reports the problem; the name only has to be stable.
  }
  return createHash("sha256").update(real).digest("hex").slice(0, 32);
}
