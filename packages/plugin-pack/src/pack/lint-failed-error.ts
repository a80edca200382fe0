import { ExitCode, ToolError } from "@agent-plugin/core/cli";
import type { LintReport } from "@agent-plugin/plugin-lint";

/** Lint errors stop a pack or a release: exit 1, and the CLI prints the lint report before the one line. */
export class LintFailedError extends ToolError {
  override name = "LintFailedError";
  readonly report: LintReport;
  constructor(report: LintReport, command: "pack" | "release" = "pack") {
    const errors = `${report.errorCount} error${report.errorCount === 1 ? "" : "s"}`;
    super(
      command === "pack"
        ? `lint found ${errors}; fix them or pack with --no-lint`
        : `lint found ${errors}; fix them and release again (nothing was packed or tagged)`,
      { exitCode: ExitCode.findings },
    );
    this.report = report;
  }
}
