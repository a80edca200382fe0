/**
 * Lints the plugins of a large marketplace on worker threads beside the calling thread.
 *
 * Every job runs the same `lintPluginJob`, wherever it runs, and its result depends only on the plugin's files: the
 * report is byte-identical with any number of threads. Each worker is handed every job and a shared counter; the
 * calling thread and the workers claim the next job from it, so they balance the load among themselves without
 * messages (the calling thread cannot answer any while it lints). Results are kept by job, so they are merged in job
 * order. A job a worker did not finish (it failed to start, crashed, or the job threw) is redone on the calling
 * thread, in job order, which then throws the very error the job throws.
 */
import { type HostProfile, type JsonDocument, parseJson, readTextFile, type TargetSpec } from "@agent-plugin/core";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { firstFileBeside, targetLabel } from "@agent-plugin/core";
import type { LintConfig } from "./config.js";
import { type JobSetup, lintPluginJob, type PluginJob, type PluginJobResult } from "./plugin-job.js";

/** What each worker starts with: every job, the run's setup, and the shared counter of the next job to claim. */
export interface WorkerInput {
  jobs: PluginJob[];
  targets: TargetSpec[] | undefined;
  config: LintConfig;
  next: SharedArrayBuffer;
}

/** Worker → calling thread: one finished job, then `done` when nothing is left to claim. */
export type WorkerMessage = { kind: "result"; index: number; result: PluginJobResult } | { kind: "done" };

/** Claims the next job from the shared counter; a value at or past the job count means there is none left. */
export function claim(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/**
 * Below this many plugins a worker cannot pay for itself: it costs ~100 ms of CPU to start (it compiles the rules
 * again), about what linting seven real plugins costs, and its share of the plugins must outweigh that.
 */
export const MIN_PLUGINS_FOR_WORKERS = 24;
/** Each worker adds ~15 MiB (its isolate and the rules' code) and a heap of its own to the peak RSS. */
const MAX_WORKERS = 2;

/**
 * V8 lets a thread's young generation grow to 32 MiB when much of what it allocates lives a while (a plugin's files
 * until the plugin is done): most of a thread's peak memory, and garbage. A worker's is kept small; more scavenges cost
 * a little CPU.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/**
 * One worker per core beside the calling thread (at most two), for a run of enough plugins; none on one or two cores.
 * There a worker did not pay, measured on a shared 2-core machine (medians of 11, other jobs running): with one worker
 * the 180-plugin openai/plugins marketplace took 0.92x the wall time and the same CPU as the old one-thread code, but
 * 15-45 MiB more peak RSS than one thread of this code; the 67-plugin Anthropic marketplace took more wall and CPU
 * time than on one thread. V8's own compiler and GC threads already keep a second core busy, and a worker compiles
 * the rules again.
 */
export function defaultThreadCount(jobs: number, cores = availableParallelism()): number {
  if (jobs < MIN_PLUGINS_FOR_WORKERS || cores < 3) return 1;
  return Math.min(cores, MAX_WORKERS + 1);
}

/** dist/lint-worker.js, seen from dist/index.js or from a chunk in dist/chunks/. Absent when running from sources (vitest). */
export function findWorker(from: string | URL = import.meta.url): URL | undefined {
  return firstFileBeside(from, ["./lint-worker.js", "../lint-worker.js"]);
}

/** Each marketplace file parsed once per thread, for the jobs whose entry is their plugin's manifest. */
export function marketplaceDocs(known: ReadonlyMap<string, JsonDocument> = new Map()): JobSetup["marketplaceDoc"] {
  const docs = new Map<string, JsonDocument | undefined>(known);
  return (file) => {
    if (!docs.has(file)) {
      const read = readTextFile(file);
      docs.set(file, read.ok ? parseJson(read.text) : undefined);
    }
    return docs.get(file);
  };
}

export interface PoolOptions {
  /** Threads in all, the calling one included. Default: `defaultThreadCount` of the jobs. 1 lints everything here. */
  threads?: number;
  /** Default: `findWorker()`. Without a worker file, everything is linted on the calling thread. */
  workerUrl?: URL;
}

/** The result of every job, in job order. */
export async function runPluginJobs(
  jobs: readonly PluginJob[],
  setup: JobSetup,
  options: PoolOptions = {},
): Promise<PluginJobResult[]> {
  const results = new Array<PluginJobResult | undefined>(jobs.length);
  const workers = Math.min((options.threads ?? defaultThreadCount(jobs.length)) - 1, jobs.length - 1);
  const url = workers > 0 ? (options.workerUrl ?? findWorker()) : undefined;
  const pool: Worker[] = [];
  const settled: Promise<void>[] = [];
  const next = new SharedArrayBuffer(4);
  if (url !== undefined) {
    const input: WorkerInput = { jobs: [...jobs], targets: labels(setup.targets), config: setup.config, next };
    for (let i = 0; i < workers; i++) {
      let worker: Worker;
      try {
        // node:worker_threads is loaded here, not at import: a lint of one plugin starts no thread.
        const { Worker } = process.getBuiltinModule("node:worker_threads");
        worker = new Worker(url, { workerData: input, resourceLimits: WORKER_LIMITS });
      } catch {
        break; // The calling thread takes its share.
      }
      pool.push(worker);
      settled.push(
        new Promise<void>((settle) => {
          worker.on("message", (message: WorkerMessage) => {
            if (message.kind === "done") settle();
            else results[message.index] = message.result;
          });
          // A worker that fails to start or crashes: its unfinished jobs are redone here.
          worker.on("error", () => settle());
          worker.on("exit", () => settle());
        }),
      );
    }
  }
  try {
    const counter = new Int32Array(next);
    for (let index = claim(counter); index < jobs.length; index = claim(counter)) {
      try {
        results[index] = lintPluginJob(jobs[index]!, setup);
      } catch {
        // Redone below, in job order, where it throws for the caller.
      }
    }
    await Promise.all(settled);
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return jobs.map((job, index) => results[index] ?? lintPluginJob(job, setup));
}

function labels(targets: readonly HostProfile[] | undefined): TargetSpec[] | undefined {
  return targets?.map(targetLabel);
}
