import { UsageError } from "@agent-plugin/core";

/**
 * `interface.capabilities` of the Codex manifest. Codex reads it as a plain list of strings (no fixed set of
 * values), so any non-empty name is accepted; these three are the ones real manifests use, offered in the
 * prompt and written in their usual spelling when typed in another case.
 */
export const KNOWN_CAPABILITIES = ["Interactive", "Read", "Write"] as const;

/** What the plugin's parts suggest: Interactive when it brings tools (an MCP server or an app), always Read. */
export function defaultCapabilities(components: { mcp: boolean; app: boolean }): string[] {
  return components.mcp || components.app ? ["Interactive", "Read"] : ["Read"];
}

/** `--capabilities a,b`: trimmed, known names in their usual case, each at most once (in any case). */
export function resolveCapabilities(raw: string): string[] {
  const parts = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0)
    throw new UsageError(
      `--capabilities needs at least one value, such as --capabilities ${KNOWN_CAPABILITIES.join(",")}`,
    );
  const names = parts.map((part) => {
    if (/[\r\n]/.test(part)) throw new UsageError(`--capabilities: "${part}" must be a single line`);
    return KNOWN_CAPABILITIES.find((known) => known.toLowerCase() === part.toLowerCase()) ?? part;
  });
  const folded = names.map((name) => name.toLowerCase());
  const duplicate = names.find((name, index) => folded.indexOf(name.toLowerCase()) !== index);
  if (duplicate !== undefined) throw new UsageError(`--capabilities names "${duplicate}" twice`);
  return names;
}
