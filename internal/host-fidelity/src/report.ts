// The fixture runs as a table for people: per rule and host release, what lint said and what the host did.
import type { FixtureRun } from "./fixture-runs.js";
import { disagreement } from "./fixture-runs.js";

export function formatRunTable(runs: readonly FixtureRun[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "| Rule | Fixture | Host | Lint errors | What the host lost | Verdict |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of runs) {
    const errors = run.errors.length === 0 ? "none" : run.errors.map((error) => error.split(":")[0]).join(", ");
    const lost = run.losses.length === 0 ? "nothing" : run.losses.join("; ");
    const verdict = disagreement(run) === undefined ? "agrees" : "DISAGREES";
    lines.push(
      `| ${run.rule} | ${run.kind} | ${run.host} ${run.version} | ${cell(errors)} | ${cell(lost)} | ${verdict} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
