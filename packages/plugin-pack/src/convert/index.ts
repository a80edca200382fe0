/** Rewriting a plugin from one layout (Agent Plugins, Codex, Claude Code) into another. */
export { convert } from "./convert.js";
export { renderConvert } from "./render.js";
export { type NeutralServer, readServer } from "./servers.js";
export type { ConvertOptions, ConvertReport, NotCarried } from "./types.js";
