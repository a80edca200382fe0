// `pnpm bench`: plugin-lint, plugin-pack and create-agent-plugin as cold processes on generated real-shaped inputs,
// each figure a median of interleaved runs next to its yardstick from the same loop, as a ratio, with its goal.
//   pnpm bench                    every figure; exit 1 when a goal is missed
//   pnpm bench --check            fewer runs; exit 1 when a ratio regressed more than 50% from bench/baseline.json
//   pnpm bench --update-baseline  every figure, then rewrite bench/baseline.json with the ratios of this run
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  baselineFrom,
  compareToBaseline,
  lowerRatios,
  REGRESSION_FACTOR,
  readBaseline,
  writeBaseline,
} from "./baseline.mjs";
import { createCases } from "./create.mjs";
import { benchInputs, scratchFolder } from "./inputs.mjs";
import { lintCases } from "./lint-cases.mjs";
import { packCases } from "./pack.mjs";
import { describeInputs, printFigures } from "./report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const baselineFile = join(root, "bench/baseline.json");

/** Runs per figure: `quick` for figures of a fraction of a second, `slow` for those of a second or more, `rss` for peak memory. */
const RUNS = { full: { quick: 21, slow: 11, rss: 3 }, check: { quick: 15, slow: 5, rss: 1 } };

function options() {
  const { values } = parseArgs({
    options: { check: { type: "boolean" }, "update-baseline": { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.check && values["update-baseline"]) throw new Error("--check and --update-baseline: choose one");
  return values;
}

function main() {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`bench: ${error.message}. Usage: pnpm bench [--check | --update-baseline]`);
    return 2;
  }
  if (opts.help) {
    console.log("Usage: pnpm bench [--check | --update-baseline]   (docs/benchmarks.md)");
    return 0;
  }
  const baseline = readBaseline(baselineFile);
  const runs = opts.check ? RUNS.check : RUNS.full;
  const inputs = benchInputs({ log: (line) => console.log(line) });
  const work = scratchFolder();
  // The bins keep their compiled code between runs (core's launch/code-cache.ts): in the scratch folder here, never in
  // the user's cache, so every bench starts with none and the warm-up round of each loop makes it.
  process.env.AGENT_PLUGIN_CODE_CACHE = join(work, "code-cache");
  try {
    return measureAndReport(opts, baseline, { root, inputs, runs, work, check: Boolean(opts.check) });
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * One group of cases, printed. In --check, a group with a ratio over its limit is measured once more and each ratio
 * keeps the lower of its two medians: a regression fails the check only when it shows twice, not when a burst of
 * load from another process on a shared machine hits one loop.
 */
function measureGroup(cases, context, baseline) {
  const figures = cases(context);
  printFigures(figures, baseline);
  if (!context.check || !baseline) return figures;
  if (!compareToBaseline(figures, baseline).rows.some((row) => row.status === "regressed")) return figures;
  console.log("  a ratio is over its limit: measuring this group again, each ratio keeps the lower of its two medians");
  const lower = lowerRatios(figures, cases(context));
  printFigures(lower, baseline);
  return lower;
}

function measureAndReport(opts, baseline, context) {
  console.log(
    `pnpm bench: cold processes, Node ${process.version}, ${availableParallelism()} cores; each time a median of interleaved runs with its yardstick`,
  );
  console.log(describeInputs(context.inputs, root));
  const figures = [];
  for (const cases of [lintCases, packCases, createCases]) figures.push(...measureGroup(cases, context, baseline));
  const broken = figures.filter((figure) => figure.mustPass && !figure.ok);
  const missed = figures.filter((figure) => !figure.mustPass && figure.ok === false);
  for (const figure of broken)
    console.log(`\nFAILED: ${figure.label.trim()}: ${figure.value}, ${figure.yardstick ?? ""}`);

  if (opts["update-baseline"]) {
    if (broken.length > 0) return 1;
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
    const date = new Date().toISOString().slice(0, 10);
    writeBaseline(
      baselineFile,
      baselineFrom(figures, { date, commit, node: process.version, cores: availableParallelism() }),
    );
    console.log(`\nwrote ${relative(process.cwd(), baselineFile)} (${date}, ${commit})`);
    return 0;
  }
  if (opts.check) {
    if (!baseline) {
      console.log(`\nno ${relative(root, baselineFile)}: write one with pnpm bench --update-baseline`);
      return 1;
    }
    const { rows, missing } = compareToBaseline(figures, baseline);
    const regressed = rows.filter((row) => row.status === "regressed");
    for (const id of missing) console.log(`note: ${id} is in the baseline but was not measured in this run`);
    for (const row of regressed)
      console.log(
        `REGRESSED: ${row.id} is ${row.now.toFixed(2)}x, over ${REGRESSION_FACTOR}x its baseline ${row.before.toFixed(2)}x (limit ${row.limit.toFixed(2)}x)`,
      );
    console.log(
      `\nbench --check: ${rows.length - regressed.length} of ${rows.length} ratios within ${REGRESSION_FACTOR}x of the baseline (${baseline.measured}, ${baseline.commit})` +
        (broken.length > 0 ? `; ${broken.length} check(s) failed` : ""),
    );
    return regressed.length > 0 || broken.length > 0 ? 1 : 0;
  }
  console.log(`\n${missed.length === 0 ? "every goal met" : `${missed.length} goal(s) missed`}`);
  return missed.length > 0 || broken.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
}
