// How a check's report becomes a diagnostic: the config's setting, the rule's hosts, the exact span; and one finding
// per place.
import { type Diagnostic, locate, type Severity } from "@agent-plugin/core";
import { configuredSetting, type LintConfig } from "./config.js";
import type { Report, RuleContext } from "./rule.js";
import { ruleMetas } from "./rules/index.js";

export function createContext(host: RuleContext["host"], config: LintConfig, sink: Diagnostic[]): RuleContext {
  return {
    host,
    report(report: Report) {
      const meta = ruleMetas.get(report.ruleId);
      if (!meta) throw new Error(`internal: rule "${report.ruleId}" reported a finding but is not registered`);
      if (meta.hosts && !meta.hosts.includes(host.id)) return;
      const setting = configuredSetting(config, report.ruleId);
      if (setting === "off") return;
      const severity: Severity =
        setting === "warn" ? "warning" : setting === "error" ? "error" : (report.severity ?? meta.severity);
      const span = resolveSpan(report);
      const diagnostic: Diagnostic = {
        ruleId: report.ruleId,
        severity,
        message: report.message,
        file: report.file,
        line: span.line,
        column: span.column,
        endLine: span.endLine,
        endColumn: span.endColumn,
      };
      if (report.fix) diagnostic.fix = report.fix;
      sink.push(diagnostic);
    },
  };
}

function resolveSpan(report: Report): { line: number; column: number; endLine: number; endColumn: number } {
  const at = report.at;
  if (!at) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if ("line" in at) return { line: at.line, column: at.column, endLine: at.line, endColumn: at.column };
  if ("doc" in at) {
    const found = locate(at.doc, at.path, at.part ?? "value");
    const span = at.doc.lines.span(found.offset, found.offset + found.length);
    return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  }
  const span = at.lines.span(at.offset, at.offset + at.length);
  return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

/** The first finding of each rule, place and message. */
export function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.ruleId}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
