// mcp.json as a whole (§7.2.1, §10.1): its $schema and version, its closed top level, and each server's closed
// variant, validated one server at a time through the official schema's $defs (a bad entry skips that server only).
import {
  agentPluginsSchemaId,
  checkSchema,
  closestMatch,
  isRecord,
  isSupportedAgentPluginsVersion,
  parseAgentPluginsSchemaId,
  type SchemaIssue,
  type SchemaName,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { McpFile, Server } from "../mcp/servers.js";

export const MCP_DISABLED = "an Agent Plugins client disables MCP for the plugin (§7.2.2)";
export const SERVER_SKIPPED = "the client skips this server (§7.2.2)";

const VARIANTS: Readonly<Record<string, { schema: SchemaName; fields: readonly string[] }>> = {
  stdio: { schema: "agentPlugins100McpStdioServer", fields: ["type", "command", "args", "env", "cwd"] },
  "streamable-http": { schema: "agentPlugins100McpStreamableHttpServer", fields: ["type", "url", "headers"] },
  sse: { schema: "agentPlugins100McpSseServer", fields: ["type", "url", "headers"] },
};

/** Checks `$schema`: required, canonical, and the version plugin.json declares. */
function checkSchemaId(
  file: McpFile,
  value: Record<string, unknown>,
  manifestVersion: string | undefined,
  context: RuleContext,
): void {
  const expected = agentPluginsSchemaId(manifestVersion ?? "1.0.0", "mcp");
  const report = (problem: string, part: "key" | "value" = "value") =>
    context.report({
      ruleId: "agent-plugins/mcp-schema-version",
      message: `${problem}; ${MCP_DISABLED}: ${part === "key" ? "add" : "use"} "$schema": "${expected}"`,
      file: file.path,
      at: { doc: file.doc, path: ["$schema"], part },
    });
  const declared = value.$schema;
  if (declared === undefined) return report('mcp.json has no "$schema"', "key");
  if (typeof declared !== "string") return report('"$schema" is not a string');
  const id = parseAgentPluginsSchemaId(declared);
  if (!id) return report(`"$schema" ${JSON.stringify(declared)} is not the canonical identifier`);
  if (id.kind !== "mcp") return report('"$schema" names the plugin manifest\'s schema, not the MCP one');
  if (!isSupportedAgentPluginsVersion(id.version))
    return report(`"$schema" declares Agent Plugins ${id.version}, which clients of 1.0.0 do not support`);
  if (manifestVersion !== undefined && id.version !== manifestVersion)
    report(`"$schema" declares Agent Plugins ${id.version} but plugin.json declares ${manifestVersion} (§10.1)`);
}

/** The top level: an object of `$schema` and an `mcpServers` object, nothing else. Servers are judged one by one. */
function checkTopLevel(file: McpFile, value: Record<string, unknown>, context: RuleContext): void {
  const servers = value.mcpServers;
  const topOnly = { ...value, mcpServers: isRecord(servers) ? {} : servers };
  for (const issue of checkSchema("agentPlugins100Mcp", topOnly)) {
    if (issue.path[0] === "$schema") continue;
    const unknown = issue.keyword === "additionalProperties";
    context.report({
      ruleId: "agent-plugins/mcp-schema",
      message: `${unknown ? `${issue.message}: mcp.json holds only "$schema" and "mcpServers"` : issue.message}; ${MCP_DISABLED}`,
      file: file.path,
      at: { doc: file.doc, path: issue.path, part: issue.part },
    });
  }
}

/** What a schema finding about one server says, or undefined when another rule reports that field. */
function serverIssueMessage(server: Server, type: string, issue: SchemaIssue): string | undefined {
  const [field] = issue.path;
  // Reserved env names and the form of cwd have rules of their own.
  if (field === "env" && (issue.keyword === "not" || issue.keyword === "propertyNames")) return undefined;
  if (field === "cwd" && issue.keyword === "pattern") return undefined;
  if (issue.keyword === "additionalProperties" && issue.path.length === 1) {
    const owners = Object.entries(VARIANTS)
      .filter(([, variant]) => variant.fields.includes(String(field)))
      .map(([name]) => `"${name}"`);
    if (owners.length > 0)
      return `server "${server.name}": "${String(field)}" belongs to ${owners.join(" and ")} servers, not "${type}"`;
    const suggestion = closestMatch(String(field), VARIANTS[type]!.fields);
    return `server "${server.name}": unknown field "${String(field)}"${suggestion ? `: did you mean "${suggestion}"?` : ` (a "${type}" server has ${VARIANTS[type]!.fields.map((f) => `"${f}"`).join(", ")})`}`;
  }
  return `server "${server.name}": ${issue.message}`;
}

/** Whether the server has a known type and matches its variant's schema, reporting what it does not. */
function checkServerShape(file: McpFile, server: Server, context: RuleContext): boolean {
  const report = (message: string, path: (string | number)[], part: "key" | "value" = "value", advice?: string) =>
    context.report({
      ruleId: "agent-plugins/mcp-schema",
      message: `${message}; ${SERVER_SKIPPED}${advice ? `: ${advice}` : ""}`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, ...path], part },
    });
  const type = server.value.type;
  if (type === undefined) {
    const guess = "command" in server.value ? "stdio" : "url" in server.value ? "streamable-http" : undefined;
    report(
      `server "${server.name}" has no "type"`,
      [],
      "key",
      guess ? `add "type": "${guess}"` : 'declare "type": "stdio", "streamable-http" or "sse"',
    );
    return false;
  }
  if (typeof type !== "string" || !Object.hasOwn(VARIANTS, type)) {
    const suggestion =
      typeof type === "string"
        ? /^(?:https?|streamable[_-]?http|remote)$/i.test(type)
          ? "streamable-http"
          : closestMatch(type, Object.keys(VARIANTS))
        : undefined;
    report(
      `server "${server.name}" has "type" ${JSON.stringify(type)}, which is not "stdio", "streamable-http" or "sse"`,
      ["type"],
      "value",
      suggestion ? `did you mean "${suggestion}"?` : undefined,
    );
    return false;
  }
  let valid = true;
  for (const issue of checkSchema(VARIANTS[type]!.schema, server.value)) {
    const message = serverIssueMessage(server, type, issue);
    if (message === undefined) continue;
    valid = false;
    report(message, issue.path, issue.part);
  }
  return valid;
}

export interface StandardServer extends Server {
  type: "stdio" | "streamable-http" | "sse";
}

/** Checks the file and each server's shape; returns the servers whose shape is right, for the per-field checks. */
export function checkMcpFile(
  file: McpFile,
  manifestVersion: string | undefined,
  context: RuleContext,
): StandardServer[] {
  const value = file.doc.value;
  if (!isRecord(value)) {
    context.report({
      ruleId: "agent-plugins/mcp-schema",
      message: `mcp.json must be a JSON object with "$schema" and "mcpServers"; ${MCP_DISABLED}`,
      file: file.path,
      at: { doc: file.doc, path: [] },
    });
    return [];
  }
  checkSchemaId(file, value, manifestVersion, context);
  checkTopLevel(file, value, context);
  if (!isRecord(value.mcpServers)) return [];
  const servers: StandardServer[] = [];
  for (const [name, entry] of Object.entries(value.mcpServers)) {
    const pointer = ["mcpServers", name];
    if (!isRecord(entry)) {
      context.report({
        ruleId: "agent-plugins/mcp-schema",
        message: `server "${name}" must be an object; ${SERVER_SKIPPED}`,
        file: file.path,
        at: { doc: file.doc, path: pointer },
      });
      continue;
    }
    const server = { name, value: entry, pointer };
    if (checkServerShape(file, server, context))
      servers.push({ ...server, type: entry.type as StandardServer["type"] });
  }
  return servers;
}
