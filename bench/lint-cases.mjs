// plugin-lint's cases: one small plugin, the large text plugin and the 200-plugin marketplace against bare Node,
// and peak memory that follows the largest file rather than the size of the marketplace.
import { join } from "node:path";
import { bigFileGrowth } from "./big-file.mjs";
import { bareNode, peakRss, timedFigures } from "./measure.mjs";

/** `plugin-lint .` in `dir`; the generated inputs lint clean, so any other exit is a failure. */
const lintIn = (root, name, dir, env) => ({
  name,
  args: [join(root, "packages/plugin-lint/bin/plugin-lint.cjs"), "."],
  cwd: dir,
  env,
});

const mib = (value) => `${value.toFixed(1)} MiB`;

export function lintCases({ root, inputs, runs, work }) {
  const againstBareNode = (runCount, entry) =>
    timedFigures({ yardstick: bareNode, yardstickLabel: "bare node", runs: runCount, subjects: [entry] });
  const figures = [
    ...againstBareNode(runs.quick, {
      id: "lint-small",
      label: "plugin-lint examples/repo-insights",
      subject: lintIn(root, "lint-small", join(root, "examples/repo-insights")),
      goal: { ratio: 1.5 },
    }),
    // Every run without the code cache: what the first run after an install costs, and every run where
    // NODE_DISABLE_COMPILE_CACHE is set.
    ...againstBareNode(runs.quick, {
      id: "lint-small-cold",
      label: "  the same, no code cache",
      subject: lintIn(root, "lint-small-cold", join(root, "examples/repo-insights"), {
        ...process.env,
        NODE_DISABLE_COMPILE_CACHE: "1",
      }),
    }),
    ...againstBareNode(runs.quick, {
      id: "lint-large",
      label: "plugin-lint the large text plugin",
      subject: lintIn(root, "lint-large", inputs["large-plugin"]),
      goal: { ratio: 2 },
    }),
  ];

  const marketplace = lintIn(root, "lint-marketplace", inputs["marketplace-200"]);
  figures.push(
    ...againstBareNode(runs.slow, {
      id: "lint-marketplace",
      label: "plugin-lint the 200-plugin marketplace",
      subject: marketplace,
      goal: { ms: 1000 },
    }),
  );
  const bareRss = peakRss(bareNode, work, runs.rss);
  const rss200 = peakRss(marketplace, work, runs.rss);
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
