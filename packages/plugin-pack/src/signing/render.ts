import { isAbsolute, relative } from "node:path";
import { table } from "../text-table.js";
import type { VerifyReport } from "./types.js";

const rel = (cwd: string, path: string) => relative(cwd, path) || path;

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
  const warnings = (report.warnings ?? []).map((w) => `  warning: ${w}`).join("\n");
  return `${head}\n${table(rows)}${problems ? `${problems}\n` : ""}${warnings ? `${warnings}\n` : ""}`;
}

export function renderKeygen(result: { privateKey: string; publicKey: string; keyId: string }, cwd: string): string {
  // Relative inside the current folder; a pair elsewhere (the default ~/.agent-plugin/keys) is named whole.
  const shown = (path: string) => {
    const inside = relative(cwd, path);
    return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? path : inside;
  };
  return `${table([
    ["key id", result.keyId],
    ["private", `${shown(result.privateKey)} (mode 0600: keep it secret; in CI, pass it as --sign env:NAME)`],
    ["public", `${shown(result.publicKey)} (give this to verifiers: --trust ${shown(result.publicKey)})`],
  ])}`;
}
