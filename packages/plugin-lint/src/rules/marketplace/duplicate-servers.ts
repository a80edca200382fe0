// marketplace/duplicate-server: two plugins of one marketplace defining an MCP server of the same name.
import { basename } from "node:path";
import { isRecord, type JsonDocument, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Entry } from "./entry.js";

interface ServerSource {
  file: string;
  doc: JsonDocument;
  prefix: PointerSegment[];
  names: string[];
}

/** The MCP servers a plugin defines: its `.mcp.json` (wrapper or bare map) and inline manifest servers. */
function serverSources(plugin: PluginModel): ServerSource[] {
  const sources: ServerSource[] = [];
  const mcp = plugin.mcp?.doc.value;
  if (plugin.mcp && isRecord(mcp)) {
    const wrapped = isRecord(mcp.mcpServers);
    const servers = wrapped ? (mcp.mcpServers as Record<string, unknown>) : mcp;
    const names = Object.keys(servers).filter((name) => isRecord(servers[name]));
    sources.push({ file: plugin.mcp.path, doc: plugin.mcp.doc, prefix: wrapped ? ["mcpServers"] : [], names });
  }
  const manifest = plugin.manifest?.doc.value;
  if (plugin.manifest && isRecord(manifest) && isRecord(manifest.mcpServers)) {
    const inline = manifest.mcpServers;
    sources.push({
      file: plugin.manifest.path,
      doc: plugin.manifest.doc,
      prefix: ["mcpServers"],
      names: Object.keys(inline).filter((name) => isRecord(inline[name])),
    });
  }
  return sources;
}

export function checkDuplicateServers(context: RuleContext, entries: readonly Entry[]): void {
  const owners = new Map<string, string>();
  const seenPlugins = new Set<PluginModel>();
  for (const entry of entries) {
    const plugin = entry.plugin;
    if (!plugin || seenPlugins.has(plugin)) continue;
    seenPlugins.add(plugin);
    const owner = `plugin "${entry.name ?? basename(plugin.root)}" (plugins[${entry.index}])`;
    const mine = new Set<string>();
    for (const source of serverSources(plugin)) {
      for (const name of source.names) {
        const first = owners.get(name);
        if (first !== undefined && !mine.has(name)) {
          context.report({
            ruleId: "marketplace/duplicate-server",
            message: `MCP server "${name}" is already defined by ${first}: Codex skips the duplicate, so this plugin's server never starts; rename it`,
            file: source.file,
            at: { doc: source.doc, path: [...source.prefix, name], part: "key" },
          });
          continue;
        }
        owners.set(name, owner);
        mine.add(name);
      }
    }
  }
}
