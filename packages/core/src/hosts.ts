/**
 * What each host accepts, in one table per host, so a new host version is a table change
 * rather than edits scattered through rules.
 */
import { PORTABLE_MANIFEST_FIELDS } from "./agent-plugins.js";

/** A product with a plugin format of its own (its own manifest folder). */
export type HostId = "codex" | "claude-code";

/**
 * What a plugin can be linted for: a host, or the Agent Plugins 1.0 standard that any conformant client follows
 * (root `plugin.json`, `skills/`, `mcp.json`).
 */
export type TargetId = HostId | "agent-plugins";

export const TARGET_IDS: readonly TargetId[] = ["codex", "claude-code", "agent-plugins"];

export interface HostProfile {
  id: TargetId;
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
   * Manifest fields the host takes from an Agent Plugins root `plugin.json`, when the plugin has one, in preference
   * to its own manifest (Codex 0.171 merges the two field by field).
   */
  portableManifestFields: readonly string[];
  marketplacePaths: readonly string[];
  hookEvents: readonly string[];
  /** The fields the host reads in a hook handler, by handler `type`; other fields are ignored. */
  hookHandlerKeys: Readonly<Record<string, readonly string[]>>;
  /** Frontmatter keys the host (or the Agent Skills spec it follows) understands. */
  skillKeys: readonly string[];
  /** Whether a skill that breaks the Agent Skills spec is skipped (Agent Plugins §7.1), not tolerated where the host copes. */
  strictAgentSkills: boolean;
  /** Codex counts `<plugin>:<skill>` against the name limit. */
  namespacedSkillNames: boolean;
  skillNameMax: number;
  skillDescriptionMax: number;
  defaultPromptMaxLength: number;
  defaultPromptMaxCount: number;
  /** Codex 0.117 reads servers only from the `{"mcpServers": {...}}` wrapper. */
  mcpRequiresWrapper: boolean;
  /** Whether `${CLAUDE_PLUGIN_ROOT}` is expanded in MCP and hook commands. */
  expandsClaudePluginRoot: boolean;
  /** Codex installs copy regular files only; symlinks vanish. */
  copiesSymlinks: boolean;
  /** Links that resolve inside the plugin are followed and any that resolve outside it rejected (Agent Plugins §4.1). */
  rejectsLinksOutside: boolean;
}

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

/**
 * The fields of each hook type in Claude Code 2.1.332's hook schema (the ones it marks internal included: it reads
 * them). Claude Code strips any other field without a word.
 */
const claudeHookKeys: Readonly<Record<string, readonly string[]>> = {
  command: [
    "type",
    "command",
    "args",
    "if",
    "shell",
    "timeout",
    "onFailure",
    "statusMessage",
    "once",
    "async",
    "asyncRewake",
    "holdsTools",
    "rewakeMessage",
    "rewakeSummary",
    "cloud",
  ],
  prompt: ["type", "prompt", "if", "timeout", "model", "continueOnBlock", "statusMessage", "once"],
  agent: ["type", "prompt", "if", "timeout", "model", "statusMessage", "once"],
  http: ["type", "url", "if", "timeout", "onFailure", "headers", "allowedEnvVars", "statusMessage", "once", "cloud"],
  mcp_tool: ["type", "server", "tool", "input", "if", "timeout", "onFailure", "statusMessage", "once"],
};

const specSkillKeys = ["name", "description", "license", "allowed-tools", "metadata", "compatibility"] as const;

export const hostProfiles: Record<TargetId, HostProfile> = {
  codex: {
    id: "codex",
    displayName: "Codex",
    layout: "host",
    manifestPaths: [".codex-plugin/plugin.json"],
    manifestRequired: true,
    manifestSchema: "codexPlugin",
    // Codex 0.171 reads root plugin.json (with an Agent Plugins "$schema") first; `interface` and the component
    // fields still come from .codex-plugin/plugin.json.
    portableManifestFields: PORTABLE_MANIFEST_FIELDS.filter((field) => field !== "$schema" && field !== "extensions"),
    marketplacePaths: [".agents/plugins/marketplace.json"],
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
    strictAgentSkills: false,
    namespacedSkillNames: true,
    skillNameMax: 64,
    skillDescriptionMax: 1024,
    defaultPromptMaxLength: 128,
    defaultPromptMaxCount: 3,
    mcpRequiresWrapper: true,
    expandsClaudePluginRoot: false,
    copiesSymlinks: false,
    rejectsLinksOutside: false,
  },
  "claude-code": {
    id: "claude-code",
    displayName: "Claude Code",
    layout: "host",
    manifestPaths: [".claude-plugin/plugin.json"],
    manifestRequired: false,
    manifestSchema: "claudePlugin",
    portableManifestFields: [],
    marketplacePaths: [".claude-plugin/marketplace.json"],
    hookEvents: [
      "PreToolUse",
      "PostToolUse",
      "PostToolUseFailure",
      "PostToolBatch",
      "Notification",
      "UserPromptSubmit",
      "UserPromptExpansion",
      "SessionStart",
      "SessionEnd",
      "Stop",
      "StopFailure",
      "SubagentStart",
      "SubagentStop",
      "PreCompact",
      "PostCompact",
      "PermissionRequest",
      "PermissionDenied",
      "Setup",
      "TeammateIdle",
      "TaskCreated",
      "TaskCompleted",
      "Elicitation",
      "ElicitationResult",
      "ConfigChange",
      "WorktreeCreate",
      "WorktreeRemove",
      "InstructionsLoaded",
      "CwdChanged",
      "FileChanged",
      // Also in Claude Code 2.1.332's event list (`Oc` in its bundle).
      "PreModelSwitch",
      "PostModelSwitch",
      "DirectoryAdded",
      "MessageDisplay",
      "PreSkillShellCommand",
    ],
    hookHandlerKeys: claudeHookKeys,
    skillKeys: [
      ...specSkillKeys,
      "when_to_use",
      "argument-hint",
      "arguments",
      "disable-model-invocation",
      "user-invocable",
      "disallowed-tools",
      "model",
      "effort",
      "context",
      "agent",
      "background",
      "hooks",
      "paths",
      "shell",
    ],
    strictAgentSkills: false,
    namespacedSkillNames: false,
    skillNameMax: 64,
    skillDescriptionMax: 1536,
    defaultPromptMaxLength: 128,
    defaultPromptMaxCount: 3,
    mcpRequiresWrapper: false,
    expandsClaudePluginRoot: true,
    copiesSymlinks: true,
    rejectsLinksOutside: false,
  },
  "agent-plugins": {
    id: "agent-plugins",
    displayName: "an Agent Plugins client",
    layout: "agent-plugins",
    manifestPaths: ["plugin.json"],
    manifestRequired: true,
    manifestSchema: "agentPlugins100Plugin",
    portableManifestFields: PORTABLE_MANIFEST_FIELDS,
    // The standard has no marketplace format and no hooks.
    marketplacePaths: [],
    hookEvents: [],
    hookHandlerKeys: {},
    skillKeys: specSkillKeys,
    strictAgentSkills: true,
    namespacedSkillNames: false,
    skillNameMax: 64,
    skillDescriptionMax: 1024,
    defaultPromptMaxLength: 128,
    defaultPromptMaxCount: 3,
    // `mcp.json` requires "$schema" and "mcpServers" (§7.2.1).
    mcpRequiresWrapper: true,
    expandsClaudePluginRoot: false,
    copiesSymlinks: true,
    rejectsLinksOutside: true,
  },
};

/** The hosts with a plugin format of their own: `--target` of plugin-pack and create-agent-plugin. */
export function isHostId(value: string): value is HostId {
  return value === "codex" || value === "claude-code";
}

/** A host or the Agent Plugins standard: what plugin-lint's `--target` takes. */
export function isTargetId(value: string): value is TargetId {
  return isHostId(value) || value === "agent-plugins";
}
