/**
 * The deflate cache's file and folder: the format round-trips and rejects anything else whole, the folder is pruned
 * oldest first to its bounds without touching what is not a cache file, and the folder is where each OS keeps caches.
 */
import { tempDir } from "@agent-plugin/test-utils";
import { existsSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCacheFile, encodeCacheFile, pruneCacheFolder } from "./cache-file.js";
import { deflateRaw, isStoredBlocks, storedBlocks } from "./deflate.js";
import { defaultCacheFolder } from "./deflate-cache.js";

const identity = Buffer.alloc(32, 7);
const streams = new Map([
  ["a".repeat(64), Uint8Array.from([1, 2, 3])],
  ["b".repeat(64), new Uint8Array(0)],
  ["c".repeat(64), Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff)],
]);

describe("cache file format", () => {
  it("round-trips its streams", () => {
    const decoded = decodeCacheFile(encodeCacheFile(identity, streams), identity);
    expect([...decoded.keys()]).toEqual([...streams.keys()]);
    for (const [key, stream] of streams) expect(Buffer.from(decoded.get(key)!).equals(stream)).toBe(true);
  });

  it("decodes anything short, long, foreign or of another identity as empty", () => {
    const bytes = encodeCacheFile(identity, streams);
    for (let cut = 0; cut < bytes.length; cut += 97)
      expect(decodeCacheFile(bytes.subarray(0, cut), identity).size).toBe(0);
    expect(decodeCacheFile(bytes.subarray(0, bytes.length - 1), identity).size).toBe(0);
    expect(decodeCacheFile(Buffer.concat([bytes, Buffer.from([0])]), identity).size).toBe(0);
    expect(decodeCacheFile(bytes, Buffer.alloc(32, 8)).size).toBe(0);
    expect(decodeCacheFile(Buffer.from("PK\x03\x04 not a cache"), identity).size).toBe(0);
  });
});

describe("pruneCacheFolder", () => {
  /** `count` cache files of `size` bytes, file 0 the most recently used. */
  function folderOf(count: number, size: number): string {
    const folder = tempDir();
    const now = Date.now() / 1000;
    for (let i = 0; i < count; i++) {
      const file = join(folder, `${String(i).padStart(3, "0")}.cache`);
      writeFileSync(file, Buffer.alloc(size));
      utimesSync(file, now - i * 60, now - i * 60);
    }
    return folder;
  }
  const left = (folder: string) =>
    readdirSync(folder)
      .filter((name) => name.endsWith(".cache"))
      .sort();

  it("keeps the most recently used files up to the count", () => {
    const folder = folderOf(70, 10);
    pruneCacheFolder(folder, { maxFiles: 64, maxBytes: 1 << 30 });
    expect(left(folder)).toEqual(Array.from({ length: 64 }, (_, i) => `${String(i).padStart(3, "0")}.cache`));
  });

  it("keeps the most recently used files up to the size, dropping every older one", () => {
    const folder = folderOf(10, 1000);
    pruneCacheFolder(folder, { maxFiles: 64, maxBytes: 3500 });
    expect(left(folder)).toEqual(["000.cache", "001.cache", "002.cache"]);
  });

  it("leaves other files alone, and removes temporary files left by a pack that died", () => {
    const folder = folderOf(3, 10);
    writeFileSync(join(folder, "README"), "mine\n");
    const stale = join(folder, "x.cache.1-ab.tmp");
    const fresh = join(folder, "y.cache.2-cd.tmp");
    writeFileSync(stale, "");
    writeFileSync(fresh, "");
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(stale, hourAgo, hourAgo);
    pruneCacheFolder(folder, { maxFiles: 1, maxBytes: 1 << 30 });
    expect(left(folder)).toEqual(["000.cache"]);
    expect(existsSync(join(folder, "README"))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it("a folder that does not exist is not an error", () => {
    expect(() => pruneCacheFolder(join(tempDir(), "absent"), { maxFiles: 1, maxBytes: 1 })).not.toThrow();
  });
});

describe("defaultCacheFolder", () => {
  it("is the env var, else the OS user cache folder + agent-plugin/pack, else none", () => {
    expect(defaultCacheFolder({ AGENT_PLUGIN_PACK_CACHE: "/x/cache", HOME: "/home/u" }, "linux")).toBe("/x/cache");
    expect(defaultCacheFolder({ XDG_CACHE_HOME: "/xdg", HOME: "/home/u" }, "linux")).toBe("/xdg/agent-plugin/pack");
    expect(defaultCacheFolder({ HOME: "/home/u" }, "linux")).toBe("/home/u/.cache/agent-plugin/pack");
    expect(defaultCacheFolder({ HOME: "/Users/u" }, "darwin")).toBe("/Users/u/Library/Caches/agent-plugin/pack");
    expect(defaultCacheFolder({ LOCALAPPDATA: "/c/AppData/Local" }, "win32")).toBe(
      join("/c/AppData/Local", "agent-plugin", "pack"),
    );
    expect(defaultCacheFolder({}, "linux")).toBeUndefined();
  });
});

describe("isStoredBlocks", () => {
  it("recognises exactly what storedBlocks makes, and nothing else", () => {
    for (const size of [0, 1, 65_535, 65_536, 200_000]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
      const stored = storedBlocks(data);
      expect(isStoredBlocks(stored, size)).toBe(true);
      expect(isStoredBlocks(stored, size + 1)).toBe(false);
      const changed = Uint8Array.from(stored);
      changed[0] = changed[0]! ^ 1;
      expect(isStoredBlocks(changed, size)).toBe(false);
    }
    const text = new TextEncoder().encode("the quick brown fox\n".repeat(20_000));
    expect(isStoredBlocks(deflateRaw(text, 6), text.length)).toBe(false);
  });
});
