// mcp/schema and mcp/unknown-field: the .mcp.json shape, checked the same way for a wrapper and a bare map.
import { checkSchema, isRecord } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { schemaRuleId } from "../shared/schema.js";
import type { McpFile, McpShape } from "./servers.js";

/**
 * Validates against the wrapper schema. A bare map is validated as if wrapped, and each finding is moved back
 * to where the server really is, so a bare map gets the same per-server findings and no unknown-field pile.
 */
export function reportMcpSchema(context: RuleContext, file: McpFile, shape: McpShape): void {
  const value = shape.bare
    ? { ...pick(file.doc.value, "$schema"), mcpServers: Object.fromEntries(shape.entries) }
    : file.doc.value;
  for (const issue of checkSchema("mcp", value)) {
    const inServer = issue.path[0] === "mcpServers" && issue.path.length >= 2;
    const path = shape.bare && issue.path[0] === "mcpServers" ? issue.path.slice(1) : issue.path;
    const message = shape.bare ? issue.message.replace(/"mcpServers(?:\.|(?=\[))/g, '"') : issue.message;
    const codexSchemaError = issue.ruleId.endsWith("/schema") && context.host.id === "codex";
    const consequence = !codexSchemaError
      ? ""
      : inServer
        ? " (Codex skips this server)"
        : " (Codex reads no server from this file)";
    context.report({
      ruleId: schemaRuleId(issue.ruleId),
      message: message + consequence,
      file: file.path,
      at: { doc: file.doc, path, part: issue.part },
    });
  }
}

function pick(value: unknown, key: string): Record<string, unknown> {
  return isRecord(value) && key in value ? { [key]: value[key] } : {};
}
