// `pnpm bench`: plugin-lint, plugin-pack and create-agent-plugin speed and memory, measured as cold processes, with the targets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCreateBench } from "./create.mjs";
import { generateMarketplace } from "./generate.mjs";
import { runPackBench } from "./pack.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lintBin = join(root, "packages/plugin-lint/bin/plugin-lint.js");
const probe = join(root, "bench/rss-probe.mjs");
const work = mkdtempSync(join(tmpdir(), "plugin-lint-bench-"));

/** One cold process: wall time in ms, and (in a separate probed run) peak RSS in MiB. */
function measure(args, cwd, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [lintBin, ...args], { cwd, encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (child.status !== 0)
      throw new Error(`plugin-lint ${args.join(" ")} exited ${child.status}:\n${child.stdout}${child.stderr}`);
  }
  const rssFile = join(work, "rss");
  spawnSync(process.execPath, ["--import", probe, lintBin, ...args], {
    cwd,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const rss = Number(readFileSync(rssFile, "utf8")) / (1024 * 1024);
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rss };
}

const verdict = (ok) => (ok ? "ok" : "MISSED");
const rows = [];
let missed = 0;

// Bare Node start-up, for reading the figures: it alone varies by half between runs on shared machines.
const bare = [];
for (let i = 0; i < 21; i++) {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", ""]);
  bare.push(Number(process.hrtime.bigint() - started) / 1e6);
}
bare.sort((a, b) => a - b);
const single = measure([join(root, "examples/repo-insights")], root, 21);
const singleOk = single.median < 150;
missed += singleOk ? 0 : 1;
console.log("plugin-lint benchmark (cold processes, this machine)\n");
console.log(`Bare \`node -e ''\` start-up: median ${bare[10].toFixed(1)} ms (the floor under every figure below)\n`);
console.log(`One plugin (examples/repo-insights), 21 runs:`);
console.log(
  `  median ${single.median.toFixed(1)} ms  (min ${single.min.toFixed(1)}, max ${single.max.toFixed(1)})  peak RSS ${single.rss.toFixed(1)} MiB`,
);
console.log(
  `  target: under 150 ms wall: ${verdict(singleOk)}   (claude plugin validate, same job, reference: 420 ms, 299 MiB)\n`,
);

console.log("Generated marketplace, 5 skills per plugin, 3 runs each:");
console.log("  plugins   files    median ms   ms/plugin   peak RSS MiB");
for (const plugins of [50, 100, 200]) {
  const dir = join(work, `marketplace-${plugins}`);
  generateMarketplace(dir, plugins, 5);
  const files = plugins * (5 * 2 + 3) + 1;
  const result = measure(["."], dir, 3);
  rows.push({ plugins, ...result });
  console.log(
    `  ${String(plugins).padStart(7)}   ${String(files).padStart(5)}    ${result.median.toFixed(0).padStart(9)}   ${(result.median / plugins).toFixed(2).padStart(9)}   ${result.rss.toFixed(1).padStart(12)}`,
  );
}
const largest = rows[rows.length - 1];
const largeOk = largest.median < 2000 && largest.rss < 150;
missed += largeOk ? 0 : 1;
// Linear cost: time per plugin at 200 stays within 1.5x of the time per plugin at 50 (start-up excluded).
const perPlugin = (r) => (r.median - single.min) / r.plugins;
const growth = perPlugin(largest) / perPlugin(rows[0]);
const linearOk = growth < 1.5;
missed += linearOk ? 0 : 1;
console.log(
  `  target: 200 plugins under 2000 ms and 150 MiB: ${verdict(largeOk)} (${largest.median.toFixed(0)} ms, ${largest.rss.toFixed(1)} MiB)`,
);
console.log(
  `  linearity: per-plugin cost at 200 is ${growth.toFixed(2)}x the cost at 50 (start-up excluded; under 1.5x): ${verdict(linearOk)}`,
);

rmSync(work, { recursive: true, force: true });
missed += runPackBench();
missed += runCreateBench({ bare: bare[10] });
if (missed > 0) {
  console.log(`\n${missed} target(s) missed`);
  process.exitCode = 1;
}
