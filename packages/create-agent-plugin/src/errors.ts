import { ToolError } from "@agent-plugin/core";

/**
 * Something on disk got in the way (a read-only folder, an unreadable marketplace file, a failed install): exit 1.
 * Nothing is left half-written; the message names the file and what to do. Bad flags are core's UsageError (exit 2).
 */
export class CreateError extends ToolError {
  override name = "CreateError";
  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 1 });
  }
}
