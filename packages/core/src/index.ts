// The public API of @agent-plugin/core, listed by name: a module's other exports are internal to core.

// The Agent Plugins 1.0 standard: schema ids and versions.
export {
  AGENT_PLUGINS_SCHEMA_BASE,
  AGENT_PLUGINS_VERSIONS,
  agentPluginsSchemaId,
  type AgentPluginsSchemaKind,
  type AgentPluginsVersion,
  declaresAgentPlugins,
  isSupportedAgentPluginsVersion,
  parseAgentPluginsSchemaId,
  PORTABLE_IDENTITY_FIELDS,
  PORTABLE_MANIFEST_FIELDS,
} from "./agent-plugins.js";
// Diagnostics: what every tool reports, with exact positions.
export {
  compareDiagnostics,
  type Diagnostic,
  type Fix,
  type Position,
  type Severity,
  type Span,
} from "./diagnostic.js";
// The CLI kit: a CLI declared once, the error model and runMain.
export {
  type ArgumentSpec,
  CancelledError,
  type CliSpec,
  type CommandSpec,
  ExitCode,
  type FlagValues,
  fdOutput,
  formatHelp,
  guardStandardStreams,
  isTerminal,
  type OptionSpec,
  type OptionValues,
  type OutputFd,
  parseCommandLine,
  type ParsedCommandLine,
  reportError,
  runMain,
  ToolError,
  type ToolOutput,
  UsageError,
} from "./cli/index.js";
// Finding plugins and marketplaces.
export {
  declaredTargets,
  discoverTargets,
  type Discovery,
  hasAgentPluginsManifest,
  type Target,
} from "./discover.js";
// Reading and writing files safely: size limits, text checks, atomic writes.
export {
  formatBytes,
  isDirectory,
  lstatOrUndefined,
  MAX_TEXT_FILE_BYTES,
  type ReadFailureReason,
  readTextFile,
  type TextReadOptions,
  type TextReadResult,
  writeFileAtomic,
} from "./fs-safe.js";
export { firstFileBeside } from "./module-files.js";
// Files kept between runs in the user's cache folder (the deflate cache, the code cache).
export * from "./cache-files.js";
// What git would do with a file.
export {
  type GitFileState,
  gitFileStates,
  gitRemoteUrls,
} from "./git-state.js";
// Host profiles and lint targets: what each host reads and accepts.
export {
  allProfiles,
  type HostId,
  type HostProfile,
  hostProfiles,
  isHostId,
  isTargetId,
  profileFor,
  resolveTarget,
  TARGET_IDS,
  type TargetId,
  type TargetResolution,
  type TargetSpec,
  targetLabel,
} from "./hosts/index.js";
// Format-preserving JSON edits.
export {
  detectJsonStyle,
  indentAt,
  type JsonStyle,
  parseJsonTree,
  replaceJsonScalar,
  setJsonProperty,
  splice,
} from "./json-edit.js";
// Claude Code's agents, commands, output styles, LSP servers and monitors.
export {
  type ClaudeComponentFile,
  type ClaudeComponents,
  type MarkdownComponent,
  type MarkdownComponentKind,
  monitorsOf,
} from "./claude-components.js";
// A Claude Code marketplace entry read as its plugin's manifest.
export { ENTRY_ONLY_FIELDS, jsonSubDocument } from "./entry-manifest.js";
// The npm CLI as the user has it, with a timeout.
export {
  isNpmNotFound,
  type NpmRun,
  type NpmRunOptions,
  npmEnvFor,
  npmErrorCode,
  npmFailure,
  runNpm,
} from "./npm-cli.js";
// npm package tarballs, read bounded.
export { DEFAULT_TARBALL_LIMITS, readNpmTarball, type TarballFile, type TarballLimits } from "./npm-tarball.js";
// The plugin and marketplace model.
export {
  type FileProblem,
  isRecord,
  type JsonFile,
  loadMarketplace,
  type LoadOptions,
  loadPlugin,
  loadSkillFile,
  localSourcePath,
  type MarketplaceEntry,
  type MarketplaceModel,
  type PluginLoadOptions,
  type PluginModel,
  type ReadTextOptions,
  type SkillFile,
  type YamlFile,
} from "./load.js";
// Positions of JSON and YAML values.
export {
  locate,
  type Located,
  type PointerSegment,
  type SourceDocument,
} from "./locate.js";
// Editing marketplace entries.
export {
  addMarketplaceEntry,
  CODEX_MARKETPLACE_PATH,
  defaultMarketplaceIdentity,
  type EntryFieldEdit,
  type JsonScalar,
  MarketplaceEditError,
  type MarketplaceEditProblem,
  marketplaceEntries,
  type MarketplaceEntryValue,
  newMarketplaceText,
  updateMarketplaceEntry,
} from "./marketplace-edit.js";
// Plugin and package names.
export {
  titleCase,
  toKebab,
} from "./names.js";
// What plugin-pack leaves out of every archive.
export {
  PACK_DEFAULT_RULES,
  PACK_LOCKED_NAMES,
  PACK_LOCKED_NOTE,
  packDefaultReason,
  type PackDefaultRule,
  packExcluder,
  PLUGINIGNORE,
} from "./pack-defaults.js";
// Parsing JSON with positions.
export {
  type JsonDocument,
  type JsonProblem,
  MAX_JSON_DEPTH,
  parseJson,
} from "./parse/json.js";
// Parsing YAML and frontmatter with positions.
export {
  type FrontmatterResult,
  type FrontmatterSplit,
  isMap,
  isScalar,
  isSeq,
  MAX_YAML_ALIASES,
  parseYaml,
  portabilityIssues,
  splitFrontmatter,
  type YamlDocument,
  type YamlPortabilityIssue,
  type YamlProblem,
} from "./parse/yaml.js";
// Resolving the paths written in plugin files.
export {
  isInside,
  join,
  type PathProblem,
  type PathResolution,
  type ResolveOptions,
  resolvePluginPath,
  safeRealpath,
  toPosixRelative,
} from "./paths.js";
// The JSON Schemas, compiled.
export {
  checkSchema,
  describePath,
  type SchemaIssue,
  type SchemaName,
  typeName,
} from "./schemas.js";
// The Agent Plugins standard's fixed layout: skills/ one level deep, mcp.json.
export {
  discoverStandardLayout,
  type FixedLocation,
  type StandardLayout,
  type UnloadedSkillFile,
} from "./standard-layout.js";
// Text helpers.
export {
  closestMatch,
  LineIndex,
} from "./text.js";
// Walking a plugin folder.
export {
  MAX_WALK_DEPTH,
  MAX_WALK_ENTRIES,
  walk,
  type WalkedFile,
  type WalkedKind,
  walkedKinds,
  type WalkedLink,
  type WalkResult,
} from "./walk.js";
// Package-manager workspaces.
export {
  findLockfile,
  findWorkspaceRoot,
  type LockfileManager,
  PNPM_WORKSPACE_FILE,
  readJsonObject,
  readWorkspaceDeclaration,
  type WorkspaceDeclaration,
  WorkspaceFileError,
  workspaceIncludes,
  type WorkspaceRoot,
} from "./workspace.js";
