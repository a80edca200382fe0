// mcp/wrapper: Codex 0.117 reads servers only from {"mcpServers": {...}}.
import type { RuleContext } from "../../rule.js";
import type { McpFile, McpShape } from "./servers.js";

export function reportWrapper(context: RuleContext, file: McpFile, shape: McpShape): void {
  const names = shape.entries.map(([name]) => name);
  const listed = names.length > 3 ? `${names.slice(0, 3).join(", ")}, ...` : names.join(", ");
  context.report({
    ruleId: "mcp/wrapper",
    message: `the file is a bare server map: Codex 0.117 reads servers only from {"mcpServers": {...}} and loads none of these (${listed}); wrap them in "mcpServers"`,
    file: file.path,
    at: { doc: file.doc, path: [] },
  });
}
