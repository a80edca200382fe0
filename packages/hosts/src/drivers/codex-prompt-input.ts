import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { HostContext, PluginInventory } from "../inventory.js";
import type { ProcessResult } from "../process.js";
import type { AnswerReader } from "./shape.js";

type PromptLine = HostContext["lines"][number];

/**
 * `codex debug prompt-input` (0.171) prints, as JSON, the input a new session would send the model: an
 * `additional_tools` item (tool definitions) and developer messages, among them `<skills_instructions>` with one
 * `- <plugin>:<skill>: <description> (file: ...)` entry per skill, and `<tools>` with one
 * `- mcp__<server>: <instructions>` line per MCP server whose tool definitions are deferred until used.
 * Codex starts the plugins' MCP servers to render it (a server's instructions are on its line). Unless
 * `startServers`, the MCP config is first removed from the installed copies in the throwaway home (Codex 0.171 has
 * no switch that keeps a plugin's server off), so none of the plugin's code runs and only the skills are listed.
 */
export async function readPromptInput(
  codex: (args: string[]) => Promise<ProcessResult>,
  reader: AnswerReader,
  options: { cacheDir: string; plugins: readonly PluginInventory[]; startServers: boolean },
): Promise<{ raw: ProcessResult; lines: Map<string, PromptLine[]> }> {
  if (!options.startServers) for (const plugin of options.plugins) removeMcpConfig(join(options.cacheDir, plugin.name));
  const raw = await codex(["debug", "prompt-input"]);
  let items: unknown;
  try {
    items = JSON.parse(raw.stdout);
  } catch {
    throw reader.unknown("printed no JSON answer to `debug prompt-input`");
  }
  const lines = new Map<string, PromptLine[]>();
  const texts = messageTexts(reader.array(items, "debug prompt-input"));
  const skills = listEntries(texts, "<skills_instructions>", "</skills_instructions>", "### Available skills");
  const tools = listEntries(texts, "<tools>", "</tools>", "Deferred tool namespaces:");
  const namespaces = toolNamespaces(items as unknown[]);
  for (const plugin of options.plugins) {
    const own: PromptLine[] = [];
    for (const entry of skills) {
      if (!entry.startsWith(`- ${plugin.name}:`)) continue;
      const end = entry.indexOf(": ", 2);
      own.push({ kind: "skill", name: entry.slice(2, end === -1 ? undefined : end), text: entry });
    }
    for (const server of plugin.mcpServers) {
      const namespace = codexNamespace(server);
      const line = tools.find((entry) => entry === `- ${namespace}` || entry.startsWith(`- ${namespace}:`));
      if (line !== undefined) own.push({ kind: "mcp", name: server, text: line });
      const definitions = namespaces.get(namespace);
      if (definitions !== undefined) own.push({ kind: "mcp", name: server, text: definitions });
    }
    lines.set(plugin.name, own);
  }
  return { raw, lines };
}

/** The name Codex gives an MCP server's tool namespace: `repo-insights` is `mcp__repo_insights`. */
export function codexNamespace(server: string): string {
  return `mcp__${server.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * Removes what makes an installed plugin copy (`<cache>/<plugin>/<version>/`) declare MCP servers: its `.mcp.json`
 * and the standard's `mcp.json`, and the `mcpServers` field of its manifests (so no other file is read for them).
 * Only files whose folder really is inside the copy are touched: a link in a hostile plugin leads nowhere else.
 */
function removeMcpConfig(pluginCache: string): void {
  if (!existsSync(pluginCache)) return;
  for (const version of readdirSync(pluginCache)) {
    const root = realpathSync(join(pluginCache, version));
    const inside = (path: string) => {
      try {
        const folder = realpathSync(dirname(path));
        return folder === root || folder.startsWith(`${root}${sep}`);
      } catch {
        return false;
      }
    };
    for (const file of [".mcp.json", "mcp.json"]) rmSync(join(root, file), { force: true });
    for (const manifest of [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]) {
      const path = join(root, manifest);
      if (!inside(path)) continue;
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(path, "utf8"));
      } catch {
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value) || !("mcpServers" in value)) continue;
      const { mcpServers: _servers, ...rest } = value as Record<string, unknown>;
      // Removed first, so a manifest that is a link is replaced, not written through.
      rmSync(path, { force: true });
      writeFileSync(path, JSON.stringify(rest));
    }
  }
}

/** Every text part of every message item. */
function messageTexts(items: readonly unknown[]): string[] {
  const texts: string[] = [];
  for (const item of items) {
    const content = (item as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const text = (part as { text?: unknown } | null)?.text;
      if (typeof text === "string") texts.push(text);
    }
  }
  return texts;
}

/**
 * The `- ` entries of the list under `heading` inside the block between `open` and `close`: an entry runs to the
 * next line that starts another one, so a description with line breaks stays whole.
 */
function listEntries(texts: readonly string[], open: string, close: string, heading: string): string[] {
  const entries: string[] = [];
  for (const text of texts) {
    const start = text.indexOf(open);
    if (start === -1) continue;
    const end = text.indexOf(close, start);
    const block = text.slice(start, end === -1 ? undefined : end);
    const list = block.indexOf(heading);
    if (list === -1) continue;
    const body = block.slice(list + heading.length).replace(/^\n/, "");
    for (const entry of body.split(/\n(?=- )/)) if (entry.startsWith("- ")) entries.push(entry.trimEnd());
  }
  return entries;
}

/** The `mcp__` tool namespaces sent as definitions (not deferred), each as the JSON the model gets. */
function toolNamespaces(items: readonly unknown[]): Map<string, string> {
  const namespaces = new Map<string, string>();
  for (const item of items) {
    const tools = (item as { type?: unknown; tools?: unknown } | null)?.tools;
    if (!Array.isArray(tools)) continue;
    for (const tool of tools) {
      const name = (tool as { name?: unknown } | null)?.name;
      if (typeof name === "string" && name.startsWith("mcp__")) namespaces.set(name, JSON.stringify(tool));
    }
  }
  return namespaces;
}
