// `@agent-plugin/core/model`: loading a plugin and the file helpers around it, without the JSON Schema validators.
// The main entry re-exports schemas.ts, and a bundler that splits chunks puts whatever an entry reaches into its
// chunks: a tool that only packs (plugin-pack's pack path) imports this entry instead, so it starts without
// compiling ~300 kB of generated validators it never calls. Names are added here as such a tool needs them.
export * from "./cache-files.js";
export { hasAgentPluginsManifest } from "./discover.js";
export { formatBytes, lstatOrUndefined, writeFileAtomic } from "./fs-safe.js";
export { firstFileBeside } from "./module-files.js";
export { type HostId, hostProfiles, isTargetId, type TargetId } from "./hosts/index.js";
export { detectJsonStyle, indentAt, replaceJsonScalar, setJsonProperty, splice } from "./json-edit.js";
export { isRecord, loadPlugin, type PluginModel, type SkillFile } from "./load.js";
export {
  PACK_DEFAULT_RULES,
  PACK_LOCKED_NAMES,
  PACK_LOCKED_NOTE,
  type PackDefaultRule,
  packDefaultReason,
} from "./pack-defaults.js";
export { parseJson } from "./parse/json.js";
export { isInside, resolvePluginPath, safeRealpath, toPosixRelative } from "./paths.js";
export { findLockfile, type LockfileManager } from "./workspace.js";
