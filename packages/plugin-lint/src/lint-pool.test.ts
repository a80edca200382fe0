/**
 * Linting the plugins of a marketplace on several threads gives the report one thread gives, byte for byte: with any
 * number of threads, through the built worker, with a worker that fails to start, and with a job that throws.
 */
import { bundleForTest, repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint, type LintOptions, type LintReport } from "./lint.js";
import {
  defaultThreadCount,
  findWorker,
  MIN_PLUGINS_FOR_WORKERS,
  marketplaceDocs,
  runPluginJobs,
  type WorkerInput,
  type WorkerMessage,
} from "./lint-pool.js";
import { type JobSetup, lintPluginJob, type PluginJob } from "./plugin-job.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const EXAMPLES = ["issue-triage", "release-notes", "repo-insights", "todo-scout"];

let work: string;
/** lint-worker.ts bundled on its own from the sources, as build.mjs bundles it for dist/. */
let workerUrl: URL;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "lint-pool-"));
  workerUrl = await bundleForTest(join(here, "lint-worker.ts"), work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A Codex marketplace of 10 plugins copied from the examples, with findings of every kind: entries whose names differ
 * from their manifests, MCP servers that several plugins define (found across plugins, so their order matters), two
 * entries for one plugin, a YAML anchor, a committed token, and an entry whose folder is missing.
 */
function codexMarketplace(dir = realpathSync(tempDir())): string {
  const plugins: object[] = [];
  for (let i = 0; i < 10; i++) {
    const name = `p${String(i).padStart(2, "0")}`;
    cpSync(join(repoRoot, "examples", EXAMPLES[i % EXAMPLES.length]!), join(dir, "plugins", name), { recursive: true });
    plugins.push({
      name,
      source: { source: "local", path: `./plugins/${name}` },
      policy: { installation: "AVAILABLE" },
    });
  }
  plugins.push({ name: "again", source: { source: "local", path: "./plugins/p03" } });
  plugins.push({ name: "gone", source: { source: "local", path: "./plugins/gone" } });
  writeTree(dir, {
    ".agents/plugins/marketplace.json": { name: "big-market", plugins },
    "plugins/p05/skills/anchored/SKILL.md": "---\nname: anchored\ndescription: &d Anchored.\n---\n\nBody.\n",
    "plugins/p07/notes.md": `token: ghp_${"a1B2c3D4e5".repeat(3)}123456\n`,
  });
  return dir;
}

/** A Claude Code marketplace whose entries are the manifests of plugin folders that have none. */
function claudeMarketplace(): string {
  const dir = realpathSync(tempDir());
  const plugins: object[] = [];
  const files: Record<string, string | object> = {};
  for (let i = 0; i < 10; i++) {
    const name = `c${String(i).padStart(2, "0")}`;
    plugins.push({
      name,
      source: `./plugins/${name}`,
      strict: false,
      version: i % 3 ? "1.0.0" : 1,
      commands: ["./x.md"],
    });
    files[`plugins/${name}/commands/run.md`] = "---\ndescription: Run\n---\n\nRun.\n";
    files[`plugins/${name}/agents/team/helper.md`] = "---\nname: helper\ndescription: Helps\n---\n\nHelp.\n";
  }
  writeTree(dir, { ...files, ".claude-plugin/marketplace.json": { name: "c-market", owner: { name: "T" }, plugins } });
  return dir;
}

const cases: [string, () => string, Omit<LintOptions, "paths" | "cwd">][] = [
  ["a Codex marketplace, each plugin for its own targets", codexMarketplace, {}],
  ["a Codex marketplace for several targets", codexMarketplace, { target: ["codex", "claude-code", "agent-plugins"] }],
  ["a Claude Code marketplace whose entries are manifests", claudeMarketplace, { target: "claude-code" }],
];

describe("the plugins of a marketplace linted on several threads", () => {
  const distIndex = join(repoRoot, "packages/plugin-lint/dist/index.js");

  it.each(cases)(
    "%s: the report one thread gives, through the built worker (needs pnpm build)",
    async (_, make, options) => {
      expect(existsSync(join(repoRoot, "packages/plugin-lint/dist/lint-worker.js")), "run pnpm build first").toBe(true);
      const built = (await import(pathToFileURL(distIndex).href)) as {
        lint: (options: LintOptions) => Promise<LintReport>;
      };
      const dir = make();
      const one = await lint({ ...options, paths: [dir], cwd: dir, threads: 1 });
      expect(one.errorCount).toBeGreaterThan(0);
      expect(one.plugins?.length).toBe(10);
      const many = await built.lint({ ...options, paths: [dir], cwd: dir, threads: 3 });
      expect(JSON.stringify(many)).toBe(JSON.stringify(one));
    },
  );
});

describe("runPluginJobs", () => {
  let dir: string;
  beforeAll(() => {
    dir = codexMarketplace(realpathSync(mkdtempSync(join(work, "market-"))));
  });

  function jobsOf(): { jobs: PluginJob[]; setup: JobSetup } {
    const jobs = ["p00", "p01", "p02", "p03", "p04", "p05", "p06", "p07"].map((name) => ({
      root: join(dir, "plugins", name),
    }));
    const setup: JobSetup = {
      targets: undefined,
      config: { rules: {}, ignores: [], baseDir: dir },
      marketplaceDoc: marketplaceDocs(),
    };
    return { jobs, setup };
  }

  it("has a worker lint every job it claims, send each result by its index, then say it is done", async () => {
    const { jobs, setup } = jobsOf();
    const expected = jobs.map((job) => lintPluginJob(job, setup));
    const input: WorkerInput = { jobs, targets: undefined, config: setup.config, next: new SharedArrayBuffer(4) };
    const messages: WorkerMessage[] = [];
    const worker = new Worker(workerUrl, { workerData: input });
    await new Promise<void>((done, fail) => {
      worker.on("message", (message: WorkerMessage) => {
        messages.push(message);
        if (message.kind === "done") done();
      });
      worker.on("error", fail);
    });
    await worker.terminate();
    expect(messages.at(-1)).toEqual({ kind: "done" });
    const results = messages.flatMap((message) => (message.kind === "result" ? [message] : []));
    expect(results.map((message) => message.index)).toEqual(jobs.map((_, index) => index));
    expect(JSON.stringify(results.map((message) => message.result))).toBe(JSON.stringify(expected));
  });

  it("gives each job's result in job order, with any number of threads", async () => {
    const { jobs, setup } = jobsOf();
    const expected = JSON.stringify(jobs.map((job) => lintPluginJob(job, setup)));
    expect(expected).toContain("file/secret");
    for (const threads of [1, 2, 4])
      expect(JSON.stringify(await runPluginJobs(jobs, setup, { threads, workerUrl }))).toBe(expected);
  });

  it("does here what a worker that cannot start or crashes did not do", async () => {
    const { jobs, setup } = jobsOf();
    const expected = JSON.stringify(jobs.map((job) => lintPluginJob(job, setup)));
    const broken = join(work, "broken.mjs");
    writeTree(work, { "broken.mjs": "throw new Error('no');\n" });
    for (const url of [pathToFileURL(join(work, "missing.mjs")), pathToFileURL(broken)])
      expect(JSON.stringify(await runPluginJobs(jobs, setup, { threads: 3, workerUrl: url }))).toBe(expected);
  });

  it("throws the error of the first job that fails, as one thread would", async () => {
    const { jobs, setup } = jobsOf();
    const failing = [...jobs.slice(0, 3), { root: join(work, "no-such-plugin") }, ...jobs.slice(3)];
    await expect(runPluginJobs(failing, setup, { threads: 2, workerUrl })).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("how many threads", () => {
  it("lints a small run, or any run on one or two cores, on the calling thread; a large one on every core, up to three", () => {
    expect(defaultThreadCount(MIN_PLUGINS_FOR_WORKERS - 1, 8)).toBe(1);
    expect(defaultThreadCount(180, 1)).toBe(1);
    expect(defaultThreadCount(180, 2)).toBe(1);
    expect(defaultThreadCount(180, 3)).toBe(3);
    expect(defaultThreadCount(MIN_PLUGINS_FOR_WORKERS, 16)).toBe(3);
  });

  it("finds dist/lint-worker.js from the library bundle and from a chunk of the bin, and none from the sources", () => {
    const dir = tempDir();
    writeTree(dir, { "dist/lint-worker.js": "", "dist/index.js": "", "dist/chunks/lint-X.js": "" });
    const expected = pathToFileURL(join(dir, "dist/lint-worker.js")).href;
    expect(findWorker(pathToFileURL(join(dir, "dist/index.js")))?.href).toBe(expected);
    expect(findWorker(pathToFileURL(join(dir, "dist/chunks/lint-X.js")))?.href).toBe(expected);
    expect(findWorker()).toBeUndefined();
  });
});
