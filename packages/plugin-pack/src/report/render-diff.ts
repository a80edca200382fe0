// A capability diff as plain text: one `+`/`~`/`-` line per change, grouped by kind, then a summary line.
import { columns, printable } from "./render-inspect.js";
import type { CapabilityChange, DiffReport } from "./types.js";

const MARKERS = { added: "+", changed: "~", removed: "-" } as const;

export function renderDiff(report: DiffReport): string {
  // Unindented, so `grep '^+'` finds every gained capability.
  const lines = columns(report.changes.map(changeRow), "");
  return `${title(report)}\n${columns([
    ["old", report.old.source],
    ["new", report.new.source],
  ])}\n${lines}${lines === "" ? "" : "\n"}${summary(report.changes)}\n`;
}

function title(report: DiffReport): string {
  const version = (side: DiffReport["old"]) => side.version ?? "(no version)";
  // Same plugin: "name 1.0.0 → 1.1.0"; a different name is itself worth seeing.
  const text =
    report.old.name === report.new.name
      ? `${report.old.name} ${version(report.old)} → ${version(report.new)}`
      : `${report.old.name} ${version(report.old)} → ${report.new.name} ${version(report.new)}`;
  return printable(text);
}

function changeRow(change: CapabilityChange): string[] {
  return [
    `${MARKERS[change.change]} ${change.kind}`,
    change.detail === undefined ? change.name : `${change.name}: ${change.detail}`,
  ];
}

/** "4 capability changes: 2 added, 1 changed, 1 removed", or that there are none. */
function summary(changes: readonly CapabilityChange[]): string {
  if (changes.length === 0) return "no capability changes";
  const counts = (["added", "changed", "removed"] as const)
    .map((kind) => [kind, changes.filter((c) => c.change === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return `${changes.length} capability change${changes.length === 1 ? "" : "s"}: ${counts.join(", ")}`;
}
