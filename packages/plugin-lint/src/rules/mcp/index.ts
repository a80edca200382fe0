// The mcp/* family: the file-level checks of .mcp.json, then the order the per-server checks run in; each check
// is in a file of its own here.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue } from "../shared/schema.js";
import { reportIgnoredMcpFiles } from "./ignored-file.js";
import { mcpRuleMetas } from "./meta.js";
import { checkPackages } from "./packages.js";
import { checkCommand, checkPluginRootVariable, checkRelativePaths } from "./plugin-files.js";
import { reportMcpSchema } from "./schema.js";
import { checkSecrets } from "./secrets.js";
import { mcpShape, serversOf } from "./servers.js";
import { checkHeaders, checkTransport, checkUrl } from "./transport.js";
import { reportWrapper } from "./wrapper.js";

function lintMcp(plugin: PluginModel, context: RuleContext): void {
  reportIgnoredMcpFiles(plugin, context);
  const file = plugin.mcp;
  if (!hasValue(file)) return;
  const shape = mcpShape(file.doc.value);
  if (shape.bare && context.host.mcpRequiresWrapper) reportWrapper(context, file, shape);
  reportMcpSchema(context, file, shape);
  for (const server of serversOf(shape)) {
    checkTransport(context, file, server);
    checkHeaders(context, file, server);
    checkCommand(context, file, plugin, server);
    checkRelativePaths(context, file, plugin, server);
    checkUrl(context, file, server);
    checkSecrets(context, file, server);
    checkPackages(context, file, server);
    if (!context.host.expandsClaudePluginRoot) checkPluginRootVariable(context, file, server);
  }
}

export const mcpRules: RuleFamily = {
  rules: mcpRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],
  plugin: lintMcp,
};
