import { table } from "../text-table.js";
import type { AuditReport } from "./audit-report.js";
import type { AuditRecord } from "./audit-log.js";

/** One row per record, oldest first; with verify, the verdict and the head hash last. */
export function renderAudit(report: AuditReport): string {
  const rows: [string, string][] = report.records.map((record) => [`${record.seq}`, describe(record)]);
  let text = rows.length === 0 ? "the audit log is empty\n" : table(rows);
  const verify = report.verify;
  if (verify !== undefined) {
    text += verify.ok
      ? `✔ ${report.file}: ${verify.lines} line${verify.lines === 1 ? "" : "s"}, the chain is intact; head ${verify.head ?? "(empty)"}\n`
      : `✖ ${report.file}: line ${verify.problem!.line} fails: ${verify.problem!.reason}\n`;
  }
  return text;
}

function describe(record: AuditRecord): string {
  const versions =
    record.from !== null && record.to !== null
      ? record.from === record.to
        ? record.to
        : `${record.from} → ${record.to}`
      : (record.to ?? (record.from === null ? "" : `${record.from} removed`));
  const where = record.host === null ? record.marketplace : `${record.host}, ${record.plugin}@${record.marketplace}`;
  const extras = [
    record.keyId === null ? undefined : `key ${record.keyId}`,
    record.archiveSha256 === null ? undefined : `sha256 ${record.archiveSha256.slice(0, 12)}…`,
    policyText(record.policy),
  ].filter((part) => part !== undefined);
  return `${record.time}  ${record.actor}  ${record.action} ${record.plugin} ${versions}  (${where})${extras.length === 0 ? "" : `  ${extras.join(", ")}`}`;
}

function policyText(policy: unknown): string | undefined {
  if (policy === null || typeof policy !== "object") return undefined;
  const passed = (policy as { passed?: unknown }).passed;
  return passed === true ? "policy passed" : passed === false ? "policy failed" : undefined;
}
