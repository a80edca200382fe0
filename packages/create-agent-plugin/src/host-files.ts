import type { RenderContext } from "./context.js";

/**
 * Where each host reads the plugin's MCP servers and hooks from, when the plugin is written for both.
 *
 * Claude Code always reads `.mcp.json` and `hooks/hooks.json` at the plugin root (a manifest path only adds to
 * them), while Codex reads only the files its manifest names, falling back to the same two defaults. The hosts
 * need different forms of a local path:
 * - Claude Code ignores an MCP server's `cwd` (anthropics/claude-code#17565) and expands `${CLAUDE_PLUGIN_ROOT}`;
 *   Codex passes that text through literally, and resolves a relative `cwd` against the plugin root.
 * - In hook commands, Claude Code sets and expands `${CLAUDE_PLUGIN_ROOT}`, Codex `${PLUGIN_ROOT}`.
 * So the default files take Claude Code's form, and Codex gets its own files through its manifest. A remote
 * server has no local path: one `.mcp.json` carries both hosts' header keys.
 */

/** `.codex-mcp.json`: Codex's copy of a local server's config, next to Claude Code's `.mcp.json`. */
export const CODEX_MCP_FILE = ".codex-mcp.json";
/** `hooks/codex-hooks.json`: Codex's hooks, next to Claude Code's `hooks/hooks.json`. */
export const CODEX_HOOKS_FILE = "hooks/codex-hooks.json";

/** The MCP file the Codex manifest names, or null when the plugin has no MCP server. */
export function codexMcpFile(context: RenderContext): string | null {
  if (context.stdio !== null) return context.claudeCode ? CODEX_MCP_FILE : ".mcp.json";
  return context.mcp === null ? null : ".mcp.json";
}

/** The hook file the Codex manifest names, or null when Codex reads the default `hooks/hooks.json` (or has no hooks). */
export function codexHooksFile(context: RenderContext): string | null {
  return context.hooks && context.claudeCode ? CODEX_HOOKS_FILE : null;
}
