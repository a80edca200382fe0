import { type FSWatcher, watch } from "node:fs";
import { resolve } from "node:path";
import { type TryOptions, tryPlugin } from "./try-plugin.js";
import type { TryReport } from "./types.js";

/** Changes that end within this long of each other start one run. */
const SETTLE_MS = 300;

export interface WatchOptions extends TryOptions {
  /** Stops watching; the run under way finishes first (its throwaway home is removed). */
  signal: AbortSignal;
  /** Each run's report, or the error that stopped it (a plugin.json that no longer parses is a result too). */
  onRun: (outcome: { report: TryReport } | { error: unknown }) => void;
  /** Wait this long after a change before running; default 300 ms. */
  settleMs?: number;
}

/**
 * Runs `try` now and again after every change in the plugin folder until the signal aborts. Every run loads the
 * folder as it is into a new throwaway home and the previous one is gone, so the host never serves a stale copy and
 * the version never needs a bump. Changes during a run start one more run when it ends. Resolves when stopped.
 */
export async function watchTry(options: WatchOptions): Promise<void> {
  const dir = resolve(options.cwd, options.dir);
  const settleMs = options.settleMs ?? SETTLE_MS;
  let changed = true;
  let wake: (() => void) | undefined;
  const nudge = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, file) => {
    if (file !== null && /(^|[/\\])(\.git|node_modules)([/\\]|$)/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      changed = true;
      nudge();
    }, settleMs);
  });
  options.signal.addEventListener("abort", nudge, { once: true });
  try {
    while (!options.signal.aborted) {
      if (changed) {
        changed = false;
        try {
          options.onRun({ report: await tryPlugin(options) });
        } catch (error) {
          options.onRun({ error });
        }
        continue;
      }
      await new Promise<void>((resume) => {
        wake = resume;
      });
    }
  } finally {
    clearTimeout(timer);
    watcher.close();
  }
}
