// The agent-plugins/* family: the Agent Plugins 1.0.0 standard's manifest, fixed locations and mcp.json, in the order
// a client loads them (§5, §6, §7.2). Skills are checked by the skill/* rules under the standard's profile, and links
// by file/symlink.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { checkPackages } from "../mcp/packages.js";
import { checkSecrets } from "../mcp/secrets.js";
import { hasValue } from "../shared/schema.js";
import { checkComponentKinds, checkIgnoredComponents, checkSkillLocations } from "./layout.js";
import { checkManifest } from "./manifest.js";
import { checkMcpFile } from "./mcp-file.js";
import { checkPlaceholders } from "./mcp-placeholder.js";
import { checkHeaders, checkSse, checkUrl } from "./mcp-remote.js";
import { checkCommand, checkCwd, checkReservedEnv } from "./mcp-stdio.js";
import { agentPluginsRuleMetas } from "./meta.js";

function checkMcp(plugin: PluginModel, manifestVersion: string | undefined, context: RuleContext): void {
  const file = plugin.mcp;
  // Broken JSON is reported by the json/* rules (MCP is disabled then, §7.2.2).
  if (!hasValue(file)) return;
  for (const server of checkMcpFile(file, manifestVersion, context)) {
    if (server.type === "stdio") {
      checkCommand(file, plugin, server, context);
      checkCwd(file, plugin, server, context);
      checkReservedEnv(file, server, context);
      checkPackages(context, file, server);
    } else {
      checkUrl(file, server, context);
      checkHeaders(file, server, context);
      checkSse(file, server, context);
    }
    checkPlaceholders(file, server, context);
    checkSecrets(context, file, server);
  }
}

export const agentPluginsRules: RuleFamily = {
  rules: agentPluginsRuleMetas,
  layouts: ["agent-plugins"],
  plugin(plugin, context) {
    const version = checkManifest(plugin, context);
    checkComponentKinds(plugin, context);
    checkSkillLocations(plugin, context);
    checkIgnoredComponents(plugin, context);
    checkMcp(plugin, version, context);
  },
};
