import { ExitCode, ToolError } from "@agent-plugin/core/cli";

/**
 * Input that cannot be packed, read or trusted (a broken plugin, a hostile archive, a bad key): one line naming
 * the file and what to do, exit 2. A subclass whose failure is a finding (a failed verification) carries exit 1.
 */
export class PackError extends ToolError {
  override name = "PackError";
  constructor(message: string, file?: string, exitCode: ExitCode = ExitCode.fatal) {
    super(message, { exitCode, ...(file === undefined ? {} : { file }) });
  }
}
