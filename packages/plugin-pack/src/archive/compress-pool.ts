import { availableParallelism } from "node:os";
import { crc32 } from "node:zlib";
import type { Worker } from "node:worker_threads";
import { firstFileBeside } from "@agent-plugin/core/model";
import { verifiedStream } from "./deflate-cache.js";
import { sha256Hex } from "./file-manifest.js";
import { FileReader } from "./file-reader.js";
import { holdsAny } from "./forbidden-bytes.js";
import { compressEntry, type CompressedData } from "./zip-write.js";

/** A file to compress: read from disk by the thread that runs the job, or held in memory (bundles, the rewritten MCP file). */
export type CompressJob = { file: string; size: number } | { data: Uint8Array };

/** A compressed file, with the size and SHA-256 the file manifest lists (hashed where it was read, not twice). */
export interface CompressResult extends CompressedData {
  sha256: string;
  /** True when the file holds one of the forbidden byte strings (scanned where it was read, in full). */
  holdsForbidden: boolean;
  /** True when the deflated bytes came from the cache (checked by inflating them), false when deflated here. */
  reused: boolean;
}

/** What each worker starts with: every job, largest first, and the shared counter of the next one to claim. */
export interface WorkerInput {
  jobs: CompressJob[];
  forbidden: Uint8Array[];
  next: SharedArrayBuffer;
  /** Deflated streams to reuse, by the content's SHA-256 (see deflate-cache.ts). */
  cached: ReadonlyMap<string, Uint8Array>;
}

/** Worker → main thread: finished jobs by slot (their buffers transferred), then `done` when nothing is left to claim. */
export type WorkerMessage = { kind: "results"; results: { slot: number; result: CompressResult }[] } | { kind: "done" };

/**
 * Reads the job's file once (into `reader`'s buffer, which the next job reuses) and takes everything from those
 * bytes: the deflated copy (or the cached one, once it inflates back to them), CRC-32, size, SHA-256 and the
 * forbidden-bytes scan.
 */
export function runJob(
  job: CompressJob,
  forbidden: readonly Uint8Array[] = [],
  reader: FileReader = new FileReader(),
  cached: ReadonlyMap<string, Uint8Array> = NO_CACHE,
): CompressResult {
  const data = "data" in job ? job.data : reader.read(job.file, job.size);
  const sha256 = sha256Hex(data);
  const holdsForbidden = holdsAny(data, forbidden);
  const reused = cached.size > 0 ? verifiedStream(cached, sha256, data) : undefined;
  if (reused !== undefined)
    return { compressed: reused, crc: crc32(data), size: data.length, sha256, holdsForbidden, reused: true };
  const { compressed, crc, size } = compressEntry(data);
  return { compressed, crc, size, sha256, holdsForbidden, reused: false };
}

const NO_CACHE: ReadonlyMap<string, Uint8Array> = new Map();

/** Claims the next job from the shared counter; a value at or past the job count means there is none left. */
export function claim(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/** Each worker adds ~25-30 MiB to the peak RSS; the pack of a large plugin must stay under 150 MiB. */
const MAX_WORKERS = 2;
/** A worker costs ~50 ms of CPU to start, about what deflating 1.5 MiB costs: below 1 MiB it cannot pay. */
const BYTES_PER_WORKER = 1024 * 1024;

/**
 * No workers on one or two cores: there, V8's own background threads (compiler, GC) already keep the
 * second core half busy, and each worker pays its own start-up and JIT warm-up of the deflate code, so
 * workers made a 8.5 MB pack slower (measured: 1 worker +40 ms, 2 workers +130 ms, median of 21). With
 * more cores, one worker per core beside the main thread, up to 2, and one per MiB to compress.
 */
export function defaultWorkerCount(totalBytes: number, cores = availableParallelism()): number {
  if (cores < 3) return 0;
  return Math.min(cores - 1, MAX_WORKERS, Math.floor(totalBytes / BYTES_PER_WORKER));
}

/** dist/compress-worker.js, seen from dist/index.js or from a chunk in dist/chunks/. Absent when running from sources (vitest). */
export function findWorker(from: string | URL = import.meta.url): URL | undefined {
  return firstFileBeside(from, ["./compress-worker.js", "../compress-worker.js"]);
}

export interface CompressionOptions {
  /** Default: `defaultWorkerCount` of the jobs' total size. 0 compresses everything on the main thread. */
  workers?: number;
  /** Default: `findWorker()`. Without a worker file, everything is compressed on the main thread. */
  workerUrl?: URL;
  /** Byte strings each file is scanned for (see holdsAny); default none. */
  forbidden?: readonly Uint8Array[];
  /** Deflated streams to reuse by content SHA-256, each checked before use (see deflate-cache.ts); default none. */
  cached?: ReadonlyMap<string, Uint8Array>;
}

export class Compression {
  readonly #jobs: CompressJob[];
  readonly #forbidden: Uint8Array[];
  readonly #cached: ReadonlyMap<string, Uint8Array>;
  /** Slot (position in `#jobs`, largest first) → index in the caller's job list. */
  readonly #indexOf: number[];
  readonly #results: (CompressResult | undefined)[];
  readonly #workers: Worker[] = [];
  /** One per worker: settles when it is done, or has failed or exited. */
  readonly #settled: Promise<void>[] = [];
  /** The shared counter of the next job to claim (its slot), for the workers and for this thread. */
  readonly #next = new SharedArrayBuffer(4);

  /** Starts the workers at once, so they compress while the caller lints. */
  constructor(jobs: readonly CompressJob[], options: CompressionOptions = {}) {
    const count = Math.min(
      options.workers ?? defaultWorkerCount(jobs.reduce((sum, job) => sum + jobSize(job), 0)),
      jobs.length,
    );
    const url = count > 0 ? (options.workerUrl ?? findWorker()) : undefined;
    // Largest first, so no big file is claimed last and leaves one thread working alone. Without workers the jobs run
    // in the caller's order whatever their slots (results()), so they are not sorted (a cold comparator: ~2 ms).
    const order = jobs.map((_, index) => index);
    this.#indexOf = url === undefined ? order : order.sort((a, b) => jobSize(jobs[b]!) - jobSize(jobs[a]!) || a - b);
    this.#jobs = this.#indexOf.map((index) => jobs[index]!);
    this.#forbidden = [...(options.forbidden ?? [])];
    this.#cached = options.cached ?? NO_CACHE;
    this.#results = new Array<CompressResult | undefined>(jobs.length);
    if (url === undefined) return;
    const input: WorkerInput = { jobs: this.#jobs, forbidden: this.#forbidden, next: this.#next, cached: this.#cached };
    for (let i = 0; i < count; i++) this.#spawn(url, input);
  }

  #spawn(url: URL, input: WorkerInput): void {
    let worker: Worker;
    try {
      // Loaded only to start one: a pack without workers (one or two cores, or a small plugin) never needs it.
      const { Worker } = process.getBuiltinModule("node:worker_threads");
      worker = new Worker(url, { workerData: input });
    } catch {
      return; // The other workers, or the main thread, take its share.
    }
    this.#workers.push(worker);
    this.#settled.push(
      new Promise<void>((settle) => {
        worker.on("message", (message: WorkerMessage) => {
          if (message.kind === "done") settle();
          else for (const { slot, result } of message.results) this.#results[slot] = result;
        });
        // A worker that fails to start or crashes: its unfinished jobs are redone on the main thread.
        worker.on("error", () => settle());
        worker.on("exit", () => settle());
      }),
    );
  }

  /** The results, in the order of the caller's jobs, once the workers are done. Runs here whatever they did not do. */
  async results(): Promise<CompressResult[]> {
    const reader = new FileReader();
    // This thread has nothing else to do now: it claims jobs beside the workers until none are left.
    if (this.#workers.length > 0) this.#claimHere(reader);
    await Promise.all(this.#settled);
    const slotOf = new Array<number>(this.#jobs.length);
    for (const [slot, index] of this.#indexOf.entries()) slotOf[index] = slot;
    // In file order, so an unreadable file fails as it would reading the files one by one.
    return slotOf.map(
      (slot) => this.#results[slot] ?? runJob(this.#jobs[slot]!, this.#forbidden, reader, this.#cached),
    );
  }

  /** Runs jobs claimed from the shared counter here; one that fails is left to the in-order pass, which throws its error. */
  #claimHere(reader: FileReader): void {
    const counter = new Int32Array(this.#next);
    for (let slot = claim(counter); slot < this.#jobs.length; slot = claim(counter)) {
      try {
        this.#results[slot] = runJob(this.#jobs[slot]!, this.#forbidden, reader, this.#cached);
      } catch {
        // Redone in order by results(), which throws its error then.
      }
    }
  }

  /** Stops every worker, busy or not. Call it on every path, or the process waits for them. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

function jobSize(job: CompressJob): number {
  return "data" in job ? job.data.length : job.size;
}
