/** Policy as code: a team's policy file, and plugins, archives, marketplaces, installs and diffs checked against it. */
export type {
  AuthMode,
  LoadedPolicy,
  Policy,
  PolicyCheckReport,
  PolicyResult,
  PolicyViolation,
} from "./types.js";
export { loadPolicy } from "./load-policy.js";
export { policyCheck, type PolicyCheckOptions } from "./check.js";
export { withBudgetCounter } from "./check-budget.js";
export { archiveViolations, type ArchiveVerdict } from "./check-archive.js";
export { entryViolations, marketplaceViolations } from "./check-entry.js";
export { pluginViolations } from "./check-plugin.js";
export { signatureViolations } from "./check-signature.js";
export { diffPolicy, diffPolicyNotes, type DiffPolicyResult } from "./check-diff.js";
export { PolicyViolationError } from "./errors.js";
export { renderDiffPolicy, renderPolicyCheck, renderPolicyRefusal, renderViolations } from "./render-policy.js";
