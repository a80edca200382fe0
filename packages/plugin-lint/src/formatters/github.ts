import { relative } from "node:path";
import type { Formatter } from "./types.js";

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export const github: Formatter = (report, { cwd }) => {
  const lines = report.diagnostics.map((d) => {
    const command = d.severity === "error" ? "error" : "warning";
    const file = relative(cwd, d.file).split("\\").join("/");
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(`plugin-lint ${d.ruleId}`)}`,
    ];
    return `::${command} ${properties.join(",")}::${escapeData(d.message)}`;
  });
  lines.push(
    `${report.errorCount} error${report.errorCount === 1 ? "" : "s"}, ${report.warningCount} warning${report.warningCount === 1 ? "" : "s"}`,
  );
  return `${lines.join("\n")}\n`;
};
