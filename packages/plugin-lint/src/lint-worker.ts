/**
 * A lint worker (lint-pool.ts starts it as dist/lint-worker.js). It claims plugins from the shared counter until none
 * are left, loading each one itself so file contents never cross threads, and sends back each plugin's findings.
 */
import { profileFor } from "@agent-plugin/core";
import { parentPort, workerData } from "node:worker_threads";
import { claim, marketplaceDocs, type WorkerInput, type WorkerMessage } from "./lint-pool.js";
import { type JobSetup, lintPluginJob } from "./plugin-job.js";

function run(port: NonNullable<typeof parentPort>, { jobs, targets, config, next }: WorkerInput): void {
  const counter = new Int32Array(next);
  const setup: JobSetup = {
    targets: targets?.map((spec) => profileFor(spec)),
    config,
    marketplaceDoc: marketplaceDocs(),
  };
  for (let index = claim(counter); index < jobs.length; index = claim(counter)) {
    try {
      port.postMessage({ kind: "result", index, result: lintPluginJob(jobs[index]!, setup) } satisfies WorkerMessage);
    } catch {
      // The calling thread redoes it and reports the error.
    }
  }
  port.postMessage({ kind: "done" } satisfies WorkerMessage);
}

if (parentPort) run(parentPort, workerData as WorkerInput);
