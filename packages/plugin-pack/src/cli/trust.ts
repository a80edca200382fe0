import { type OptionValues, UsageError } from "@agent-plugin/core";
import { loadTrust, type TrustedKey } from "../signing/index.js";
import { stringsOption } from "./command.js";

/** The keys `--trust` names; none with --allow-unsigned, which checks integrity only. */
export function trustOption(values: OptionValues, cwd: string): TrustedKey[] {
  const specs = stringsOption(values, "trust");
  if (specs.length === 0 && values["allow-unsigned"] !== true) {
    throw new UsageError(
      "verify needs --trust <public key | .pub file | trust file> (or --allow-unsigned to check integrity only)",
    );
  }
  return loadTrust(specs, { cwd });
}
