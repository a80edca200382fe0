/** What a plugin can do (inspect, from a folder or an archive) and what changed between two versions (diff). */
export type { CapabilityChange, CapabilityReport, ChangeKind, DiffReport, McpServerCapability } from "./types.js";
export { capabilityReport, describeAuth, type CapabilitySource } from "./capabilities.js";
export { archiveCapabilities, inspect } from "./inspect.js";
export { diff, diffCapabilities, failOnKinds, shouldFail } from "./diff.js";
export { renderInspect } from "./render-inspect.js";
export { renderDiff } from "./render-diff.js";
