import { UsageError } from "@agent-plugin/core";

/** `<plugin>@<marketplace>`, as Codex and Claude Code name an installed plugin. */
export interface PluginRef {
  plugin: string;
  marketplace: string;
  /** `plugin@marketplace`: the key of config.toml's `[plugins."…"]` table and of Claude Code's `enabledPlugins`. */
  id: string;
}

/** Letters, digits, `_`, `-` and `.`: what both hosts accept in the names, and safe inside a quoted TOML key. */
const NAME = /^[A-Za-z0-9_.-]+$/;

export function parsePluginRef(text: string | undefined, command: string): PluginRef {
  const match = text === undefined ? null : /^([^@]+)@([^@]+)$/.exec(text.trim());
  if (match === null || !NAME.test(match[1]!) || !NAME.test(match[2]!))
    throw new UsageError(
      `${command} needs <plugin>@<marketplace>, such as demo@team-tools (as codex plugin list and claude plugin list name it)${text === undefined ? "" : `, not "${text}"`}`,
    );
  return { plugin: match[1]!, marketplace: match[2]!, id: `${match[1]}@${match[2]}` };
}
