/** `plugin-pack try`: load a plugin into the real host, through the host driver, and compare with its files. */
export type { ServerProbe, TryComponents, TryDifference, TryHostRun, TryPlugin, TryReport, TrySkill } from "./types.js";
export { tryPlugin, type TryOptions } from "./try-plugin.js";
export { findHost, findOnPath, installHint, type FoundHost } from "./find-host.js";
export { renderTry } from "./render-try.js";
export { watchTry, type WatchOptions } from "./watch.js";
