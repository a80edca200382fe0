import { ToolError } from "@agent-plugin/core";

/** A report or a fix that cannot be written (a read-only folder, a full disk): exit 2, nothing half-written. */
export class WriteError extends ToolError {
  override name = "WriteError";
}
