/**
 * What each host accepts, in one table per host, so a new host version is a table change
 * rather than edits scattered through rules.
 */
export type HostId = "codex" | "claude-code";

export interface HostProfile {
  id: HostId;
  displayName: string;
  /** Manifest locations the host reads, in order. */
  manifestPaths: readonly string[];
  /** Whether a plugin without a manifest can be installed at all. */
  manifestRequired: boolean;
  manifestSchema: "codexPlugin" | "claudePlugin";
  marketplacePaths: readonly string[];
  hookEvents: readonly string[];
  /** Frontmatter keys the host (or the Agent Skills spec it follows) understands. */
  skillKeys: readonly string[];
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
}

const specSkillKeys = ["name", "description", "license", "allowed-tools", "metadata", "compatibility"] as const;

export const hostProfiles: Record<HostId, HostProfile> = {
  codex: {
    id: "codex",
    displayName: "Codex",
    manifestPaths: [".codex-plugin/plugin.json"],
    manifestRequired: true,
    manifestSchema: "codexPlugin",
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
    skillKeys: specSkillKeys,
    namespacedSkillNames: true,
    skillNameMax: 64,
    skillDescriptionMax: 1024,
    defaultPromptMaxLength: 128,
    defaultPromptMaxCount: 3,
    mcpRequiresWrapper: true,
    expandsClaudePluginRoot: false,
    copiesSymlinks: false,
  },
  "claude-code": {
    id: "claude-code",
    displayName: "Claude Code",
    manifestPaths: [".claude-plugin/plugin.json"],
    manifestRequired: false,
    manifestSchema: "claudePlugin",
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
    ],
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
    namespacedSkillNames: false,
    skillNameMax: 64,
    skillDescriptionMax: 1536,
    defaultPromptMaxLength: 128,
    defaultPromptMaxCount: 3,
    mcpRequiresWrapper: false,
    expandsClaudePluginRoot: true,
    copiesSymlinks: true,
  },
};

export function isHostId(value: string): value is HostId {
  return value === "codex" || value === "claude-code";
}
