/**
 * Parallel compression gives the bytes the main thread gives: with any number of workers, with a worker
 * that fails to start or is stopped mid-way, and through the built worker inside a real pack. Read errors
 * surface as reading the files in order would surface them.
 */
import { bundleForTest, repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { inflateSync } from "fflate";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Compression,
  defaultWorkerCount,
  findWorker,
  runJob,
  type CompressJob,
  type CompressResult,
} from "./compress-pool.js";
import { LintFailedError, pack, type PackOptions, type PackReport } from "../pack/index.js";
import type { ArchiveInput } from "./types.js";
import { assembleZip, compressEntry, timestampFromSeconds, writeZip } from "./zip-write.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const EPOCH = timestampFromSeconds(0);

/** Deterministic bytes: repetitive text, or noise that deflate cannot shrink. */
function content(length: number, seed: number, kind: "text" | "noise"): Uint8Array {
  if (kind === "text")
    return text(`line ${seed}: the quick brown fox\n`.repeat(Math.ceil(length / 32)).slice(0, length));
  let x = seed || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

let work: string;
/** archive/compress-worker.ts bundled on its own, as build.mjs bundles it for dist/. */
let workerUrl: URL;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "compress-pool-"));
  workerUrl = await bundleForTest(join(here, "compress-worker.ts"), work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A mix of jobs: files on disk of every size (empty included) and data held in memory. */
function mixedJobs(dir: string): { jobs: CompressJob[]; contents: Uint8Array[] } {
  const contents: Uint8Array[] = [];
  const jobs: CompressJob[] = [];
  for (let i = 0; i < 60; i++) {
    const data = content(i === 0 ? 0 : (i * 7919) % 90_000, i, i % 3 === 0 ? "noise" : "text");
    contents.push(data);
    if (i % 10 === 5) jobs.push({ data });
    else {
      const file = join(dir, `f${i}.bin`);
      writeFileSync(file, data);
      jobs.push({ file, size: data.length });
    }
  }
  return { jobs, contents };
}

/** Results as small comparable values: deep-comparing megabytes of typed arrays takes vitest seconds. */
function summary(
  results: readonly CompressResult[],
): { compressed: string; crc: number; size: number; sha256: string }[] {
  return results.map((r) => ({
    compressed: createHash("sha256").update(r.compressed).digest("hex"),
    crc: r.crc,
    size: r.size,
    sha256: r.sha256,
  }));
}

async function compressAll(
  jobs: CompressJob[],
  options: ConstructorParameters<typeof Compression>[1],
): Promise<CompressResult[]> {
  const compression = new Compression(jobs, options);
  try {
    return await compression.results();
  } finally {
    await compression.close();
  }
}

describe("compressEntry and assembleZip", () => {
  it("compose into exactly what writeZip writes", () => {
    const inputs: ArchiveInput[] = [
      { path: "z.txt", data: content(5000, 1, "text"), mode: 0o644 },
      { path: "bin/run.sh", data: text("#!/bin/sh\necho hi\n"), mode: 0o755 },
      { path: "empty", data: new Uint8Array(0), mode: 0o644 },
      { path: "skills/ünï/SKILL.md", data: content(70_000, 2, "noise"), mode: 0o644 },
      { path: "10", data: text("ten\n"), mode: 0o644 },
    ];
    const assembled = assembleZip(
      inputs.map((input) => ({ path: input.path, mode: input.mode, data: compressEntry(input.data) })),
      { timestamp: EPOCH },
    );
    expect(Buffer.from(assembled).equals(Buffer.from(writeZip(inputs, { timestamp: EPOCH })))).toBe(true);
  });

  it("refuses what writeZip refuses, with the same message", () => {
    const thrown = (write: () => unknown): string | undefined => {
      try {
        write();
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    for (const paths of [["a", "A"], ["a", "a/b"], ["../x"]]) {
      const inputs: ArchiveInput[] = paths.map((path) => ({ path, data: text("x"), mode: 0o644 }));
      const message = thrown(() => writeZip(inputs, { timestamp: EPOCH }));
      expect(message).toMatch(/^cannot pack /);
      expect(
        thrown(() =>
          assembleZip(
            inputs.map((input) => ({ ...input, data: compressEntry(input.data) })),
            { timestamp: EPOCH },
          ),
        ),
      ).toBe(message);
    }
    const huge = { ...compressEntry(text("x")), size: 0xffffffff };
    expect(() => assembleZip([{ path: "big", mode: 0o644, data: huge }], { timestamp: EPOCH })).toThrow(
      'cannot pack "big": it is 4294967295 bytes, over the 268435456 bytes per file that verify and install accept',
    );
  });
});

describe("Compression", () => {
  it.each([0, 1, 2, 3])("gives the main thread's results, in job order, with %i workers", async (workers) => {
    const dir = tempDir();
    const { jobs, contents } = mixedJobs(dir);
    const results = await compressAll(jobs, { workers, workerUrl });
    expect(summary(results)).toEqual(summary(jobs.map((job) => runJob(job))));
    results.forEach((result, index) => {
      const data = contents[index]!;
      expect(result.size).toBe(data.length);
      expect(result.sha256).toBe(createHash("sha256").update(data).digest("hex"));
      expect(Buffer.from(inflateSync(result.compressed)).equals(Buffer.from(data))).toBe(true);
    });
  });

  it.each([0, 2])(
    "reuses cached streams that inflate to the file, with %i workers, and deflates the rest",
    async (workers) => {
      const dir = tempDir();
      const { jobs } = mixedJobs(dir);
      const expected = jobs.map((job) => runJob(job));
      // Every other file cached; one of those under a stream of other content, which must not be used.
      const cached = new Map(expected.filter((_, i) => i % 2 === 0).map((r) => [r.sha256, r.compressed]));
      cached.set(expected[2]!.sha256, expected[4]!.compressed);
      const results = await compressAll(jobs, { workers, workerUrl, cached });
      expect(summary(results)).toEqual(summary(expected));
      expect(results.map((r) => r.reused)).toEqual(expected.map((_, i) => i % 2 === 0 && i !== 2));
    },
  );

  it("compresses on the main thread when the worker file is missing or fails to start", async () => {
    const dir = tempDir();
    const { jobs } = mixedJobs(dir);
    const expected = summary(jobs.map((job) => runJob(job)));
    expect(
      summary(await compressAll(jobs, { workers: 2, workerUrl: pathToFileURL(join(dir, "missing.mjs")) })),
    ).toEqual(expected);
    const broken = join(dir, "broken.mjs");
    writeFileSync(broken, 'throw new Error("cannot start");\n');
    expect(summary(await compressAll(jobs, { workers: 2, workerUrl: pathToFileURL(broken) }))).toEqual(expected);
  });

  it("finds no worker file when running from sources, so vitest compresses on the main thread", () => {
    expect(findWorker()).toBeUndefined();
  });

  it("finds dist/compress-worker.js from the library bundle and from a chunk of the bin", () => {
    const dir = tempDir();
    writeTree(dir, { "dist/compress-worker.js": "", "dist/index.js": "", "dist/chunks/pack-X.js": "" });
    const expected = pathToFileURL(join(dir, "dist/compress-worker.js")).href;
    expect(findWorker(pathToFileURL(join(dir, "dist/index.js")))?.href).toBe(expected);
    expect(findWorker(pathToFileURL(join(dir, "dist/chunks/pack-X.js")))?.href).toBe(expected);
  });

  it("redoes on the main thread what a stopped worker left undone", async () => {
    const dir = tempDir();
    const { jobs } = mixedJobs(dir);
    // A worker that never claims a job and never finishes: only close() ends it.
    const stuck = join(dir, "stuck.mjs");
    writeFileSync(stuck, "setInterval(() => {}, 1000);\n");
    const compression = new Compression(jobs, { workers: 1, workerUrl: pathToFileURL(stuck) });
    await compression.close();
    expect(summary(await compression.results())).toEqual(summary(jobs.map((job) => runJob(job))));
  });

  it("throws the read error of the first unreadable file in job order, as reading in order would", async () => {
    const dir = tempDir();
    const { jobs } = mixedJobs(dir);
    const [first, second] = [jobs[3]!, jobs[40]!] as { file: string; size: number }[];
    unlinkSync(second!.file);
    unlinkSync(first!.file);
    for (const workers of [0, 2]) {
      await expect(compressAll(jobs, { workers, workerUrl })).rejects.toMatchObject({
        code: "ENOENT",
        path: first!.file,
      });
    }
  });

  it("uses no worker on two cores or fewer, or for under 1 MiB; else one per further core, up to 2", () => {
    const mib = 1024 * 1024;
    expect(defaultWorkerCount(100 * mib, 1)).toBe(0);
    expect(defaultWorkerCount(100 * mib, 2)).toBe(0);
    expect(defaultWorkerCount(mib - 1, 8)).toBe(0);
    expect(defaultWorkerCount(1.5 * mib, 8)).toBe(1);
    expect(defaultWorkerCount(8.5 * mib, 3)).toBe(2);
    expect(defaultWorkerCount(8.5 * mib, 16)).toBe(2);
  });
});

describe("pack with compression workers", () => {
  const distIndex = join(repoRoot, "packages/plugin-pack/dist/index.js");

  /** A plugin with a bundled MCP server (so a rewritten MCP file and a bundle in memory) and ~3 MB of files. */
  function bigPlugin(): string {
    const dir = tempDir();
    const plugin = join(dir, "repo-insights");
    cpSync(join(repoRoot, "examples/repo-insights"), plugin, { recursive: true });
    mkdirSync(join(plugin, "assets/data"), { recursive: true });
    for (let i = 0; i < 40; i++)
      writeFileSync(
        join(plugin, `assets/data/d${i}.${i % 2 ? "txt" : "bin"}`),
        content(20_000 + i * 2000, i + 1, i % 2 ? "text" : "noise"),
      );
    return plugin;
  }

  it("writes the bytes of a pack on the main thread, through the built worker (needs pnpm build)", async () => {
    expect(existsSync(join(repoRoot, "packages/plugin-pack/dist/compress-worker.js")), "run pnpm build first").toBe(
      true,
    );
    const built = (await import(pathToFileURL(distIndex).href)) as {
      pack: (options: PackOptions) => Promise<PackReport>;
    };
    const plugin = bigPlugin();
    const options = { dir: plugin, env: { SOURCE_DATE_EPOCH: "1700000000" } };
    const onMain = await pack({ ...options, outDir: join(plugin, "../main"), compressionWorkers: 0 });
    const parallel = await built.pack({ ...options, outDir: join(plugin, "../workers"), compressionWorkers: 2 });
    expect(onMain.bundles.length).toBeGreaterThan(0);
    expect(parallel.sha256).toBe(onMain.sha256);
    expect(readFileSync(parallel.archive).equals(readFileSync(onMain.archive))).toBe(true);
  });

  it("stops on lint errors before writing anything, workers or not", async () => {
    const built = (await import(pathToFileURL(distIndex).href)) as {
      pack: (options: PackOptions) => Promise<PackReport>;
    };
    const plugin = bigPlugin();
    const manifest = join(plugin, ".codex-plugin/plugin.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        ...JSON.parse(readFileSync(manifest, "utf8")),
        // Codex 0.171 drops a default prompt over 512 characters.
        interface: { defaultPrompt: ["x".repeat(600)] },
      }),
    );
    const outDir = join(plugin, "../out");
    await expect(built.pack({ dir: plugin, outDir, compressionWorkers: 2 })).rejects.toMatchObject({
      name: "LintFailedError",
    });
    await expect(pack({ dir: plugin, outDir, compressionWorkers: 2 })).rejects.toBeInstanceOf(LintFailedError);
    expect(existsSync(outDir)).toBe(false);
    const forced = await built.pack({ dir: plugin, outDir, compressionWorkers: 2, lint: false });
    expect(forced.lint).toBeNull();
  });
});
