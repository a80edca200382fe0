import { relative } from "node:path";
import { styleText } from "node:util";
import { loadTable } from "./load-table.js";
import type { Formatter } from "./types.js";

/** The ESLint "stylish" layout: findings grouped by file, then a one-line summary. */
export const stylish: Formatter = (report, { cwd, color }) => {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  for (const result of report.results) {
    // A result may carry only a plugin's load table (pluginLoad), which is printed below.
    if (result.messages.length === 0) continue;
    lines.push("", paint("underline", relative(cwd, result.filePath) || result.filePath));
    const rows = result.messages.map((m) => [
      `${m.line}:${m.column}`,
      m.severity === 2 ? paint("red", "error") : paint("yellow", "warning"),
      // With several targets, a finding only some of them have says which.
      m.onlyFor ? `${m.message} ${paint("dim", `[${m.onlyFor.join(", ")}]`)}` : m.message,
      paint("dim", m.ruleId),
    ]);
    const width = Math.max(...rows.map((r) => r[0]!.length));
    const severityWidth = color ? Math.max(...rows.map((r) => r[1]!.length)) : 7;
    for (const [position, severity, message, ruleId] of rows) {
      lines.push(`  ${position!.padEnd(width)}  ${severity!.padEnd(severityWidth)}  ${message}  ${ruleId}`);
    }
  }
  // A plugin linted for several targets: what each of them loads, in one table.
  for (const load of report.plugins ?? []) if (load.targets.length > 1) lines.push("", ...loadTable(load, cwd));
  const total = report.errorCount + report.warningCount;
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? "" : "s"} (${report.errorCount} error${report.errorCount === 1 ? "" : "s"}, ${report.warningCount} warning${report.warningCount === 1 ? "" : "s"})`;
    lines.push("", paint(report.errorCount > 0 ? "red" : "yellow", summary));
    const fixable = report.diagnostics.filter((d) => d.fix).length;
    if (fixable > 0) lines.push(`  ${fixable} fixable with the \`--fix\` option.`);
  } else {
    const what = report.targets.map((t) => relative(cwd, t.kind === "skill" ? t.path : t.root) || ".").join(", ");
    lines.push(paint("green", `✔ no problems${what ? ` in ${what}` : ""}`));
  }
  if (report.fixedFiles.length > 0)
    lines.push(
      `  fixed ${report.fixedFiles.length} file${report.fixedFiles.length === 1 ? "" : "s"}: ${report.fixedFiles.map((f) => relative(cwd, f)).join(", ")}`,
    );
  return `${lines.join("\n").replace(/^\n/, "")}\n`;
};
