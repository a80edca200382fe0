import { ExitCode } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { PolicyResult } from "./types.js";

/** The policy forbids what was asked (an install): exit 1, and the CLI prints every violation before the one line. */
export class PolicyViolationError extends PackError {
  override name = "PolicyViolationError";
  readonly result: PolicyResult;
  constructor(message: string, result: PolicyResult, file?: string) {
    super(message, file, ExitCode.findings);
    this.result = result;
  }
}
