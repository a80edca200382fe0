/**
 * Which MCP files each host of a plugin reads, and how a packed copy of each must start a bundle. A plugin
 * is for the host it is packed for and for every other host whose manifest it carries: one archive installs
 * in both, so the files of both must start the bundles.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { JSONPath } from "jsonc-parser";
import {
  hasAgentPluginsManifest,
  hostProfiles,
  isRecord,
  parseJson,
  resolvePluginPath,
  toPosixRelative,
  type HostId,
  type PluginModel,
  type TargetId,
} from "@agent-plugin/core/model";

export type ServerConfig = Record<string, unknown>;

/**
 * How a packed copy locates a bundle. `codex`: a relative path with a `cwd` (Codex resolves a relative `cwd`
 * against the plugin root), or the placeholder the entry was written with. `claude`: always under
 * `${CLAUDE_PLUGIN_ROOT}`, because Claude Code ignores `cwd`. `agent-plugins`: the standard's `mcp.json`, where a
 * server without `cwd` runs in the plugin root and a `cwd` is written `./...` (§7.2.1).
 */
export type McpForm = "codex" | "claude" | "agent-plugins";

/** One MCP file, read by one host or by both. */
export interface McpSource {
  /** Relative to the plugin root, with `/`. */
  path: string;
  /** The text as read, BOM included. */
  text: string;
  /** Where the server map sits: `["mcpServers"]` for the wrapper, `[]` for a bare map. */
  basePath: JSONPath;
  servers: [string, ServerConfig][];
  hosts: TargetId[];
  form: McpForm;
}

/** Servers written inside a manifest (`"mcpServers": {...}`). */
export interface InlineServers {
  /** The manifest, relative to the plugin root. */
  path: string;
  servers: [string, ServerConfig][];
}

export interface PluginMcp {
  /** Codex's files first, then Claude Code's, each once: the order bundle names are given in. */
  files: McpSource[];
  inline: InlineServers[];
  /** Manifests and hook files of the hosts the plugin model was not loaded for: paths a bundle must not consume. */
  otherReferences: unknown[];
}

/** Codex before Claude Code, whatever host the pack is for, so the archive does not depend on `--target`. */
const HOST_ORDER: readonly HostId[] = ["codex", "claude-code"];

export function pluginMcp(plugin: PluginModel): PluginMcp {
  const { root } = plugin;
  const manifests = new Map<HostId, unknown>();
  for (const host of HOST_ORDER) {
    if (host === plugin.host.id) manifests.set(host, plugin.manifest?.doc.value);
    else if (isFile(join(root, hostProfiles[host].manifestPaths[0]!)))
      manifests.set(host, readJsonValue(plugin, join(root, hostProfiles[host].manifestPaths[0]!)));
  }

  const readers = new Map<string, TargetId[]>();
  const inline: InlineServers[] = [];
  for (const [host, manifest] of manifests) {
    const declared = host === "codex" ? codexMcp(root, manifest) : claudeMcp(root, manifest);
    for (const file of declared.files) readers.set(file, [...(readers.get(file) ?? []), host]);
    const path = hostProfiles[host].manifestPaths[0]!;
    if (declared.inline.length > 0)
      inline.push({ path, servers: declared.inline.flatMap((map) => serverMap(map).servers) });
  }

  const files: McpSource[] = [];
  // The standard's mcp.json, read by every client of it whenever the root plugin.json declares the standard.
  // Last, so that the bundles of a plugin without it are named exactly as before.
  const standard = join(root, "mcp.json");
  if (hasAgentPluginsManifest(root)) readers.set(standard, [...(readers.get(standard) ?? []), "agent-plugins"]);
  for (const [absolute, hosts] of readers) {
    if (!isFile(absolute)) continue;
    const read = plugin.readText(absolute);
    if (!read.ok) continue;
    const { servers, basePath } = serverMap(parseJson(read.text).value);
    // A file Codex reads keeps the Codex form, which also serves Claude Code for entries written with ${CLAUDE_PLUGIN_ROOT}.
    files.push({
      path: toPosixRelative(root, absolute),
      text: read.text,
      basePath,
      servers,
      hosts,
      form: hosts.includes("agent-plugins") ? "agent-plugins" : hosts.includes("codex") ? "codex" : "claude",
    });
  }

  const otherReferences: unknown[] = [];
  if (manifests.size > 1) {
    const known = new Set(plugin.hooks.map((hook) => hook.path));
    for (const [host, manifest] of manifests) {
      if (host !== plugin.host.id) otherReferences.push(manifest);
      for (const hookFile of hookFiles(root, manifest)) {
        if (known.has(hookFile) || !isFile(hookFile)) continue;
        known.add(hookFile);
        otherReferences.push(readJsonValue(plugin, hookFile));
      }
    }
  }
  return { files, inline, otherReferences };
}

interface Declared {
  /** Absolute paths, in the order the host reads them. */
  files: string[];
  /** Server maps written in the manifest. */
  inline: unknown[];
}

/** As Codex reads them (and `loadPlugin` models them): the manifest's path, else `.mcp.json`. */
function codexMcp(root: string, manifest: unknown): Declared {
  const field = isRecord(manifest) ? manifest.mcpServers : undefined;
  if (isRecord(field)) return { files: [], inline: [field] };
  // An array is no Codex form: Codex reads no server from it (plugin-lint reports it).
  if (Array.isArray(field)) return { files: [], inline: [] };
  if (typeof field === "string") return { files: pluginPaths(root, [field]), inline: [] };
  return { files: defaultMcpFile(root), inline: [] };
}

/**
 * As Claude Code reads them: the manifest's path or paths (an array may mix paths and server maps), and
 * `.mcp.json` as well, since the manifest's `mcpServers` adds to it rather than replacing it.
 */
function claudeMcp(root: string, manifest: unknown): Declared {
  const field = isRecord(manifest) ? manifest.mcpServers : undefined;
  const entries = Array.isArray(field) ? field : field === undefined ? [] : [field];
  const paths = entries.filter((entry): entry is string => typeof entry === "string");
  return { files: [...pluginPaths(root, paths), ...defaultMcpFile(root)], inline: entries.filter(isRecord) };
}

/** The hook files a host may read: the manifest's `hooks` path or paths, and `hooks/hooks.json`. */
function hookFiles(root: string, manifest: unknown): string[] {
  const field = isRecord(manifest) ? manifest.hooks : undefined;
  const paths = (Array.isArray(field) ? field : [field]).filter((entry): entry is string => typeof entry === "string");
  return [...pluginPaths(root, paths), join(root, "hooks/hooks.json")];
}

function pluginPaths(root: string, raws: readonly string[]): string[] {
  return raws.flatMap((raw) => {
    const resolved = resolvePluginPath(raw, { root });
    return resolved.ok ? [resolved.absolute] : [];
  });
}

function defaultMcpFile(root: string): string[] {
  const path = join(root, ".mcp.json");
  return existsSync(path) ? [path] : [];
}

/** The `{"mcpServers": {...}}` wrapper or a bare server map. */
export function serverMap(value: unknown): { servers: [string, ServerConfig][]; basePath: JSONPath } {
  if (isRecord(value) && isRecord(value.mcpServers))
    return { servers: recordEntries(value.mcpServers), basePath: ["mcpServers"] };
  return { servers: isRecord(value) ? recordEntries(value) : [], basePath: [] };
}

function recordEntries(value: Record<string, unknown>): [string, ServerConfig][] {
  return Object.entries(value).filter((entry): entry is [string, ServerConfig] => isRecord(entry[1]));
}

function readJsonValue(plugin: PluginModel, path: string): unknown {
  const read = plugin.readText(path);
  return read.ok ? parseJson(read.text).value : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
