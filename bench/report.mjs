// How `pnpm bench` prints: one line per figure (figure, yardstick, ratio, goal, verdict, and the baseline's ratio).
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { REGRESSION_FACTOR } from "./baseline.mjs";

function countFolder(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      files++;
      bytes += statSync(join(entry.parentPath, entry.name)).size;
    }
  return `${files.toLocaleString("en")} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function describeInputs(inputs, root) {
  const folder = relative(root, join(inputs["large-plugin"], ".."));
  return [
    `inputs (generated once, seeded, in ${folder}):`,
    `  large text plugin: ${countFolder(inputs["large-plugin"])}`,
    `  marketplace: 200 plugins, ${countFolder(inputs["marketplace-200"])} (50 plugins: ${countFolder(inputs["marketplace-50"])})`,
  ].join("\n");
}

const pad = (text, width) => String(text).padEnd(width);

export function printFigures(figures, baseline) {
  console.log("");
  for (const figure of figures) {
    if (figure.skipped) {
      console.log(`${pad(figure.label, 62)}skipped: ${figure.skipped}`);
      continue;
    }
    const verdict = figure.ok === undefined ? "" : figure.ok ? "ok" : "MISSED";
    const ratio = typeof figure.ratio === "number" ? `${figure.ratio.toFixed(2)}x` : "";
    const before = baseline?.ratios[figure.id];
    const versus =
      typeof before === "number" && typeof figure.ratio === "number"
        ? `baseline ${before.toFixed(2)}x${figure.ratio > before * REGRESSION_FACTOR ? " REGRESSED" : ""}`
        : "";
    const runs = figure.runs ? ` (${figure.runs} runs)` : "";
    console.log(
      `${pad(figure.label, 62)}${pad(figure.value, 27)}${pad(figure.yardstick ?? "", 28)}${pad(ratio, 8)}${pad(figure.goal ?? "", 23)}${pad(verdict, 8)}${versus}${runs}`.trimEnd(),
    );
  }
}
