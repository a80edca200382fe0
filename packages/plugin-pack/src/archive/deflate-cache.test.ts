/**
 * The deflate cache, through real packs of a real example: a warm pack writes the cold pack's bytes without deflating,
 * a changed file is deflated again and nothing else, and no cache (damaged, foreign, lying, unwritable, raced by a
 * second pack) can change an archive or fail a pack. Then the CLI's switches: --no-cache and the env var.
 */
import { bins, inheritedEnv, repoRoot, runInProcess, tempDir } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeCacheFile, encodeCacheFile } from "./cache-file.js";
import { deflateIdentity } from "./deflate.js";
import { sha256Hex } from "./file-manifest.js";
import { CANONICAL } from "./zip-write.js";
import { runCli as runPluginPack } from "../cli/index.js";
import { pack, type PackReport } from "../pack/index.js";

/** repo-insights with a few more files of text, copied into a fresh folder. */
function plugin(): { work: string; dir: string } {
  const work = tempDir();
  const dir = join(work, "repo-insights");
  cpSync(join(repoRoot, "examples", "repo-insights"), dir, { recursive: true });
  for (let i = 0; i < 5; i++)
    writeFileSync(join(dir, `notes-${i}.md`), `note ${i}: the quick brown fox\n`.repeat(200 + i));
  return { work, dir };
}

const packInto = (dir: string, out: string, cache?: string): Promise<PackReport> =>
  pack({ dir, outDir: out, lint: false, compressionWorkers: 0, ...(cache !== undefined ? { cache } : {}) });

const bytesOf = (report: PackReport): Buffer => readFileSync(report.archive);

/** The one cache file in `folder`. */
function cacheFileIn(folder: string): string {
  const files = readdirSync(folder).filter((name) => name.endsWith(".cache"));
  expect(files).toHaveLength(1);
  return join(folder, files[0]!);
}

describe("pack with a deflate cache", () => {
  it("warm: the cold pack's bytes, with nothing deflated", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const none = await packInto(dir, join(work, "none"));
    const cold = await packInto(dir, join(work, "cold"), cache);
    const warm = await packInto(dir, join(work, "warm"), cache);
    expect(none.cache).toBeNull();
    expect(cold.cache).toEqual({ reused: 0, deflated: cold.fileCount - 1 });
    expect(warm.cache).toEqual({ reused: warm.fileCount - 1, deflated: 0 });
    expect(bytesOf(cold).equals(bytesOf(none))).toBe(true);
    expect(bytesOf(warm).equals(bytesOf(none))).toBe(true);
    expect(warm.sha256).toBe(none.sha256);
  });

  it("a changed file is deflated again, the others reused, and the archive is the cold one's", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const first = await packInto(dir, join(work, "first"), cache);
    writeFileSync(join(dir, "notes-2.md"), "changed\n".repeat(300));
    const warm = await packInto(dir, join(work, "warm"), cache);
    const none = await packInto(dir, join(work, "none"));
    expect(warm.cache).toEqual({ reused: first.fileCount - 2, deflated: 1 });
    expect(warm.sha256).toBe(none.sha256);
    expect(warm.sha256).not.toBe(first.sha256);
    // The cache now holds the changed file, not the old one: a third pack deflates nothing.
    expect((await packInto(dir, join(work, "again"), cache)).cache).toEqual({
      reused: first.fileCount - 1,
      deflated: 0,
    });
  });

  it.each([
    ["truncated", (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    [
      "damaged in the middle",
      (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (Math.abs(i - bytes.length / 2) < 40 ? ~b & 0xff : b))),
    ],
    ["not a cache file", () => Buffer.from("{ not a cache }\n")],
    ["empty", () => Buffer.alloc(0)],
  ])("a %s cache file: the same bytes, no error", async (_, damage) => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const cold = await packInto(dir, join(work, "cold"), cache);
    const file = cacheFileIn(cache);
    writeFileSync(file, damage(readFileSync(file)));
    const warm = await packInto(dir, join(work, "warm"), cache);
    expect(warm.sha256).toBe(cold.sha256);
    expect(warm.cache!.deflated).toBeGreaterThan(0);
    // And the damaged file was replaced by a good one.
    expect((await packInto(dir, join(work, "again"), cache)).cache!.deflated).toBe(0);
  });

  it("caches a large incompressible file, which is stored, as a mark, not its bytes", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const noise = randomBytes(300 * 1024);
    writeFileSync(join(dir, "assets", "noise.bin"), noise);
    const cold = await packInto(dir, join(work, "cold"), cache);
    const warm = await packInto(dir, join(work, "warm"), cache);
    expect(warm.sha256).toBe(cold.sha256);
    expect(warm.cache).toEqual({ reused: cold.fileCount - 1, deflated: 0 });
    expect(statSync(cacheFileIn(cache)).size).toBeLessThan(noise.length);
  });

  it("a FIFO or a folder where the cache file should be: no hang, no error, the same bytes", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const cold = await packInto(dir, join(work, "cold"), cache);
    const file = cacheFileIn(cache);
    rmSync(file);
    execFileSync("mkfifo", [file]);
    expect((await packInto(dir, join(work, "fifo"), cache)).sha256).toBe(cold.sha256);
    rmSync(file);
    mkdirSync(file);
    expect((await packInto(dir, join(work, "folder"), cache)).sha256).toBe(cold.sha256);
  });

  it("a cache whose streams inflate to other content is never used", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const cold = await packInto(dir, join(work, "cold"), cache);
    const file = cacheFileIn(cache);
    // Right identity, right keys, valid deflate streams: of the wrong bytes.
    const identity = deflateIdentity(CANONICAL.level);
    const lies = new Map(
      [...decodeCacheFile(readFileSync(file), identity).keys()].map((sha) => [sha, deflateRawSync(sha)]),
    );
    expect(lies.size).toBe(cold.fileCount);
    writeFileSync(file, encodeCacheFile(identity, lies));
    const warm = await packInto(dir, join(work, "warm"), cache);
    expect(warm.cache).toEqual({ reused: 0, deflated: cold.fileCount - 1 });
    expect(warm.sha256).toBe(cold.sha256);
  });

  it("a cache made by another deflate (another identity) is ignored", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const cold = await packInto(dir, join(work, "cold"), cache);
    const file = cacheFileIn(cache);
    const streams = decodeCacheFile(readFileSync(file), deflateIdentity(CANONICAL.level));
    writeFileSync(file, encodeCacheFile(deflateIdentity(CANONICAL.level - 1), streams));
    const warm = await packInto(dir, join(work, "warm"), cache);
    expect(warm.cache!.reused).toBe(0);
    expect(warm.sha256).toBe(cold.sha256);
  });

  it("an unwritable cache folder: packs all the same, and reuses nothing", async () => {
    const { work, dir } = plugin();
    // A file where the folder should be: nothing can be created in it, whoever runs the test (root included).
    const cache = join(work, "cache");
    writeFileSync(cache, "a file, not a folder\n");
    const none = await packInto(dir, join(work, "none"));
    for (const out of ["one", "two"]) {
      const report = await packInto(dir, join(work, out), join(cache, "pack"));
      expect(report.sha256).toBe(none.sha256);
      expect(report.cache).toEqual({ reused: 0, deflated: none.fileCount - 1 });
    }
    expect(readFileSync(cache, "utf8")).toBe("a file, not a folder\n");
  });

  it("two packs at once, with one cache: both archives right, the cache whole", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "cache");
    const none = await packInto(dir, join(work, "none"));
    const env = { ...inheritedEnv(), AGENT_PLUGIN_PACK_CACHE: cache };
    for (let round = 0; round < 3; round++) {
      const outs = [`a${round}`, `b${round}`];
      const runs = await Promise.all(
        outs.map((out) =>
          execa("node", [bins.pluginPack, "--no-lint", dir, "--out", out, "--json"], { cwd: work, env, reject: false }),
        ),
      );
      for (const run of runs) {
        expect(run.exitCode, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout).sha256).toBe(none.sha256);
      }
    }
    // Whichever pack renamed last, the file is a whole one: the next pack deflates nothing.
    expect(readdirSync(cache).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect((await packInto(dir, join(work, "after"), cache)).cache).toEqual({
      reused: none.fileCount - 1,
      deflated: 0,
    });
  });
});

describe("plugin-pack's cache switches", () => {
  const cli = (args: string[], cwd: string, env: Record<string, string>) =>
    runInProcess(runPluginPack, args, { cwd, env: { ...inheritedEnv(), ...env } });

  it("caches in $AGENT_PLUGIN_PACK_CACHE by default, and --no-cache neither reads nor writes it", async () => {
    const { work, dir } = plugin();
    const cache = join(work, "moved");
    const off = await cli([dir, "--no-lint", "--no-cache", "--out", "off", "--json"], work, {
      AGENT_PLUGIN_PACK_CACHE: cache,
    });
    expect(off.exitCode, off.stderr).toBe(0);
    expect(JSON.parse(off.stdout).cache).toBeNull();
    expect(existsSync(cache)).toBe(false);

    const first = await cli([dir, "--no-lint", "--out", "on", "--json"], work, { AGENT_PLUGIN_PACK_CACHE: cache });
    expect(first.exitCode, first.stderr).toBe(0);
    const file = cacheFileIn(cache);
    // The streams are keyed by the files' content hashes.
    const keys = [...decodeCacheFile(readFileSync(file), deflateIdentity(CANONICAL.level)).keys()];
    expect(keys).toContain(sha256Hex(readFileSync(join(dir, "notes-0.md"))));

    const second = await cli([dir, "--no-lint", "--out", "on2", "--json"], work, { AGENT_PLUGIN_PACK_CACHE: cache });
    const report = JSON.parse(second.stdout) as PackReport;
    expect(report.cache).toEqual({ reused: report.fileCount - 1, deflated: 0 });
    expect(report.sha256).toBe(JSON.parse(off.stdout).sha256);
  });

  it("--no-cache is in the help", async () => {
    const help = await cli(["pack", "--help"], repoRoot, {});
    expect(help.stdout).toContain("--no-cache");
    expect(help.stdout).toContain("AGENT_PLUGIN_PACK_CACHE");
  });
});
