import { relative } from "node:path";
import { formatBytes } from "@agent-plugin/core/model";
import { table } from "../text-table.js";
import type { PackPlan, PackReport } from "./pack.js";

const rel = (cwd: string, path: string) => relative(cwd, path) || path;

export function renderPack(report: PackReport, cwd: string): string {
  const rows: [string, string][] = [
    ["archive", rel(cwd, report.archive)],
    ["size", `${formatBytes(report.size)} (${report.fileCount} entries)`],
    ["sha256", report.sha256],
    ["integrity", report.integrity],
    ["signed", report.signature ? `key ${report.signature.keyId}` : "no (pass --sign KEYFILE or --sign env:NAME)"],
    ...report.bundles.map((b): [string, string] => ["bundled", `${b.server}: ${b.entry} → ${b.output}`]),
    ...(report.checksums !== null ? [["checksums", rel(cwd, report.checksums)] as [string, string]] : []),
  ];
  if (report.lint)
    rows.push(["lint", report.lint.warningCount > 0 ? `0 errors, ${report.lint.warningCount} warnings` : "clean"]);
  return `packed ${report.plugin.name} ${report.plugin.version}\n${table(rows)}`;
}

export function renderList(plan: PackPlan, why: boolean): string {
  if (!why) {
    const included = plan.decisions.filter((d) => d.included);
    return `${included.map((d) => d.path).join("\n")}\n${included.length} files\n`;
  }
  const width = Math.max(...plan.decisions.map((d) => d.path.length), 4);
  const lines = plan.decisions.map((d) => `${d.included ? "+" : "-"} ${d.path.padEnd(width)}  ${d.reason}`);
  const kept = plan.decisions.filter((d) => d.included).length;
  return `${lines.join("\n")}\n${kept} packed, ${plan.decisions.length - kept} left out\n`;
}
