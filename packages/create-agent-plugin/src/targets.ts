import { UsageError } from "@agent-plugin/core";

/**
 * The hosts a plugin is written for. Codex is always one of them: its manifest is the one every generated plugin
 * has. Claude Code adds `.claude-plugin/plugin.json`, and hook and MCP files in the form Claude Code runs.
 */
export type Target = "codex" | "claude-code";

export const TARGETS: readonly Target[] = ["codex", "claude-code"];

export const TARGET_NAMES: Readonly<Record<Target, string>> = { codex: "Codex", "claude-code": "Claude Code" };

/** `--target codex,claude-code` → `["codex", "claude-code"]`, always Codex first; default `["codex"]`. */
export function resolveTargets(raw: string | undefined): Target[] {
  if (raw === undefined) return ["codex"];
  const parts = raw
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== "");
  if (parts.length === 0) throw new UsageError(`--target needs a host: use codex, or codex,claude-code`);
  for (const part of parts) {
    if (!(TARGETS as readonly string[]).includes(part))
      throw new UsageError(`unknown --target "${part}": use codex, or codex,claude-code`);
  }
  if (!parts.includes("codex")) {
    throw new UsageError(
      `--target must include codex: every generated plugin is a Codex plugin, and claude-code is added to it; use --target codex,claude-code`,
    );
  }
  return TARGETS.filter((target) => parts.includes(target));
}
