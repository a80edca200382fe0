/**
 * The plugin a conversion starts from: which layout it is read in, its manifest, and its MCP servers as that
 * layout's host reads them, with the files they come from.
 */
import { join } from "node:path";
import {
  declaredTargets,
  isRecord,
  parseJson,
  readTextFile,
  resolvePluginPath,
  toPosixRelative,
  type TargetId,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";

export const MANIFEST_OF: Readonly<Record<TargetId, string>> = {
  "agent-plugins": "plugin.json",
  codex: ".codex-plugin/plugin.json",
  "claude-code": ".claude-plugin/plugin.json",
};

/** The standard first: when a plugin has several layouts, the portable one is the one read. */
const SOURCE_ORDER: readonly TargetId[] = ["agent-plugins", "codex", "claude-code"];

export interface SourcePlugin {
  root: string;
  layout: TargetId;
  /** The other layouts the plugin also has: their files stay as they are. */
  others: TargetId[];
  manifest: Record<string, unknown>;
  /** MCP files the source layout reads, relative to the root. */
  mcpFiles: string[];
  /** Every server, with the file (or manifest) it is declared in. */
  servers: { name: string; value: unknown; file: string }[];
}

export function readSource(root: string, shown: string, to: TargetId, from?: TargetId): SourcePlugin {
  const declared = declaredTargets(root);
  if (declared.length === 0)
    throw new PackError(
      `${shown} has no plugin manifest (.codex-plugin/plugin.json, .claude-plugin/plugin.json, or plugin.json with the Agent Plugins "$schema"): give a plugin folder`,
      root,
    );
  if (declared.includes(to))
    throw new PackError(
      `${shown} already has the ${to} layout (${MANIFEST_OF[to]}): nothing to convert; give another --to`,
      join(root, MANIFEST_OF[to]),
    );
  if (from !== undefined && !declared.includes(from))
    throw new PackError(`${shown} has no ${from} layout (${MANIFEST_OF[from]}): give a --from it has`, root);
  const layout = from ?? SOURCE_ORDER.find((target) => declared.includes(target))!;
  const manifest = readJsonObject(root, MANIFEST_OF[layout]);
  const files = mcpFilesOf(root, layout, manifest);
  const servers: SourcePlugin["servers"] = [];
  for (const file of files.paths) {
    const value = readJsonObject(root, file);
    const map = isRecord(value.mcpServers) ? value.mcpServers : layout === "agent-plugins" ? {} : value;
    for (const [name, server] of Object.entries(map)) servers.push({ name, value: server, file });
  }
  for (const [name, server] of Object.entries(files.inline))
    servers.push({ name, value: server, file: MANIFEST_OF[layout] });
  return {
    root,
    layout,
    others: declared.filter((target) => target !== layout),
    manifest,
    mcpFiles: files.paths,
    servers,
  };
}

/** The MCP files a layout's host reads (and servers written inline in its manifest). */
function mcpFilesOf(
  root: string,
  layout: TargetId,
  manifest: Record<string, unknown>,
): { paths: string[]; inline: Record<string, unknown> } {
  const exists = (path: string) => readTextFile(join(root, path)).ok;
  if (layout === "agent-plugins") return { paths: exists("mcp.json") ? ["mcp.json"] : [], inline: {} };
  const field = manifest.mcpServers;
  const entries = Array.isArray(field) ? field : field === undefined ? [] : [field];
  const named = entries
    .filter((entry): entry is string => typeof entry === "string")
    .flatMap((raw) => {
      const resolved = resolvePluginPath(raw, { root });
      return resolved.ok ? [toPosixRelative(root, resolved.absolute)] : [];
    });
  const inline = Object.assign({}, ...entries.filter(isRecord)) as Record<string, unknown>;
  // Codex reads .mcp.json only when its manifest names nothing; Claude Code always reads it as well.
  const fallback = layout === "claude-code" || entries.length === 0 ? [".mcp.json"] : [];
  const paths = [...new Set([...named, ...fallback])].filter(exists);
  return { paths, inline };
}

function readJsonObject(root: string, path: string): Record<string, unknown> {
  const read = readTextFile(join(root, path));
  if (!read.ok) throw new PackError(`cannot read ${path}: it ${read.message}`, join(root, path));
  const value = parseJson(read.text).value;
  if (!isRecord(value))
    throw new PackError(
      `${path} is not a valid JSON object: fix it (plugin-lint shows where) and run again`,
      join(root, path),
    );
  return value;
}
