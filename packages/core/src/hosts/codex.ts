// Codex's profiles, one per verified release. The newer one is written as the differences from the older, so that
// what changed between releases is visible here (`pnpm hosts:update` prints the probe data behind each change).
import { PORTABLE_IDENTITY_FIELDS } from "../agent-plugins.js";
import type { HostProfile } from "./profile.js";
import { specSkillKeys } from "./skill-keys.js";

/** The hook fields Codex reads, whatever the hook's type. */
const codexHookKeys = [
  "type",
  "command",
  "commandWindows",
  "timeout",
  "async",
  "statusMessage",
  "prompt",
  "model",
  "url",
  "headers",
  "server",
  "tool",
  "input",
] as const;

/** Codex 0.117.0: the first release with plugins on by default. */
export const codex0117: HostProfile = {
  id: "codex",
  version: "0.117.0",
  verifiedAgainst: "@openai/codex@0.117.0",
  current: false,
  displayName: "Codex",
  layout: "host",
  manifestPaths: [".codex-plugin/plugin.json"],
  manifestRequired: true,
  manifestSchema: "codexPlugin",
  // `version` is not read at all: a number there installs (probe plugin-json/shape/version-number).
  ignoredManifestFields: ["version"],
  // A root plugin.json is not read at all (probe root-plugin-json/location/with-codex-manifest).
  portableManifestFields: [],
  marketplacePaths: [".agents/plugins/marketplace.json"],
  // A marketplace with only .claude-plugin/marketplace.json is not listed (probe marketplace-json/location/claude-file-only).
  readsClaudeMarketplace: false,
  // Only local sources: `url` fails the marketplace ("unknown variant `url`, expected `local`", probe
  // marketplace-json/shape/source-github and the marketplace/source rule fixture).
  marketplaceSourceKinds: ["local"],
  // Adds the marketplace, but no plugin of it installs ("local curated marketplace sha is not available", probe
  // marketplace-json/value/reserved-name-codex).
  reservedMarketplaceNames: ["openai-curated"],
  // The version is not read at all: blank, numeric and "1/0" versions install (probes plugin-json/value/version-*).
  refusesInvalidVersion: false,
  // A `skills` path adds to skills/ (probe plugin-json/path/skills-string loads both; skills-missing keeps skills/).
  skillPathsReplaceDefault: false,
  // Plugin hooks are not loaded by this release (probe hooks-json/baseline/clean).
  loadsHooks: false,
  loadsHooksBesidePortableManifest: false,
  // A root plugin.json is not read, so neither is mcp.json (probe mcp-json/location/agent-plugins-name).
  readsPortableMcpJson: false,
  hookEvents: [
    "PreToolUse",
    "PermissionRequest",
    "PostToolUse",
    "PreCompact",
    "PostCompact",
    "SessionStart",
    "UserPromptSubmit",
    "SubagentStart",
    "SubagentStop",
    "Stop",
  ],
  hookHandlerKeys: Object.fromEntries(
    ["command", "prompt", "agent", "http", "mcp_tool"].map((type) => [type, codexHookKeys]),
  ),
  skillKeys: specSkillKeys,
  // "mapping values are not allowed in this context" refuses the skill (probe skill-md/yaml-syntax/unquoted-colon).
  readsUnquotedColons: false,
  strictAgentSkills: false,
  namespacedSkillNames: true,
  skillNameMax: 64,
  skillDescriptionMax: 1024,
  defaultPromptMaxLength: 128,
  defaultPromptMaxCount: 3,
  mcpRequiresWrapper: true,
  expandsClaudePluginRoot: false,
  // "icon path must not contain '..'" (strings of the 0.117.0 binary; no probe records icons).
  iconsFromPluginAssets: false,
  copiesSymlinks: false,
  rejectsLinksOutside: false,
};

/** Codex 0.171.0: the current release. */
export const codex0171: HostProfile = {
  ...codex0117,
  version: "0.171.0",
  verifiedAgainst: "@openai/codex@0.171.0",
  current: true,
  // Installs without a manifest (probe plugin/location/no-manifest).
  manifestRequired: false,
  // Reads `version` and refuses the manifest over it (probes plugin-json/shape/version-number, value/version-*).
  ignoredManifestFields: [],
  // A root plugin.json with the Agent Plugins "$schema" wins field by field; `interface` and the component fields
  // still come from .codex-plugin/plugin.json (probe root-plugin-json/location/with-codex-manifest).
  portableManifestFields: PORTABLE_IDENTITY_FIELDS,
  loadsHooks: true,
  // Beside that plugin.json its servers come from mcp.json alone; .mcp.json and the manifest's `mcpServers` are
  // ignored (probe root-plugin-json/location/agent-plugins-with-mcp-json; host-fidelity portable-mcp.test.ts).
  readsPortableMcpJson: true,
  // Reads .claude-plugin/marketplace.json when .agents/plugins/marketplace.json is absent (probe
  // marketplace-json/location/claude-file-only).
  readsClaudeMarketplace: true,
  // Git `url` and npm package sources too (probes marketplace-json/shape/npm-clean, value/npm-*: it lists the entry
  // and runs `npm pack --ignore-scripts` at install); other kinds (`github`) skip the entry (the marketplace/source
  // rule fixtures). 0.117 fails the whole marketplace on an npm source ("unknown variant `npm`").
  marketplaceSourceKinds: ["local", "url", "npm"],
  // `plugin marketplace add` refuses each of these (probe marketplace-json/value/reserved-name-codex; every name was
  // tried on the 0.171.0 binary, whose is_reserved_marketplace_name lists them, the remote scopes' included).
  reservedMarketplaceNames: [
    "openai-curated",
    "openai-api-curated",
    "openai-bundled",
    "openai-bundled-alpha",
    "openai-primary-runtime",
    "openai-curated-remote",
    "workspace-directory",
    "workspace-shared-with-me",
    "workspace-shared-with-me-private",
    "workspace-shared-with-me-unlisted",
  ],
  // Refuses blank, numeric and "1/0" versions (probes plugin-json/value/version-slash, version-empty, shape/version-number).
  refusesInvalidVersion: true,
  // A frontmatter value with an unquoted `: ` is read as text (probe skill-md/yaml-syntax/unquoted-colon).
  readsUnquotedColons: true,
  // A `skills` path replaces skills/, even one that names nothing (probes plugin-json/path/skills-string, -missing).
  skillPathsReplaceDefault: true,
  // The limit applies to the skill's own name, not `<plugin>:<skill>` (probes skill-md/length/namespaced-65, name-65).
  namespacedSkillNames: false,
  // No description limit (probe skill-md/length/description-5000).
  skillDescriptionMax: undefined,
  // Prompts up to 512 characters are kept whole (probes plugin-json/length/default-prompt-512, -513).
  defaultPromptMaxLength: 512,
  // A bare `{"name": {...}}` map of servers loads (probe mcp-json/shape/bare-map).
  mcpRequiresWrapper: false,
  // "icon path with '..' must resolve under plugin assets/" (strings of the 0.171.0 binary; no probe records icons).
  iconsFromPluginAssets: true,
};
