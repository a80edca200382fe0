/** Who signed an archive against the policy's `signatures` rules: whether a signature is required, and whose. */
import type { VerifyReport } from "../signing/index.js";
import type { Policy, PolicyViolation } from "./types.js";
import { listed } from "./words.js";

/**
 * `signature` is what verification found: a valid signature (trusted by `--trust`, or checked against the key the
 * archive carries, whose id is the hash of that key) or none. The key id is what the policy trusts.
 */
export function signatureViolations(
  signature: Pick<VerifyReport["signature"], "status" | "keyId">,
  policy: Policy,
  plugin: string,
): PolicyViolation[] {
  const rules = policy.signatures;
  if (rules === undefined) return [];
  if (signature.status === "unsigned")
    return rules.required === true
      ? [
          {
            rule: "/signatures/required",
            plugin,
            subject: "signature",
            reason: "the archive is unsigned, and the policy requires a signature",
          },
        ]
      : [];
  const keyId = signature.keyId ?? "(unknown)";
  if (rules.trustedKeys !== undefined && !rules.trustedKeys.includes(keyId))
    return [
      {
        rule: "/signatures/trustedKeys",
        plugin,
        subject: `key ${keyId}`,
        reason: `signed by key ${keyId}, which is not one of the policy's trusted keys (${listed(rules.trustedKeys)})`,
      },
    ];
  return [];
}
