// What each target loads from a plugin: its manifest fields and the file each comes from (hosts merge manifests field
// by field), and its skills, MCP servers and hooks, each marked not loaded when a finding means the target drops it.
import {
  declaresAgentPlugins,
  type Diagnostic,
  isRecord,
  type JsonDocument,
  locate,
  parseJson,
  type PluginModel,
  type PointerSegment,
  type TargetSpec,
  targetLabel,
} from "@agent-plugin/core";
import { join } from "node:path";
import { ruleMetas } from "./rules/index.js";
import { mcpShape } from "./rules/mcp/servers.js";

/** One skill, server or hook event. */
export interface LoadedItem {
  name: string;
  /** The file it is declared in. */
  file: string;
  /** False when a finding means the target skips it (or the whole plugin). */
  loaded: boolean;
}

export interface TargetLoad {
  /** The target as written: `codex`, or `codex@0.117.0` for an older profile. */
  target: TargetSpec;
  /** False when a finding means the target rejects the plugin (or cannot install it). */
  loads: boolean;
  /** The manifests the target reads, in the order it prefers them. */
  manifests: string[];
  /** Every manifest field the target reads, and the manifest its value comes from. */
  fields: Record<string, string>;
  skills: LoadedItem[];
  servers: LoadedItem[];
  hooks: LoadedItem[];
}

/** A plugin and what each of its targets loads from it. */
export interface PluginLoad {
  root: string;
  targets: TargetLoad[];
}

/** Rules whose errors in a manifest mean the target rejects the plugin or cannot install it. */
const FATAL_MANIFEST_RULES = new Set([
  "manifest/missing",
  "manifest/schema",
  "manifest/name",
  "manifest/version",
  "agent-plugins/manifest-missing",
  "agent-plugins/manifest-schema",
  "agent-plugins/schema-version",
  "agent-plugins/name",
]);

/** Rules whose errors are about leaked data or supply chain, not about whether a host loads something. */
const NON_DROPPING_RULES = new Set(
  [...ruleMetas.values()].filter((meta) => meta.purpose === "security").map((meta) => meta.id as string),
);

function isFatalManifestFinding(diagnostic: Diagnostic): boolean {
  if (diagnostic.severity !== "error") return false;
  const id = diagnostic.ruleId;
  return (
    FATAL_MANIFEST_RULES.has(id) || id.startsWith("json/") || (id.startsWith("file/") && !NON_DROPPING_RULES.has(id))
  );
}

function isDroppingError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === "error" && !NON_DROPPING_RULES.has(diagnostic.ruleId);
}

/** A parsed manifest: its path and its object value. */
interface ManifestValue {
  path: string;
  value: Record<string, unknown>;
}

/** The Agent Plugins root manifest a host reads before its own (Codex 0.171), when the plugin has one. */
function portableManifest(plugin: PluginModel): ManifestValue | undefined {
  if (plugin.host.layout === "agent-plugins" || plugin.host.portableManifestFields.length === 0) return undefined;
  const path = join(plugin.root, "plugin.json");
  const read = plugin.readText(path);
  if (!read.ok || !declaresAgentPlugins(read.text)) return undefined;
  const value = parseJson(read.text).value;
  return isRecord(value) ? { path, value } : undefined;
}

function fieldSources(plugin: PluginModel, own: ManifestValue | undefined, portable: ManifestValue | undefined) {
  const fields: Record<string, string> = {};
  const standard = plugin.host.layout === "agent-plugins";
  const taken = new Set(plugin.host.portableManifestFields);
  for (const field of plugin.host.portableManifestFields) {
    if (field === "$schema") continue;
    if (portable && Object.hasOwn(portable.value, field)) fields[field] = portable.path;
    else if (own && Object.hasOwn(own.value, field)) fields[field] = own.path;
  }
  // A host reads the rest of its own manifest; the standard ignores unknown fields (§5.2).
  if (own && !standard)
    for (const field of Object.keys(own.value)) if (field !== "$schema" && !taken.has(field)) fields[field] = own.path;
  return fields;
}

/** The line range a JSON value (with its key) covers, for finding which findings sit inside it. */
function lineRange(doc: JsonDocument, path: readonly PointerSegment[]): [number, number] {
  const key = locate(doc, path, "key");
  const value = locate(doc, path);
  const start = Math.min(key.offset, value.offset);
  return [doc.lines.position(start).line, doc.lines.position(value.offset + value.length).line];
}

interface Declared {
  name: string;
  file: string;
  doc: JsonDocument;
  path: PointerSegment[];
  /** Whether the file is the component's own (`.mcp.json`, `hooks.json`), not a manifest that declares it inline. */
  ownFile: boolean;
}

/**
 * Items declared in one JSON file: each is dropped when an error sits inside it, and, in a component's own file, all
 * of them when an error sits outside every item (the whole file is unusable: MCP disabled, no hooks).
 */
function judgeItems(items: readonly Declared[], errors: readonly Diagnostic[], loads: boolean): LoadedItem[] {
  const byFile = new Map<string, Declared[]>();
  for (const item of items) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  const out: LoadedItem[] = [];
  for (const [file, list] of byFile) {
    const ranges = list.map((item) => lineRange(item.doc, item.path));
    const inFile = errors.filter((d) => d.file === file);
    const inside = (line: number, [from, to]: [number, number]) => line >= from && line <= to;
    const fileLevel = list[0]!.ownFile && inFile.some((d) => !ranges.some((range) => inside(d.line, range)));
    list.forEach((item, index) => {
      const dropped = fileLevel || inFile.some((d) => inside(d.line, ranges[index]!));
      out.push({ name: item.name, file, loaded: loads && !dropped });
    });
  }
  return out;
}

function declaredServers(plugin: PluginModel, own: ManifestValue | undefined): Declared[] {
  const mcp = plugin.mcp;
  if (mcp && mcp.doc.value !== undefined) {
    const shape = mcpShape(mcp.doc.value);
    return shape.entries.map(([name]) => ({
      name,
      file: mcp.path,
      doc: mcp.doc,
      path: [...shape.base, name],
      ownFile: true,
    }));
  }
  // Claude Code also takes servers inline in its manifest.
  const inline = own?.value.mcpServers;
  const doc = plugin.manifest?.doc;
  if (!own || !doc || !isRecord(inline) || plugin.host.layout === "agent-plugins") return [];
  return Object.keys(inline).map((name) => ({ name, file: own.path, doc, path: ["mcpServers", name], ownFile: false }));
}

function declaredHooks(plugin: PluginModel, own: ManifestValue | undefined): Declared[] {
  if (plugin.host.layout === "agent-plugins") return [];
  const fromFiles = plugin.hooks.flatMap((file) => {
    const hooks = isRecord(file.doc.value) && isRecord(file.doc.value.hooks) ? file.doc.value.hooks : {};
    return Object.keys(hooks).map((event) => ({
      name: event,
      file: file.path,
      doc: file.doc,
      path: ["hooks", event],
      ownFile: true,
    }));
  });
  const inline = own?.value.hooks;
  const doc = plugin.manifest?.doc;
  if (!own || !doc || !isRecord(inline)) return fromFiles;
  const inlineHooks = Object.keys(inline).map((event) => ({
    name: event,
    file: own.path,
    doc,
    path: ["hooks", event],
    ownFile: false,
  }));
  return [...fromFiles, ...inlineHooks];
}

function skillName(skill: PluginModel["skills"][number]): string {
  const value = skill.frontmatter?.value;
  const name = isRecord(value) ? value.name : undefined;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : skill.folderName;
}

/** What one target loads from the plugin, judged by that target's own findings. */
export function targetLoad(plugin: PluginModel, diagnostics: readonly Diagnostic[]): TargetLoad {
  const own =
    plugin.manifest && isRecord(plugin.manifest.doc.value)
      ? { path: plugin.manifest.path, value: plugin.manifest.doc.value }
      : undefined;
  const portable = portableManifest(plugin);
  const loads = !diagnostics.some((d) => d.file === plugin.manifestPath && isFatalManifestFinding(d));
  const errors = diagnostics.filter(isDroppingError);
  return {
    target: targetLabel(plugin.host),
    loads,
    manifests: [portable?.path, plugin.manifest?.path].filter((path): path is string => path !== undefined),
    fields: fieldSources(plugin, own, portable),
    skills: plugin.skills.map((skill) => ({
      name: skillName(skill),
      file: skill.path,
      loaded: loads && !errors.some((d) => d.file === skill.path),
    })),
    servers: judgeItems(declaredServers(plugin, own), errors, loads),
    hooks: judgeItems(declaredHooks(plugin, own), errors, loads),
  };
}
