/**
 * A compression worker (compress-pool.ts starts it as dist/compress-worker.js). It claims jobs from the
 * shared counter until none are left, reading each file itself so file contents never cross threads, and
 * sends the results back in groups, their buffers transferred rather than copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import { FileReader } from "./file-reader.js";
import { claim, runJob, type CompressResult, type WorkerInput, type WorkerMessage } from "./compress-pool.js";

/** Results per message: small files are many, and each message costs the main thread a little. */
const GROUP = 32;

function run(port: NonNullable<typeof parentPort>, { jobs, forbidden, next, cached }: WorkerInput): void {
  const counter = new Int32Array(next);
  const reader = new FileReader();
  let group: { slot: number; result: CompressResult }[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    const message: WorkerMessage = { kind: "results", results: group };
    port.postMessage(
      message,
      group.map(({ result }) => result.compressed.buffer as ArrayBuffer),
    );
    group = [];
  };
  for (let slot = claim(counter); slot < jobs.length; slot = claim(counter)) {
    let result: CompressResult;
    try {
      result = runJob(jobs[slot]!, forbidden, reader, cached);
    } catch {
      continue; // The main thread redoes it and reports the error.
    }
    const { compressed } = result;
    // Transferring needs a buffer of its own: copy a view into a shared one (deflateRaw returns its own today).
    if (compressed.byteOffset !== 0 || compressed.byteLength !== compressed.buffer.byteLength)
      result.compressed = compressed.slice();
    group.push({ slot, result });
    if (group.length >= GROUP) flush();
  }
  flush();
  port.postMessage({ kind: "done" } satisfies WorkerMessage);
}

if (parentPort) run(parentPort, workerData as WorkerInput);
