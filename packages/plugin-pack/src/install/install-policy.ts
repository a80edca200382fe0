/**
 * `install --policy`: the archive (its signature, name and capabilities), the marketplace it goes into and the entry
 * as it will be written, against the policy. Throws PolicyViolationError (exit 1) before anything is written.
 */
import { relative } from "node:path";
import { isRecord } from "@agent-plugin/core";
import type { CheckedArchive } from "../archive/index.js";
import {
  entryViolations,
  marketplaceViolations,
  pluginViolations,
  PolicyViolationError,
  signatureViolations,
  type LoadedPolicy,
  type PolicyResult,
} from "../policy/index.js";
import { archiveCapabilities } from "../report/index.js";
import type { VerifyReport } from "../signing/index.js";
import type { ArchivePlugin } from "./install-archive.js";
import type { EntryPlan } from "./install-entry.js";

export interface InstallPolicyInput {
  archive: CheckedArchive;
  archivePath: string;
  verified: VerifyReport;
  plugin: ArchivePlugin;
  entry: EntryPlan;
  /** The marketplace file as it will be after the install (or is, when the entry does not change). */
  marketplaceText: string | undefined;
  policy: LoadedPolicy;
  cwd: string;
}

export function installPolicy(input: InstallPolicyInput): PolicyResult {
  const { archive, archivePath, verified, plugin, entry, policy } = input;
  const rules = policy.policy;
  const capabilities = archiveCapabilities(archive, archivePath, plugin.name, policy.tokenCounter);
  const violations = [
    ...signatureViolations(verified.signature, rules, plugin.name),
    ...pluginViolations(capabilities, rules),
    ...marketplaceViolations(marketplaceName(input.marketplaceText), rules),
    ...entryViolations(entry.policy, plugin.name, rules),
  ];
  const result: PolicyResult = {
    file: policy.file,
    sha256: policy.sha256,
    passed: violations.length === 0,
    violations,
  };
  if (!result.passed) {
    const first = violations[0]!;
    const more = violations.length > 1 ? `; and ${violations.length - 1} more` : "";
    throw new PolicyViolationError(
      `${archivePath} is refused by policy ${shown(input.cwd, policy.file)}, nothing was installed: ${first.subject}: ${first.reason} [${first.rule}]${more}`,
      result,
      archive.path,
    );
  }
  return result;
}

function marketplaceName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && typeof value.name === "string" ? value.name : undefined;
  } catch {
    return undefined;
  }
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}
