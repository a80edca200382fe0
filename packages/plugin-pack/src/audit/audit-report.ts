/**
 * `plugin-pack audit`: the records of a log, and with `verify` the check of its chain: the first line that fails and
 * why, or the hash of the last line (the head), which a team can keep elsewhere to detect a truncated log.
 */
import { existsSync } from "node:fs";
import { ExitCode } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { type AuditRecord, type ChainProblem, readAuditChain } from "./audit-log.js";

export interface AuditReport {
  file: string;
  records: AuditRecord[];
  /** With verify: whether every line checks, the first one that does not, and the head of the good chain. */
  verify?: { ok: boolean; lines: number; head: string | null; problem?: ChainProblem };
}

/** Thrown by `audit --verify` on a broken chain: exit 1, and the CLI prints the report first. */
export class AuditChainError extends PackError {
  override name = "AuditChainError";
  readonly report: AuditReport;
  constructor(report: AuditReport) {
    const problem = report.verify!.problem!;
    super(
      `${report.file}: line ${problem.line} fails the audit chain: ${problem.reason}`,
      report.file,
      ExitCode.findings,
    );
    this.report = report;
  }
}

export function audit(file: string, options: { verify?: boolean } = {}): AuditReport {
  if (!existsSync(file))
    throw new PackError(
      `there is no audit log at ${file}: plugin-pack writes one on the first install, enable, disable, rollback or uninstall (or give --audit-log)`,
      file,
    );
  const { records, problem } = readAuditChain(file);
  if (!options.verify) {
    if (problem !== undefined)
      throw new PackError(
        `${file}: line ${problem.line} cannot be read (${problem.reason}): run plugin-pack audit --verify`,
        file,
      );
    return { file, records };
  }
  const report: AuditReport = {
    file,
    records,
    verify: {
      ok: problem === undefined,
      lines: records.length,
      head: records.at(-1)?.hash ?? null,
      ...(problem === undefined ? {} : { problem }),
    },
  };
  if (problem !== undefined) throw new AuditChainError(report);
  return report;
}
