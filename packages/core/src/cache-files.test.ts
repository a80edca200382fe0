/**
 * The cache folder's files: pruned oldest first to their bounds without touching what is not a cache file; read only
 * when a regular file; and where each OS keeps caches.
 */
import { tempDir } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pruneCacheFolder, readCacheBytes, userCacheFolder } from "./cache-files.js";

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

  it("leaves other files alone, and removes temporary files left by a run that died", () => {
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

describe("readCacheBytes", () => {
  it("reads a regular file up to its bound, and nothing else", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.cache"), "12345");
    expect(readCacheBytes(join(dir, "a.cache"), 5)?.toString()).toBe("12345");
    expect(readCacheBytes(join(dir, "a.cache"), 4)).toBeUndefined();
    expect(readCacheBytes(join(dir, "absent.cache"), 5)).toBeUndefined();
    mkdirSync(join(dir, "folder.cache"));
    expect(readCacheBytes(join(dir, "folder.cache"), 5)).toBeUndefined();
    await execa("mkfifo", [join(dir, "fifo.cache")]);
    expect(readCacheBytes(join(dir, "fifo.cache"), 5)).toBeUndefined();
  });
});

describe("userCacheFolder", () => {
  it("is the OS user cache folder + agent-plugin/<name>, else none", () => {
    expect(userCacheFolder("code", { XDG_CACHE_HOME: "/xdg", HOME: "/home/u" }, "linux")).toBe(
      "/xdg/agent-plugin/code",
    );
    expect(userCacheFolder("code", { HOME: "/home/u" }, "linux")).toBe("/home/u/.cache/agent-plugin/code");
    expect(userCacheFolder("code", { HOME: "/Users/u" }, "darwin")).toBe("/Users/u/Library/Caches/agent-plugin/code");
    expect(userCacheFolder("code", {}, "win32")).toBeUndefined();
    expect(userCacheFolder("code", {}, "linux")).toBeUndefined();
  });
});
