// The Agent Plugins 1.0 standard as a target: what any conformant client does (spec text, not a host release).
import { PORTABLE_MANIFEST_FIELDS } from "../agent-plugins.js";
import type { HostProfile } from "./profile.js";
import { specSkillKeys } from "./skill-keys.js";

/** The Agent Plugins Specification 1.0.0. */
export const agentPlugins100: HostProfile = {
  id: "agent-plugins",
  version: "1.0.0",
  verifiedAgainst: "Agent Plugins Specification 1.0.0",
  current: true,
  displayName: "an Agent Plugins client",
  layout: "agent-plugins",
  manifestPaths: ["plugin.json"],
  manifestRequired: true,
  manifestSchema: "agentPlugins100Plugin",
  ignoredManifestFields: [],
  portableManifestFields: PORTABLE_MANIFEST_FIELDS,
  // The standard has no marketplace format and no hooks.
  marketplacePaths: [],
  readsClaudeMarketplace: false,
  marketplaceSourceKinds: undefined,
  reservedMarketplaceNames: [],
  refusesInvalidVersion: false,
  // The standard reads skills/ only.
  skillPathsReplaceDefault: false,
  loadsHooks: false,
  loadsHooksBesidePortableManifest: false,
  // The standard's own layout: mcp.json is its only MCP file.
  readsPortableMcpJson: true,
  hookEvents: [],
  hookHandlerKeys: {},
  skillKeys: specSkillKeys,
  // The Agent Skills spec requires valid YAML frontmatter.
  readsUnquotedColons: false,
  strictAgentSkills: true,
  namespacedSkillNames: false,
  skillNameMax: 64,
  skillDescriptionMax: 1024,
  defaultPromptMaxLength: 128,
  defaultPromptMaxCount: 3,
  // `mcp.json` requires "$schema" and "mcpServers" (§7.2.1).
  mcpRequiresWrapper: true,
  expandsClaudePluginRoot: false,
  // agents/openai.yaml is a Codex file.
  iconsFromPluginAssets: false,
  copiesSymlinks: true,
  rejectsLinksOutside: true,
};
