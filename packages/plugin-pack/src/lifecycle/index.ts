/** After install: enable, disable, uninstall, rollback and status, for Codex and Claude Code. */
export { setEnabled, type EnableOptions, type EnableReport } from "./enable.js";
export { rollback, type RollbackOptions, type RollbackReport } from "./rollback.js";
export { uninstall, type UninstallOptions, type UninstallReport } from "./uninstall.js";
export { status, type HostStatus, type PluginState, type PluginStatus, type StatusReport } from "./status.js";
export type { StillAuthorised } from "./still-authorised.js";
export { claudeConfigDir, codexHome, type LifecycleHost } from "./host-homes.js";
export { renderEnable, renderRollback, renderStatus, renderUninstall } from "./render-lifecycle.js";
