/**
 * What a host version accepts, as one table, so a new host version is a new table rather than edits scattered through
 * rules. Each table records the version it was verified against with the host harness (packages/hosts).
 */

/** A product with a plugin format of its own (its own manifest folder). */
export type HostId = "codex" | "claude-code";

/**
 * What a plugin can be linted for: a host, or the Agent Plugins 1.0 standard that any conformant client follows
 * (root `plugin.json`, `skills/`, `mcp.json`).
 */
export type TargetId = HostId | "agent-plugins";

export const TARGET_IDS: readonly TargetId[] = ["codex", "claude-code", "agent-plugins"];

/** A target as users write it: `codex` (the current profile) or `codex@0.117` (a pinned one). */
export type TargetSpec = TargetId | `${TargetId}@${string}`;

export interface HostProfile {
  id: TargetId;
  /** The host (or standard) version the profile describes: the pinned host release the harness verified it with. */
  version: string;
  /** What the profile was verified against: `@openai/codex@0.171.0`, or the standard's text. */
  verifiedAgainst: string;
  /** Whether `--target <id>` without a version selects this profile (the newest verified release). */
  current: boolean;
  /** How messages name the host, as the subject of a sentence: "Codex skips the skill". */
  displayName: string;
  /** A host's own layout (manifest paths, components it declares), or the standard's fixed locations. */
  layout: "host" | "agent-plugins";
  /** Manifest locations the host reads, in order. */
  manifestPaths: readonly string[];
  /** Whether a plugin without a manifest can be installed at all. */
  manifestRequired: boolean;
  manifestSchema: "codexPlugin" | "claudePlugin" | "agentPlugins100Plugin";
  /**
   * Top-level manifest fields this release does not read at all, so even a duplicated one leaves the manifest whole
   * (Codex 0.117 ignores `version`: probe plugin-json/shape/version-number installs, json/duplicate-key fixture loads).
   */
  ignoredManifestFields: readonly string[];
  /**
   * Manifest fields the host takes from an Agent Plugins root `plugin.json`, when the plugin has one, in preference
   * to its own manifest (Codex 0.171 merges the two field by field).
   */
  portableManifestFields: readonly string[];
  marketplacePaths: readonly string[];
  /** Whether a Codex marketplace in `.claude-plugin/marketplace.json` alone is read (probe marketplace-json/location/claude-file-only). */
  readsClaudeMarketplace: boolean;
  /**
   * The object forms (`"source": "<kind>"`) of a marketplace entry's source the host reads; undefined where the
   * host's own schema decides (Claude Code). Codex 0.117 fails the whole marketplace on any other kind.
   */
  marketplaceSourceKinds: readonly string[] | undefined;
  /**
   * Marketplace names the host keeps for its vendor's own marketplaces and refuses from any other source (Codex 0.171:
   * "marketplace `openai-curated` is reserved and cannot be added from this source").
   */
  reservedMarketplaceNames: readonly string[];
  /**
   * Whether an install is refused for a manifest `version` Codex cannot name a folder after (blank, not a string,
   * characters outside letters, digits, `.`, `+`, `_`, `-`): probes plugin-json/value/version-slash, version-empty.
   */
  refusesInvalidVersion: boolean;
  /**
   * Whether a manifest `skills` path replaces the default `skills/` folder (Codex 0.171) rather than adding to it
   * (0.117): probe plugin-json/path/skills-string, skills-missing.
   */
  skillPathsReplaceDefault: boolean;
  /** Whether the host runs plugin hooks at all (Codex 0.117 ignores a plugin's hooks). */
  loadsHooks: boolean;
  /**
   * Whether it still runs them when the plugin also has an Agent Plugins root plugin.json: Codex 0.171 registers none
   * (checked with create-agent-plugin --target agent-plugins,codex --hooks, internal/host-fidelity/src/whole.test.ts).
   */
  loadsHooksBesidePortableManifest: boolean;
  /**
   * Whether, beside an Agent Plugins root plugin.json, the host takes MCP servers from the standard's mcp.json only,
   * ignoring .mcp.json and its own manifest's `mcpServers` (Codex 0.171; probe
   * root-plugin-json/location/agent-plugins-with-mcp-json, internal/host-fidelity/src/portable-mcp.test.ts).
   */
  readsPortableMcpJson: boolean;
  hookEvents: readonly string[];
  /** The fields the host reads in a hook handler, by handler `type`; other fields are ignored. */
  hookHandlerKeys: Readonly<Record<string, readonly string[]>>;
  /** Frontmatter keys the host (or the Agent Skills spec it follows) understands. */
  skillKeys: readonly string[];
  /**
   * Whether a frontmatter value with an unquoted `: ` (not valid YAML) is read as text instead of the skill being
   * refused (probe skill-md/yaml-syntax/unquoted-colon: Codex 0.171 and Claude Code read it, Codex 0.117 refuses).
   */
  readsUnquotedColons: boolean;
  /** Whether a skill that breaks the Agent Skills spec is skipped (Agent Plugins §7.1), not tolerated where the host copes. */
  strictAgentSkills: boolean;
  /** Codex counts `<plugin>:<skill>` against the name limit. */
  namespacedSkillNames: boolean;
  skillNameMax: number;
  /** The longest skill description the host loads; undefined when it sets no limit. */
  skillDescriptionMax: number | undefined;
  defaultPromptMaxLength: number;
  defaultPromptMaxCount: number;
  /** Codex 0.117 reads servers only from the `{"mcpServers": {...}}` wrapper. */
  mcpRequiresWrapper: boolean;
  /** Whether `${CLAUDE_PLUGIN_ROOT}` is expanded in MCP and hook commands. */
  expandsClaudePluginRoot: boolean;
  /**
   * Whether a skill icon path (agents/openai.yaml) with `..` is kept when it resolves under the plugin's own
   * `assets/` folder. No probe records icons: Codex 0.171's binary has the check "icon path with '..' must resolve
   * under plugin assets/", which 0.117's lacks (it only has "icon path must not contain '..'").
   */
  iconsFromPluginAssets: boolean;
  /** Codex installs copy regular files only; symlinks vanish. */
  copiesSymlinks: boolean;
  /** Links that resolve inside the plugin are followed and any that resolve outside it rejected (Agent Plugins §4.1). */
  rejectsLinksOutside: boolean;
}

/** The hosts with a plugin format of their own: `--target` of plugin-pack and create-agent-plugin. */
export function isHostId(value: string): value is HostId {
  return value === "codex" || value === "claude-code";
}

/** A host or the Agent Plugins standard: what plugin-lint's `--target` takes. */
export function isTargetId(value: string): value is TargetId {
  return isHostId(value) || value === "agent-plugins";
}
