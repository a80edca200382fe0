/**
 * `plugin-pack diff OLD NEW --policy FILE`: the new version's capabilities that the policy forbids, each marked
 * `new` when the old version did not already break the rule the same way, so CI can gate an upgrade on the policy.
 */
import type { CapabilityReport } from "../report/index.js";
import { pluginViolations } from "./check-plugin.js";
import type { LoadedPolicy, Policy, PolicyResult, PolicyViolation } from "./types.js";

export interface DiffPolicyResult extends PolicyResult {
  violations: (PolicyViolation & { new: boolean })[];
}

/** What `diff --policy` does not check, said beside its verdict. */
export function diffPolicyNotes(policy: Policy): string[] {
  const signatures =
    policy.signatures === undefined
      ? []
      : ["signatures: diff compares capabilities; check the new archive's signature with plugin-pack policy check"];
  return signatures;
}

export function diffPolicy(before: CapabilityReport, after: CapabilityReport, loaded: LoadedPolicy): DiffPolicyResult {
  // A violation is the same one when it breaks the same rule for the same reason; the plugin name may differ.
  const identity = (v: PolicyViolation) => `${v.rule}\u0000${v.subject}\u0000${v.reason}`;
  const old = new Set(pluginViolations(before, loaded.policy).map(identity));
  const violations = pluginViolations(after, loaded.policy).map((v) => ({ ...v, new: !old.has(identity(v)) }));
  return { file: loaded.file, sha256: loaded.sha256, passed: violations.length === 0, violations };
}
