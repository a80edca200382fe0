import { tempDir } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CODE_CACHE_LIMITS, codeCacheFile, loadBundle } from "./code-cache.js";
import { launch, worthCaching } from "./launch.js";
import { registerShippedRequire, requireShipped } from "./shipped-require.js";

interface Demo {
  answer: number;
  double(x: number): number;
}

/** A bundle whose answer has the same length in every version, as V8's own check of a cache sees it. */
const bundleSource = (answer: number) =>
  `"use strict"; exports.answer = ${answer}; exports.double = (x) => x * 2; exports.file = __filename;\n`;

function setup(answer = 42) {
  const dir = tempDir();
  const bundle = join(dir, "cli.cjs");
  writeFileSync(bundle, bundleSource(answer));
  const cache = join(dir, "cache");
  return { dir, bundle, cache, env: { AGENT_PLUGIN_CODE_CACHE: cache } };
}

const cacheFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".cache"));

// Node 22.1+ has its own compile cache, which loadBundle turns on instead of keeping one.
const nodeHasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function";

describe.skipIf(nodeHasCompileCache)("loadBundle's code cache", () => {
  // loadBundle registers its require for shipped files globally, as a bin's one load does.
  afterEach(() => registerShippedRequire(undefined));

  it("runs the bundle, keeps its bytecode once asked, and runs from it the next time", () => {
    const { bundle, cache, env } = setup();
    const first = loadBundle<Demo>(bundle, { env, name: "demo" });
    expect(first.exports.answer).toBe(42);
    expect(first.exports.double(21)).toBe(42);
    expect(first.fromCache).toBe(false);
    first.saveCache();
    const file = cacheFiles(cache)[0] ?? "";
    expect(file).toMatch(/^demo-[0-9a-f]{16}\.cache$/);
    expect(statSync(join(cache, file)).mode & 0o777).toBe(0o600);

    const second = loadBundle<Demo>(bundle, { env, name: "demo" });
    expect(second.fromCache).toBe(true);
    expect(second.exports.double(4)).toBe(8);
    const written = statSync(join(cache, file)).mtimeMs;
    second.saveCache();
    expect(statSync(join(cache, file)).mtimeMs).toBe(written);
  });

  it("never runs old bytecode for a changed bundle of the same length", () => {
    const { bundle, env } = setup(42);
    loadBundle<Demo>(bundle, { env, name: "demo" }).saveCache();
    writeFileSync(bundle, bundleSource(43));
    // Even with the modification time put back, the change time and the file's identity moved.
    utimesSync(bundle, statSync(bundle).atime, statSync(bundle).mtime);
    const changed = loadBundle<Demo>(bundle, { env, name: "demo" });
    expect(changed.exports.answer).toBe(43);
    expect(changed.fromCache).toBe(false);
  });

  it("compiles from source when the cache file is damaged, and replaces it", () => {
    const { bundle, cache, env } = setup();
    const file = codeCacheFile(bundle, "demo", env) as string;
    mkdirSync(cache);
    writeFileSync(file, "not bytecode at all");
    const loaded = loadBundle<Demo>(bundle, { env, name: "demo" });
    expect(loaded.exports.answer).toBe(42);
    expect(loaded.fromCache).toBe(false);
    loaded.saveCache();
    expect(readFileSync(file).length).toBeGreaterThan(100);
    expect(loadBundle<Demo>(bundle, { env, name: "demo" }).fromCache).toBe(true);
  });

  it("does not wait on a FIFO where the cache file should be", async () => {
    const { bundle, cache, env } = setup();
    const file = codeCacheFile(bundle, "demo", env) as string;
    mkdirSync(cache);
    await execa("mkfifo", [file]);
    const loaded = loadBundle<Demo>(bundle, { env, name: "demo" });
    expect(loaded.exports.answer).toBe(42);
    expect(loaded.fromCache).toBe(false);
  });

  it("runs without a cache when the folder cannot be made", () => {
    const { dir, bundle } = setup();
    const blocked = join(dir, "a-file");
    writeFileSync(blocked, "");
    const loaded = loadBundle<Demo>(bundle, { env: { AGENT_PLUGIN_CODE_CACHE: join(blocked, "cache") }, name: "demo" });
    expect(loaded.exports.answer).toBe(42);
    expect(() => loaded.saveCache()).not.toThrow();
  });

  it("keeps nothing when NODE_DISABLE_COMPILE_CACHE is set, or the environment names no home", () => {
    const { bundle, cache } = setup();
    const off = { AGENT_PLUGIN_CODE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: "1" };
    expect(codeCacheFile(bundle, "demo", off)).toBeUndefined();
    loadBundle<Demo>(bundle, { env: off, name: "demo" }).saveCache();
    expect(() => readdirSync(cache)).toThrow();
    expect(codeCacheFile(bundle, "demo", {})).toBeUndefined();
    expect(codeCacheFile(bundle, "demo", { HOME: "/home/someone" })).toMatch(
      /^\/home\/someone\/\.cache\/agent-plugin\/code\/demo-[0-9a-f]{16}\.cache$/,
    );
  });

  it("keys the cache by Node's flags too", () => {
    const { bundle, cache } = setup();
    const plain = codeCacheFile(bundle, "demo", { AGENT_PLUGIN_CODE_CACHE: cache });
    const flagged = codeCacheFile(bundle, "demo", { AGENT_PLUGIN_CODE_CACHE: cache, NODE_OPTIONS: "--jitless" });
    expect(flagged).not.toBe(plain);
  });

  it("caches the files the bundle requires beside it, each checked against its own file", () => {
    const { dir, bundle, cache, env } = setup();
    mkdirSync(join(dir, "validators"));
    const validator = join(dir, "validators", "demo.cjs");
    writeFileSync(validator, "exports.value = 'v1';\n");
    // As core's schemas.ts does from inside a bundle: through the hook the launcher registers.
    const read = () => (requireShipped(validator) as { value: string }).value;
    type Reader = { read(): string };
    writeFileSync(bundle, "exports.read = () => 'unused';\n");
    const first = loadBundle<Reader>(bundle, { env, name: "demo" });
    expect(read()).toBe("v1");
    first.saveCache();
    const written = readFileSync(join(cache, cacheFiles(cache)[0] ?? ""));
    expect(written.includes(Buffer.from("validators/demo.cjs"))).toBe(true);

    // The second run takes both from the cache and has nothing to write.
    const second = loadBundle<Reader>(bundle, { env, name: "demo" });
    expect(second.fromCache).toBe(true);
    expect(read()).toBe("v1");
    const before = statSync(join(cache, cacheFiles(cache)[0] ?? "")).mtimeMs;
    second.saveCache();
    expect(statSync(join(cache, cacheFiles(cache)[0] ?? "")).mtimeMs).toBe(before);

    // A validator of the same length written again is compiled from its new source, and the cache rewritten.
    writeFileSync(validator, "exports.value = 'v2';\n");
    const third = loadBundle<Reader>(bundle, { env, name: "demo" });
    expect(third.fromCache).toBe(true);
    expect(read()).toBe("v2");
    third.saveCache();
    expect(statSync(join(cache, cacheFiles(cache)[0] ?? "")).mtimeMs).not.toBe(before);
    loadBundle<Reader>(bundle, { env, name: "demo" });
    expect(read()).toBe("v2");
  });

  it("runs the bundle's chunks through the cache once each, and other requires through Node's", () => {
    const { dir, bundle, cache, env } = setup();
    mkdirSync(join(dir, "chunks"));
    writeFileSync(join(dir, "chunks", "part.cjs"), "exports.made = {}; exports.sep = require('node:path').sep;\n");
    writeFileSync(join(dir, "chunks", "broken.cjs"), "throw new Error('broken chunk');\n");
    writeFileSync(
      bundle,
      "exports.part = () => require('./chunks/part.cjs'); exports.broken = () => require('./chunks/broken.cjs');\n",
    );
    type Chunked = { part(): { made: object; sep: string }; broken(): unknown };
    const loaded = loadBundle<Chunked>(bundle, { env, name: "demo" });
    expect(loaded.exports.part().sep).toBe("/");
    expect(loaded.exports.part().made).toBe(loaded.exports.part().made);
    expect(() => loaded.exports.broken()).toThrow("broken chunk");
    // A chunk that threw is run again next time, as require does.
    expect(() => loaded.exports.broken()).toThrow("broken chunk");
    loaded.saveCache();
    const written = readFileSync(join(cache, cacheFiles(cache)[0] ?? ""));
    expect(written.includes(Buffer.from("chunks/part.cjs"))).toBe(true);
    expect(written.includes(Buffer.from("cli.cjs"))).toBe(true);
  });

  it("prunes the folder to its bound when it writes", () => {
    const { bundle, cache, env } = setup();
    mkdirSync(cache);
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < CODE_CACHE_LIMITS.maxFiles + 5; i++) {
      const file = join(cache, `other-${i}.cache`);
      writeFileSync(file, "x");
      utimesSync(file, old + i, old + i);
    }
    writeFileSync(join(cache, "notes.txt"), "not ours");
    loadBundle<Demo>(bundle, { env, name: "demo" }).saveCache();
    const left = cacheFiles(cache);
    expect(left).toHaveLength(CODE_CACHE_LIMITS.maxFiles);
    expect(left.some((name) => name.startsWith("demo-"))).toBe(true);
    expect(left).not.toContain("other-0.cache");
    expect(readdirSync(cache)).toContain("notes.txt");
  });
});

describe("launch", () => {
  it("says in one line that a bin whose bundle is missing needs reinstalling, and exits 2", async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const exitCode = process.exitCode;
    const missing = join(tempDir(), "dist", "cli.cjs");
    try {
      await launch(missing, "demo-tool");
      expect(process.exitCode).toBe(2);
    } finally {
      process.exitCode = exitCode;
    }
    expect(written.join("")).toMatch(
      new RegExp(
        `^demo-tool: cannot load ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [^\n]+\nReinstall demo-tool\\.\n$`,
      ),
    );
  });
});

describe("worthCaching", () => {
  it("keeps the bytecode of runs that did their work", () => {
    expect(worthCaching(["."], 0)).toBe(true);
    expect(worthCaching(["plugin", "-f", "json"], 1)).toBe(true);
    expect(worthCaching(["."], undefined)).toBe(true);
  });

  it("skips help, version and runs that stopped early", () => {
    expect(worthCaching(["--version"], 0)).toBe(false);
    expect(worthCaching(["pack", "-h"], 0)).toBe(false);
    expect(worthCaching(["--bogus"], 2)).toBe(false);
    expect(worthCaching(["."], 130)).toBe(false);
  });
});
