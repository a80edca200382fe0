import type { LintReport } from "@agent-plugin/plugin-lint";

/** Bad flags or arguments: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that cannot be packed, read or trusted (a broken plugin, a hostile archive, a bad key): exit 1 or 2 as the CLI decides. */
export class PackError extends Error {
  override name = "PackError";
  /** The file the problem is in, for the one-line message. */
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

/** Lint errors stop a pack; the CLI prints the lint report. */
export class LintFailedError extends Error {
  override name = "LintFailedError";
  readonly report: LintReport;
  constructor(report: LintReport, command: "pack" | "release" = "pack") {
    const errors = `${report.errorCount} error${report.errorCount === 1 ? "" : "s"}`;
    super(
      command === "pack"
        ? `lint found ${errors}; fix them or pack with --no-lint`
        : `lint found ${errors}; fix them and release again (nothing was packed or tagged)`,
    );
    this.report = report;
  }
}
