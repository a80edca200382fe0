/**
 * The one error model of the toolchain's CLIs. Library code throws these; the bin's `runMain` (through
 * `exitCodeFor`) turns them into one line on stderr and an exit code. Nothing below a bin exits the process.
 */
export const ExitCode = {
  /** Nothing wrong. */
  ok: 0,
  /** Findings: lint errors, a failed verification, a policy or `--fail-on` match. */
  findings: 1,
  /** Bad usage or input that stops the command (a missing file, a hostile archive, an internal error). */
  fatal: 2,
  /** The user cancelled at a prompt or with Ctrl-C. */
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure that the CLI reports as one line: its message names the file and what to do. */
export class ToolError extends Error {
  override name = "ToolError";
  readonly exitCode: ExitCode;
  /** The file the problem is in, when there is one. */
  readonly file: string | undefined;
  constructor(message: string, options: { exitCode?: ExitCode; file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.fatal;
    this.file = options.file;
  }
}

/** Bad flags or arguments: exit 2, with a pointer to --help where the CLI adds one. */
export class UsageError extends ToolError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, { exitCode: ExitCode.fatal });
  }
}

/** The user cancelled (a prompt, Ctrl-C): exit 130, nothing written. */
export class CancelledError extends ToolError {
  override name = "CancelledError";
  constructor(message = "cancelled") {
    super(message, { exitCode: ExitCode.cancelled });
  }
}
