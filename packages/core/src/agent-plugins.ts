// The Agent Plugins standard's identifiers: which versions this toolchain knows, and how a file names its version.
import { parseJson } from "./parse/json.js";

/** Every canonical schema id of the standard starts with this. */
export const AGENT_PLUGINS_SCHEMA_BASE = "https://agent-plugins.org/schemas/";

/** The Agent Plugins versions plugin-lint validates, newest last. */
export const AGENT_PLUGINS_VERSIONS = ["1.0.0"] as const;
export type AgentPluginsVersion = (typeof AGENT_PLUGINS_VERSIONS)[number];

/** The top-level fields root `plugin.json` may hold (§5.2): its schema is closed. */
export const PORTABLE_MANIFEST_FIELDS: readonly string[] = [
  "$schema",
  "name",
  "version",
  "description",
  "author",
  "homepage",
  "repository",
  "license",
  "keywords",
  "extensions",
];

/** The fields of root `plugin.json` that describe the plugin itself: all but `$schema` and `extensions`. */
export const PORTABLE_IDENTITY_FIELDS: readonly string[] = PORTABLE_MANIFEST_FIELDS.filter(
  (field) => field !== "$schema" && field !== "extensions",
);

export type AgentPluginsSchemaKind = "plugin" | "mcp";

/** The canonical id of a version's manifest or MCP schema: `https://agent-plugins.org/schemas/1.0.0/plugin.schema.json`. */
export function agentPluginsSchemaId(version: string, kind: AgentPluginsSchemaKind): string {
  return `${AGENT_PLUGINS_SCHEMA_BASE}${version}/${kind}.schema.json`;
}

/** The version and kind a canonical schema id names, or undefined when the text is not one. */
export function parseAgentPluginsSchemaId(id: string): { version: string; kind: AgentPluginsSchemaKind } | undefined {
  const match = /^https:\/\/agent-plugins\.org\/schemas\/([^/]+)\/(plugin|mcp)\.schema\.json$/.exec(id);
  return match ? { version: match[1]!, kind: match[2] as AgentPluginsSchemaKind } : undefined;
}

export function isSupportedAgentPluginsVersion(version: string): version is AgentPluginsVersion {
  return (AGENT_PLUGINS_VERSIONS as readonly string[]).includes(version);
}

/**
 * Whether a root `plugin.json`'s text declares the Agent Plugins format: its `$schema` is under the standard's
 * schema address. A file that does not parse is judged by the text, so a trailing comma does not change what the
 * plugin is.
 */
export function declaresAgentPlugins(text: string): boolean {
  const value = parseJson(text).value;
  if (value !== undefined) {
    const schema = typeof value === "object" && value !== null ? (value as Record<string, unknown>).$schema : undefined;
    return typeof schema === "string" && schema.startsWith(AGENT_PLUGINS_SCHEMA_BASE);
  }
  return /"\$schema"\s*:\s*"https:\/\/agent-plugins\.org\/schemas\//.test(text);
}
