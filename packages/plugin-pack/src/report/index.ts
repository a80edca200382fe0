/** What a plugin can do (inspect, from a folder or an archive) and what changed between two versions (diff). */
export type { CapabilityChange, CapabilityReport, ChangeKind, DiffReport, McpServerCapability } from "./types.js";
export { authKinds, capabilityReport, describeAuth, type CapabilitySource } from "./capabilities.js";
export { archiveCapabilities, inspect } from "./inspect.js";
export { diff, diffCapabilities, failOnKinds, shouldFail } from "./diff.js";
export { renderInspect } from "./render-inspect.js";
export { renderBudget } from "./render-budget.js";
export { renderDiff } from "./render-diff.js";
export {
  type BudgetComponent,
  type BudgetComponentKind,
  type ContextBudget,
  type ContextBudgetOptions,
  contextBudget,
  countContextBudget,
  overBudget,
  type TokenCounter,
  tokenCounter,
} from "./context-budget.js";
