// plugin-lint's cases: one small plugin, the large text plugin and the 200-plugin marketplace against bare Node,
// and peak memory that follows the largest file rather than the size of the marketplace.
import { join } from "node:path";
import { bigFileGrowth } from "./big-file.mjs";
import { bareNode, interleaved, peakRss } from "./measure.mjs";

/** `plugin-lint .` in `dir`; the generated inputs lint clean, so any other exit is a failure. */
const lintIn = (root, name, dir) => ({
  name,
  args: [join(root, "packages/plugin-lint/bin/plugin-lint.js"), "."],
  cwd: dir,
});

const ms = (value) => `${value.toFixed(0)} ms`;
const mib = (value) => `${value.toFixed(1)} MiB`;

/** Lint time against bare node; returns the figure. */
function versusBareNode({ root, runs }, id, label, dir, goal) {
  const subject = lintIn(root, id, dir);
  const times = interleaved([bareNode, subject], runs);
  const ratio = times[id] / times[bareNode.name];
  return {
    id,
    label,
    value: ms(times[id]),
    yardstick: `bare node ${ms(times[bareNode.name])}`,
    ratio,
    goal: `≤ ${goal}×`,
    ok: ratio <= goal,
    runs,
  };
}

export function lintCases({ root, inputs, runs, work }) {
  const figures = [];
  figures.push(
    versusBareNode(
      { root, runs: runs.quick },
      "lint-small",
      "plugin-lint examples/repo-insights",
      join(root, "examples/repo-insights"),
      1.5,
    ),
  );
  figures.push(
    versusBareNode(
      { root, runs: runs.quick },
      "lint-large",
      "plugin-lint the large text plugin",
      inputs["large-plugin"],
      2,
    ),
  );

  const marketplace = lintIn(root, "lint-marketplace", inputs["marketplace-200"]);
  const times = interleaved([bareNode, marketplace], runs.slow);
  const bareRss = peakRss(bareNode, work, runs.rss);
  const rss200 = peakRss(marketplace, work, runs.rss);
  figures.push({
    id: "lint-marketplace",
    label: "plugin-lint the 200-plugin marketplace",
    value: ms(times[marketplace.name]),
    yardstick: `bare node ${ms(times[bareNode.name])}`,
    ratio: times[marketplace.name] / times[bareNode.name],
    goal: "≤ 1000 ms",
    ok: times[marketplace.name] <= 1000,
    runs: runs.slow,
  });
  figures.push({
    id: "lint-marketplace-rss",
    label: "  its peak RSS",
    value: mib(rss200),
    yardstick: `bare node ${mib(bareRss)}`,
    ratio: rss200 / bareRss,
    goal: "≤ 120 MiB",
    ok: rss200 <= 120,
  });

  // Memory follows the largest file: 50 plugins are a prefix of the 200 with the same largest file.
  const rss50 = peakRss(lintIn(root, "lint-50", inputs["marketplace-50"]), work, runs.rss);
  figures.push({
    id: "rss-marketplace-size",
    label: "  peak RSS, 200 plugins against 50",
    value: mib(rss200),
    yardstick: `50 plugins ${mib(rss50)}`,
    ratio: rss200 / rss50,
    goal: "≤ 1.25×",
    ok: rss200 / rss50 <= 1.25,
  });
  figures.push(
    bigFileGrowth({
      id: "rss-lint-big-file",
      label: "plugin-lint peak RSS, a 20 MiB file against 1 MiB",
      command: (dir) => lintIn(root, "lint-big", dir),
      inputs,
      work,
      runs,
      allowance: 1.5,
    }),
  );
  return figures;
}
