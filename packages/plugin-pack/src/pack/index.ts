/** Packing a plugin folder: what goes in (selection, .pluginignore), linting, bundling, signing, and the archive. */
export { pack, planPack, type PackOptions, type PackPlan, type PackReport } from "./pack.js";
export { defaultPackTarget } from "./pack-target.js";
export { selectFiles, type SelectOptions } from "./select.js";
export type { Selection, SelectionDecision } from "./types.js";
export { LintFailedError } from "./lint-failed-error.js";
export { renderList, renderPack } from "./render.js";
