import { ExitCode, reportError, ToolError } from "@agent-plugin/core/cli";
import { VERSION } from "../version.js";
import type { CliIo } from "./command.js";

/**
 * What the CLI prints for a command that failed, and the exit code, which is the error's: the report a failure
 * carries on stdout (the lint report that stopped a pack or a release, the verify report of a refused install),
 * or with --json the error and that report as JSON; then core's one line on stderr.
 */
export async function reportFailure(error: unknown, io: CliIo, json: boolean): Promise<number> {
  const report = await reportOf(error, io.cwd);
  if (json) {
    const message = error instanceof Error ? error.message : String(error);
    io.stdout(`${JSON.stringify({ error: message, ...report?.json }, null, 2)}\n`);
  } else if (report) {
    io.stdout(report.text);
  }
  return reportError("plugin-pack", error, io);
}

/** Only failures that are findings (exit 1) carry a report; the classes that hold one load only for them. */
async function reportOf(error: unknown, cwd: string): Promise<{ json: object; text: string } | undefined> {
  if (!(error instanceof ToolError) || error.exitCode !== ExitCode.findings) return undefined;
  const [{ LintFailedError }, { InstallVerificationError }, { PolicyViolationError }, { AuditChainError }] =
    await Promise.all([
      import("../pack/index.js"),
      import("../install/index.js"),
      import("../policy/index.js"),
      import("../audit/index.js"),
    ]);
  if (error instanceof LintFailedError) {
    const { formatters } = await import("@agent-plugin/plugin-lint");
    const text = formatters.stylish!(error.report, { cwd, color: false, toolVersion: VERSION });
    return { json: { lint: error.report.results }, text };
  }
  if (error instanceof InstallVerificationError) {
    const { renderVerify } = await import("../signing/index.js");
    return { json: { verify: error.report }, text: renderVerify(error.report, cwd) };
  }
  if (error instanceof PolicyViolationError) {
    const { renderPolicyRefusal } = await import("../policy/index.js");
    return { json: { policy: error.result }, text: renderPolicyRefusal(error.result, cwd) };
  }
  if (error instanceof AuditChainError) {
    const { renderAudit } = await import("../audit/index.js");
    return { json: { audit: error.report }, text: renderAudit(error.report) };
  }
  return undefined;
}
