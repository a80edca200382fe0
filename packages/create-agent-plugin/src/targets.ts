import { UsageError } from "@agent-plugin/core";

/**
 * The hosts a plugin is written for. `agent-plugins` is the vendor-neutral Agent Plugins 1.0 layout (root
 * `plugin.json`, `skills/`, `mcp.json`) that every client of the standard loads, Codex 0.171 and Claude Code 2.1
 * included. `codex` adds `.codex-plugin/plugin.json` (its `interface`, app connectors, hooks), `claude-code` adds
 * `.claude-plugin/plugin.json` and hook and MCP files in the form Claude Code runs. Every plugin has the portable
 * manifest or the Codex one: Claude Code alone is not offered.
 */
export type Target = "agent-plugins" | "codex" | "claude-code";

/** In the order the files are described and the prompt offers them: the portable layout first. */
export const TARGETS: readonly Target[] = ["agent-plugins", "codex", "claude-code"];

export const TARGET_NAMES: Readonly<Record<Target, string>> = {
  "agent-plugins": "Agent Plugins",
  codex: "Codex",
  "claude-code": "Claude Code",
};

/** Without --target: a Codex plugin, as before the standard existed (docs/create.md says why). */
export const DEFAULT_TARGETS: readonly Target[] = ["codex"];

const USE = "use codex, agent-plugins, or a list such as agent-plugins,codex,claude-code";

/** `--target codex,claude-code` → `["codex", "claude-code"]`, in TARGETS order; default `["codex"]`. */
export function resolveTargets(raw: string | undefined): Target[] {
  if (raw === undefined) return [...DEFAULT_TARGETS];
  const parts = raw
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== "");
  if (parts.length === 0) throw new UsageError(`--target needs a host: ${USE}`);
  for (const part of parts) {
    if (!(TARGETS as readonly string[]).includes(part)) throw new UsageError(`unknown --target "${part}": ${USE}`);
  }
  if (!parts.includes("codex") && !parts.includes("agent-plugins")) {
    throw new UsageError(
      `--target must include codex or agent-plugins: claude-code is written beside one of their manifests; use --target agent-plugins,claude-code or codex,claude-code`,
    );
  }
  return TARGETS.filter((target) => parts.includes(target));
}

/** "Codex", "Agent Plugins and Codex", "Agent Plugins, Codex and Claude Code": for prose. */
export function targetNames(targets: readonly Target[]): string {
  const names = targets.map((target) => (target === "agent-plugins" ? "any Agent Plugins host" : TARGET_NAMES[target]));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
