/**
 * The policy's view of an archive: verified first (an archive whose files do not match its signed manifest is
 * refused, not judged), then its signature and its capabilities. The signature is checked against the key the
 * archive carries, whose key id is the hash of that key: the policy's trusted key ids decide whether to accept it.
 */
import { ExitCode } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { CheckedArchive } from "../archive/index.js";
import { archiveCapabilities, type CapabilityReport, type TokenCounter } from "../report/index.js";
import { verificationFailure, verifyReadArchive, type VerifyReport } from "../signing/index.js";
import { pluginViolations } from "./check-plugin.js";
import { signatureViolations } from "./check-signature.js";
import type { Policy, PolicyViolation } from "./types.js";

export interface ArchiveVerdict {
  capabilities: CapabilityReport;
  signature: VerifyReport["signature"];
  violations: PolicyViolation[];
}

export function archiveViolations(
  archive: CheckedArchive,
  shown: string,
  policy: Policy,
  count?: TokenCounter,
): ArchiveVerdict {
  // No trust list: a valid signature by any key comes back "untrusted" with its key id, which the policy then judges.
  const report = verifyReadArchive(archive, { trust: [], allowUnsigned: true }, shown);
  const untrusted = `signature is by key ${report.signature.keyId}, which is not in the trust list`;
  const problems = report.problems.filter((problem) => !problem.startsWith(untrusted));
  if (problems.length > 0)
    throw new PackError(
      verificationFailure({ ...report, problems }, shown, "its policy was not checked"),
      archive.path,
      ExitCode.findings,
    );
  const name = report.plugin?.name ?? "plugin";
  const capabilities = archiveCapabilities(archive, shown, /^[A-Za-z0-9_-]+$/.test(name) ? name : "plugin", count);
  return {
    capabilities,
    signature: report.signature,
    violations: [
      ...signatureViolations(report.signature, policy, capabilities.name),
      ...pluginViolations(capabilities, policy),
    ],
  };
}
