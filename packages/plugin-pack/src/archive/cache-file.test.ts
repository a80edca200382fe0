/**
 * The deflate cache's file and folder: the format round-trips and rejects anything else whole, and the folder is where
 * each OS keeps caches (core's cache-files.test.ts covers pruning).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCacheFile, encodeCacheFile } from "./cache-file.js";
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
