// bench/baseline.json: the ratios measured on the reference machine, and the comparison `pnpm bench --check` makes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** A ratio more than this many times its baseline is a regression (the "more than 50%"). */
export const REGRESSION_FACTOR = 1.5;

/** The committed baseline, or undefined when there is none yet. */
export function readBaseline(file) {
  if (!existsSync(file)) return undefined;
  let baseline;
  try {
    baseline = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error.message}): fix it, or rewrite it with --update-baseline`);
  }
  if (typeof baseline?.ratios !== "object" || baseline.ratios === null)
    throw new Error(`${file} has no "ratios" object: rewrite it with pnpm bench --update-baseline`);
  return baseline;
}

/**
 * Each measured ratio next to its baseline: regressed when it exceeds the baseline by more than the factor. Ratios
 * without a baseline (a new case) and baselines without a measurement (a skipped case) are listed, never failed.
 */
export function compareToBaseline(figures, baseline) {
  const measured = figures.filter((figure) => typeof figure.ratio === "number");
  const rows = measured.map(({ id, ratio }) => {
    const before = baseline.ratios[id];
    if (typeof before !== "number") return { id, now: ratio, status: "new" };
    const limit = before * REGRESSION_FACTOR;
    return { id, now: ratio, before, limit, status: ratio > limit ? "regressed" : "ok" };
  });
  const missing = Object.keys(baseline.ratios).filter((id) => !measured.some((figure) => figure.id === id));
  return { rows, missing };
}

/** Two measurements of the same figures: each figure from the one with the lower ratio. */
export function lowerRatios(first, second) {
  return first.map((figure) => {
    const again = second.find((other) => other.id === figure.id);
    const lower = typeof again?.ratio === "number" && typeof figure.ratio === "number" && again.ratio < figure.ratio;
    return lower ? again : figure;
  });
}

/** The file `--update-baseline` writes: every measured ratio, with when, where and on what it was measured. */
export function baselineFrom(figures, { date, commit, node, cores }) {
  const ratios = {};
  for (const figure of figures)
    if (typeof figure.ratio === "number") ratios[figure.id] = Number(figure.ratio.toFixed(3));
  return {
    note: "Ratios of `pnpm bench` (subject over yardstick, lower is better); pnpm bench --check fails when one exceeds 1.5x its value here. Rewrite with pnpm bench --update-baseline.",
    measured: date,
    commit,
    machine: { node, cores },
    ratios,
  };
}

export function writeBaseline(file, baseline) {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
