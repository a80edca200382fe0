import { ExitCode, ToolError } from "./errors.js";
import { fdOutput } from "./std-output.js";

/** Where a CLI prints; tests pass their own to run a command in-process. */
export interface ToolOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The one mapping from a thrown error to what the user sees and the exit code: a ToolError is one line
 * (`tool: message`) and its own exit code; anything else is a bug, reported without a stack, exit 2.
 */
export function reportError(tool: string, error: unknown, output: Pick<ToolOutput, "stderr">): ExitCode {
  if (error instanceof ToolError) {
    output.stderr(`${tool}: ${error.message}\n`);
    return error.exitCode;
  }
  output.stderr(internalErrorText(tool, error));
  return ExitCode.fatal;
}

/** The one-line report of an unexpected error: says it is a bug and how to report it, never a stack. */
export function internalErrorText(tool: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${tool}: internal error: ${message}\nThis is a bug in ${tool}; please report it with the command you ran.\n`;
}

/**
 * What every bin does and nothing else: run the CLI on argv and set the exit code. An error that escapes the CLI is
 * reported as a bug. The CLIs print through `fdOutput`, which ends the output quietly when the reader closes it
 * (`plugin-lint | head`); a command that uses Node's streams itself (the prompts of an interactive run) guards them
 * with `guardStandardStreams`.
 */
export async function runMain(tool: string, runCli: (argv: readonly string[]) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (error) {
    process.exitCode = reportError(tool, error, { stderr: fdOutput(2) });
  }
}

/**
 * For a command that writes through `process.stdout` and `process.stderr` itself (the prompts of an interactive run):
 * a stream error never escapes as an uncaught exception with a stack. A closed pipe is quiet; any other error is
 * reported as a bug (exit 2). Not done for every run: making the streams costs a short run about 5 ms.
 */
export function guardStandardStreams(tool: string): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") return;
      fdOutput(2)(internalErrorText(tool, error));
      process.exitCode = ExitCode.fatal;
    });
  }
}
