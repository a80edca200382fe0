// mcp/ignored-file: beside an Agent Plugins plugin.json, Codex 0.171 takes MCP servers only from mcp.json, so a
// server left only in .mcp.json or in the manifest's `mcpServers` is not started there.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

export function reportIgnoredMcpFiles(plugin: PluginModel, context: RuleContext): void {
  if (!plugin.portableMcp) return;
  const host = context.host.displayName;
  const started = new Set(plugin.mcp === undefined ? [] : serverNames(plugin.mcp.doc.value));
  const manifest = plugin.manifest;
  // The host's own manifest (.codex-plugin/plugin.json), not the standard's plugin.json at the root.
  const ownManifest = manifest !== undefined && manifest.path !== join(plugin.root, "plugin.json");
  const field = ownManifest && isRecord(manifest.doc.value) ? manifest.doc.value.mcpServers : undefined;
  if (manifest !== undefined && field !== undefined) {
    // The same servers in mcp.json (create writes both forms) start all the same: only the others are lost.
    const lost = fieldServers(plugin, field).filter((name) => !started.has(name));
    if (lost.length > 0)
      context.report({
        ruleId: "mcp/ignored-file",
        message: `${host} ignores "mcpServers" beside an Agent Plugins plugin.json and reads servers only from mcp.json, so ${listed(lost)} never start${lost.length === 1 ? "s" : ""}; put ${lost.length === 1 ? "it" : "them"} in mcp.json in the standard's format`,
        file: manifest.path,
        at: { doc: manifest.doc, path: ["mcpServers"] },
      });
    return;
  }
  const hostFile = join(plugin.root, ".mcp.json");
  if (plugin.mcp !== undefined || !existsSync(hostFile)) return;
  context.report({
    ruleId: "mcp/ignored-file",
    message: `${host} reads MCP servers only from mcp.json beside an Agent Plugins plugin.json, so it starts none of the servers in .mcp.json; add mcp.json in the standard's format beside it (Claude Code keeps reading .mcp.json)`,
    file: hostFile,
  });
}

/** The servers the manifest's `mcpServers` names: inline, or in the files it points to (unreadable files name none). */
function fieldServers(plugin: PluginModel, field: unknown): string[] {
  if (isRecord(field)) return serverNames({ mcpServers: field });
  const paths = typeof field === "string" ? [field] : Array.isArray(field) ? field : [];
  return paths.flatMap((path) => {
    if (typeof path !== "string") return [];
    const read = plugin.readText(resolve(plugin.root, path));
    if (!read.ok) return [];
    try {
      return serverNames(JSON.parse(read.text) as unknown);
    } catch {
      return [];
    }
  });
}

/** Server names of an MCP file, wrapped in `mcpServers` or a bare map. */
function serverNames(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const servers = isRecord(value.mcpServers) ? value.mcpServers : value;
  return Object.keys(servers).filter((name) => name !== "$schema" && isRecord(servers[name]));
}

function listed(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return names.length === 1 ? `server ${quoted[0]}` : `servers ${quoted.join(", ")}`;
}
