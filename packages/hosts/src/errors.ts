import { ToolError } from "@agent-plugin/core";

/**
 * A host could not be installed, started or understood. One line: which host and version, what went wrong,
 * what to do. Thrown for problems with the host itself, never for a plugin the host refuses (that is data).
 */
export class HostError extends ToolError {
  override name = "HostError";
}
