import { relative } from "node:path";
import { formatBytes } from "@agent-plugin/core";
import type { PackPlan, PackReport } from "./pack.js";
import type { VerifyReport } from "./types.js";

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

export function renderVerify(report: VerifyReport, cwd: string): string {
  const head = report.ok
    ? `✔ ${rel(cwd, report.archive)} verified`
    : `✖ ${rel(cwd, report.archive)} failed verification`;
  const rows: [string, string][] = [];
  if (report.plugin) rows.push(["plugin", `${report.plugin.name} ${report.plugin.version}`]);
  rows.push(["files", String(report.fileCount)]);
  const sig = report.signature;
  rows.push([
    "signature",
    `${sig.status}${sig.keyId ? ` (key ${sig.keyId})` : ""}${sig.trustedBy ? `, trusted by ${sig.trustedBy}` : ""}`,
  ]);
  const problems = report.problems.map((p) => `  - ${p}`).join("\n");
  return `${head}\n${table(rows)}${problems ? `${problems}\n` : ""}`;
}

export function renderKeygen(result: { privateKey: string; publicKey: string; keyId: string }, cwd: string): string {
  return `${table([
    ["key id", result.keyId],
    ["private", `${rel(cwd, result.privateKey)} (mode 0600: keep it secret; in CI, pass it as --sign env:NAME)`],
    ["public", `${rel(cwd, result.publicKey)} (give this to verifiers: --trust ${rel(cwd, result.publicKey)})`],
  ])}`;
}

function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}\n`).join("");
}
