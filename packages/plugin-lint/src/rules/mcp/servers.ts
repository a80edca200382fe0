// The servers of an `.mcp.json`: how the file holds them, and the value forms the server checks share.
import { isRecord, type JsonDocument, type PointerSegment } from "@agent-plugin/core";

/** A parsed `.mcp.json`. */
export interface McpFile {
  path: string;
  doc: JsonDocument;
}

/** One entry of the server map, wherever it sits in the file. */
export interface Server {
  name: string;
  value: Record<string, unknown>;
  pointer: PointerSegment[];
}

/** How the file holds its servers: Codex's `{"mcpServers": {...}}` wrapper, or Claude Code's bare map. */
export interface McpShape {
  bare: boolean;
  /** Every entry of the server map, including ones that are not objects (the schema reports those). */
  entries: [string, unknown][];
  base: PointerSegment[];
}

export function mcpShape(value: unknown): McpShape {
  if (!isRecord(value) || "mcpServers" in value) {
    const map = isRecord(value) && isRecord(value.mcpServers) ? value.mcpServers : {};
    return { bare: false, entries: Object.entries(map), base: ["mcpServers"] };
  }
  const entries = Object.entries(value).filter(([key]) => key !== "$schema");
  // Only a map whose values look like servers is bare; anything else is a wrapper with a misspelt key.
  const looksLikeServer = (entry: unknown) =>
    isRecord(entry) && ("command" in entry || "url" in entry || "type" in entry);
  return entries.some(([, entry]) => looksLikeServer(entry))
    ? { bare: true, entries, base: [] }
    : { bare: false, entries: [], base: ["mcpServers"] };
}

export function serversOf(shape: McpShape): Server[] {
  return shape.entries.flatMap(([name, value]) =>
    isRecord(value) ? [{ name, value, pointer: [...shape.base, name] }] : [],
  );
}

export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

/** A reference to an environment variable (`${VAR}` or `$VAR`), which the host fills in on the user's machine. */
export const ENV_REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;
