// mcp/ignored-file: beside an Agent Plugins plugin.json, Codex 0.171 takes MCP servers only from mcp.json, so the
// servers in .mcp.json or in the manifest's `mcpServers` are not started there.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

export function reportIgnoredMcpFiles(plugin: PluginModel, context: RuleContext): void {
  if (!plugin.portableMcp) return;
  const host = context.host.displayName;
  const hasStandardFile = plugin.mcp !== undefined;
  const manifest = plugin.manifest;
  // The host's own manifest (.codex-plugin/plugin.json), not the standard's plugin.json at the root.
  const ownManifest = manifest !== undefined && manifest.path !== join(plugin.root, "plugin.json");
  if (ownManifest && isRecord(manifest.doc.value) && "mcpServers" in manifest.doc.value) {
    context.report({
      ruleId: "mcp/ignored-file",
      message: `${host} ignores "mcpServers" beside an Agent Plugins plugin.json and reads servers only from mcp.json, so the servers this field names do not start${hasStandardFile ? " (those in mcp.json do)" : ""}; put them in mcp.json in the standard's format and remove the field`,
      file: manifest.path,
      at: { doc: manifest.doc, path: ["mcpServers"] },
    });
    return;
  }
  const hostFile = join(plugin.root, ".mcp.json");
  if (hasStandardFile || !existsSync(hostFile)) return;
  context.report({
    ruleId: "mcp/ignored-file",
    message: `${host} reads MCP servers only from mcp.json beside an Agent Plugins plugin.json, so it starts none of the servers in .mcp.json; add mcp.json in the standard's format beside it (Claude Code keeps reading .mcp.json)`,
    file: hostFile,
  });
}
