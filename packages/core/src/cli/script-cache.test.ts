import { tempDir } from "@agent-plugin/test-utils";
import { buildSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheState, cacheFolderUsable, defaultCacheDir, SCRIPT_HEADER } from "./script-cache.js";

// Each start is a process of its own, as a bin's is: within one process V8 reuses what it compiled and never reads
// the cache. The loader is bundled from this folder's source for them.
let loaderDir: string;
let loader: string;
beforeAll(() => {
  loaderDir = mkdtempSync(join(tmpdir(), "script-cache-"));
  loader = join(loaderDir, "script-cache.mjs");
  buildSync({
    entryPoints: [join(import.meta.dirname, "script-cache.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: loader,
    logLevel: "error",
  });
});
afterAll(() => rmSync(loaderDir, { recursive: true, force: true }));

interface Start {
  cache: CacheState;
  cacheFile?: string;
  exports: Record<string, unknown>;
}

/** Loads the script in a new process, saves its cache, and returns what the loader saw. */
function start(options: { file: string; cacheDir: string; env?: Record<string, string> }): Start {
  const program = `import { loadCachedScript } from ${JSON.stringify(pathToFileURL(loader).href)};
const run = loadCachedScript({ file: ${JSON.stringify(options.file)}, name: "tool", cacheDir: ${JSON.stringify(options.cacheDir)} });
run.saveCache();
console.log(JSON.stringify({ cache: run.cache, cacheFile: run.cacheFile, exports: run.exports }));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", program], {
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: "", ...options.env },
    encoding: "utf8",
  });
  return JSON.parse(output) as Start;
}

/** A script as the build writes one: the hash line, then CommonJS that uses what the loader passes it. */
function writeScript(dir: string, body: string): string {
  const file = join(dir, "cli.cjs");
  writeFileSync(file, `${SCRIPT_HEADER}${createHash("sha256").update(body).digest("hex")}\n${body}`);
  return file;
}

const BODY = `"use strict";
const { basename } = require("node:path");
function square(n) { return n * n; }
module.exports = { squares: [1, 2, 3].map(square), name: basename(__filename), url: __importMetaUrl, strict: this === undefined };
`;

describe("the bins' code cache (Node 20)", () => {
  it("runs the script, writes its cache after the run, and uses it on the next start", () => {
    const dir = tempDir();
    const cacheDir = join(dir, "cache");
    const file = writeScript(dir, BODY);
    const first = start({ file, cacheDir });
    expect(first.cache).toBe("absent");
    expect(first.exports).toEqual({
      squares: [1, 4, 9],
      name: "cli.cjs",
      url: pathToFileURL(file).href,
      strict: true,
    });
    const hash = readFileSync(file, "utf8").slice(SCRIPT_HEADER.length, SCRIPT_HEADER.length + 32);
    expect(readdirSync(cacheDir)).toEqual([`tool.${hash}.${process.version}-${process.arch}.v8cache`]);

    const second = start({ file, cacheDir });
    expect(second.cache).toBe("accepted");
    expect(second.exports).toEqual(first.exports);
  });

  it("refuses a corrupt or truncated cache, still runs, and replaces it", () => {
    const dir = tempDir();
    const cacheDir = join(dir, "cache");
    const file = writeScript(dir, BODY);
    const made = start({ file, cacheDir });
    const cacheFile = made.cacheFile!;
    const good = readFileSync(cacheFile);
    for (const bad of [Buffer.from("not a code cache"), good.subarray(0, good.length >> 1), Buffer.alloc(0)]) {
      writeFileSync(cacheFile, bad);
      const run = start({ file, cacheDir });
      expect(run.cache).toBe("rejected");
      expect(run.exports).toEqual(made.exports);
      expect(start({ file, cacheDir }).cache).toBe("accepted");
    }
  });

  it("never serves one script's cache to another, even of the same length", () => {
    const dir = tempDir();
    const cacheDir = join(dir, "cache");
    const file = writeScript(dir, BODY);
    start({ file, cacheDir });
    writeScript(dir, BODY.replace("n * n", "n + n"));
    const changed = start({ file, cacheDir });
    expect(changed.cache).toBe("absent");
    expect(changed.exports.squares).toEqual([2, 4, 6]);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE or without the hash line, and writes nothing", () => {
    const dir = tempDir();
    const cacheDir = join(dir, "cache");
    const file = writeScript(dir, BODY);
    const off = start({ file, cacheDir, env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(off.cache).toBe("disabled");
    writeFileSync(file, BODY);
    const unhashed = start({ file, cacheDir });
    expect(unhashed.cache).toBe("disabled");
    expect(unhashed.exports.squares).toEqual([1, 4, 9]);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("never fails the command when the cache folder cannot be made or written", () => {
    const dir = tempDir();
    const notAFolder = join(dir, "file");
    writeFileSync(notAFolder, "");
    const file = writeScript(dir, BODY);
    const run = start({ file, cacheDir: join(notAFolder, "a", "b") });
    expect(run).toMatchObject({ cache: "absent", exports: { squares: [1, 4, 9] } });
    expect(cacheFolderUsable(join(notAFolder, "a", "b"))).toBe(false);
    expect(cacheFolderUsable(join(dir, "x", "y", "z"))).toBe(true);
  });

  it("lives in the per-user cache folder of each platform", () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/xdg" }, "linux")).toBe(join("/xdg", "agent-plugin", "code-cache"));
    expect(defaultCacheDir({}, "linux")).toBe(join(homedir(), ".cache", "agent-plugin", "code-cache"));
    expect(defaultCacheDir({}, "darwin")).toBe(join(homedir(), "Library", "Caches", "agent-plugin", "code-cache"));
    expect(defaultCacheDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32")).toBe(
      join("C:\\Users\\u\\AppData\\Local", "agent-plugin", "code-cache"),
    );
  });
});
