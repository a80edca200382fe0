// Cold-process measurements: wall time of interleaved runs (subject and yardstick alternate in one loop, so load
// drift on a shared machine hits both) and peak resident memory.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const probe = fileURLToPath(new URL("./rss-probe.mjs", import.meta.url));

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A command to measure: `node <args>` when `command` is omitted. Throws, with its output, when it fails. */
export function runOnce({ command = process.execPath, args, cwd, env, before, okStatus = [0] }) {
  before?.();
  const started = process.hrtime.bigint();
  const child = spawnSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw new Error(`${command} ${args.join(" ")}: ${child.error.message}`);
  if (!okStatus.includes(child.status))
    throw new Error(
      `${command === process.execPath ? "node" : command} ${args.join(" ")} exited ${child.status}:\n${child.stdout}${child.stderr}`,
    );
  return ms;
}

/**
 * Runs every subject `runs` times, interleaved (one of each per round, the order reversed every other round), after
 * one warm-up round that fills the file cache. Returns each subject's median wall time in ms, by name.
 */
export function interleaved(subjects, runs) {
  for (const subject of subjects) runOnce(subject);
  const times = Object.fromEntries(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) times[subject.name].push(runOnce(subject));
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

/** Peak resident set size of a node process in MiB (the median of `runs`: it moves by a few MiB between runs). */
export function peakRss({ args, cwd, env = process.env, before, okStatus = [0] }, work, runs) {
  const file = join(work, "peak-rss");
  const values = [];
  for (let i = 0; i < runs; i++) {
    rmSync(file, { force: true });
    runOnce({ args: ["--import", probe, ...args], cwd, env: { ...env, BENCH_RSS_FILE: file }, before, okStatus });
    values.push(Number(readFileSync(file, "utf8")) / (1024 * 1024));
  }
  return median(values);
}

/** Bare Node start-up, the yardstick of every cold-process figure. */
export const bareNode = { name: "bare node", args: ["-e", "0"] };

const ms = (value) => `${value.toFixed(0)} ms`;

/**
 * Times subjects against one yardstick in a single interleaved loop and returns a figure per subject: its median, the
 * yardstick's, the ratio, and the goal when it has one (`ratio`: at most that many times the yardstick; `ms`: at
 * most that wall time).
 * @param {{ yardstick: object, yardstickLabel: string, runs: number,
 *   subjects: { id: string, label: string, subject: object, goal?: { ratio?: number, ms?: number } }[] }} options
 */
export function timedFigures({ yardstick, yardstickLabel, runs, subjects }) {
  const times = interleaved([yardstick, ...subjects.map((entry) => entry.subject)], runs);
  const base = times[yardstick.name];
  return subjects.map(({ id, label, subject, goal }) => {
    const time = times[subject.name];
    const ratio = time / base;
    const figure = { id, label, value: ms(time), yardstick: `${yardstickLabel} ${ms(base)}`, ratio, runs };
    if (goal?.ratio !== undefined) return { ...figure, goal: `≤ ${goal.ratio}×`, ok: ratio <= goal.ratio };
    if (goal?.ms !== undefined) return { ...figure, goal: `≤ ${goal.ms} ms`, ok: time <= goal.ms };
    return figure;
  });
}
