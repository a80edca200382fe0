/**
 * `plugin-pack convert`: rewrites a plugin from one layout (the Agent Plugins standard, Codex, Claude Code) into
 * another. The source layout's manifest, MCP, hooks and app files are replaced by the target's (unless another
 * manifest the plugin keeps reads them); every other file is copied as it is. What the target has no place for is
 * reported, never dropped silently: the report lists exactly what the converted plugin no longer loads.
 */
import { statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  agentPluginsSchemaId,
  isRecord,
  parseJson,
  readTextFile,
  resolvePluginPath,
  type TargetId,
  toPosixRelative,
  UsageError,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { HOOKS_FILE, readHooks, translateHooks } from "./hooks.js";
import { targetManifest } from "./manifest.js";
import { type DroppedField, type NeutralServer, readServer, targetName, writeServer } from "./servers.js";
import { MANIFEST_OF, readSource, type SourcePlugin } from "./source.js";
import type { ConvertOptions, ConvertReport, NotCarried } from "./types.js";
import { checkDestination, replaceInPlace, writeNewFolder } from "./write.js";

/** Where each layout's host reads MCP servers the conversion writes. */
const MCP_FILE_OF: Readonly<Record<TargetId, string>> = {
  "agent-plugins": "mcp.json",
  codex: ".mcp.json",
  "claude-code": ".mcp.json",
};

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function convert(options: ConvertOptions): ConvertReport {
  const cwd = options.cwd ?? process.cwd();
  if (options.inPlace && options.out !== undefined)
    throw new UsageError("--out and --in-place exclude each other: give one");
  const shown = options.dir ?? ".";
  const root = resolve(cwd, shown);
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    throw new PackError(`${shown} does not exist: give the plugin folder to convert`, root);
  }
  if (!isFolder) throw new PackError(`${shown} is not a folder: give the plugin folder to convert`, root);

  const source = readSource(root, shown, options.to, options.from);
  const name =
    typeof source.manifest.name === "string" && source.manifest.name !== "" ? source.manifest.name : basename(root);
  const plan = planConversion(source, options.to);

  const out = options.inPlace ? root : resolve(cwd, options.out ?? join(dirname(root), `${name}-${options.to}`, name));
  const outShown = options.inPlace ? shown : (options.out ?? out);
  if (options.inPlace) replaceInPlace(root, shown, plan);
  else {
    checkDestination(root, out, outShown);
    writeNewFolder(root, out, outShown, plan);
  }
  return {
    name,
    from: source.layout,
    to: options.to,
    dir: out,
    inPlace: options.inPlace === true,
    written: [...plan.write.keys()].sort(),
    removed: [...plan.remove].sort(),
    servers: plan.servers,
    notCarried: plan.notCarried,
  };
}

interface Plan {
  remove: string[];
  write: Map<string, string>;
  servers: string[];
  notCarried: NotCarried[];
}

function planConversion(source: SourcePlugin, to: TargetId): Plan {
  const notCarried: NotCarried[] = [];
  const serverFile = new Map(source.servers.map((server) => [server.name, server.file]));
  const note = (dropped: DroppedField) =>
    notCarried.push({
      file: serverFile.get(dropped.server) ?? MCP_FILE_OF[source.layout],
      part: "server",
      name: dropped.server,
      ...(dropped.field === "" ? {} : { field: dropped.field }),
      reason: dropped.reason,
    });

  const servers: Record<string, unknown> = {};
  const neutral: NeutralServer[] = [];
  for (const entry of source.servers) {
    const read = readServer(source.layout, entry.name, entry.value);
    read.dropped.forEach(note);
    if (read.server === undefined) continue;
    neutral.push(read.server);
    const written = writeServer(to, read.server);
    written.dropped.forEach(note);
    servers[entry.name] = written.value;
  }
  const names = Object.keys(servers);
  const mcpFile = names.length > 0 ? MCP_FILE_OF[to] : null;

  const skills = hasFolder(source.root, "skills");
  const manifest = targetManifest(to, source.manifest, MANIFEST_OF[source.layout], { skills, mcpFile });
  notCarried.push(...manifest.notCarried);
  const skillsField = source.manifest.skills;
  if (typeof skillsField === "string" && !/^\.\/skills\/?$/.test(skillsField))
    notCarried.push({
      file: MANIFEST_OF[source.layout],
      part: "manifest",
      name: "skills",
      reason: `skills at ${skillsField}: ${targetName(to)} reads them from skills/<name>/SKILL.md; move them there`,
    });
  const hooks = readHooks(source.root, source.layout, source.manifest, MANIFEST_OF[source.layout]);
  const translated = translateHooks(source.layout, to, hooks);
  notCarried.push(...translated.notCarried);
  const apps = source.layout === "codex" ? appFiles(source.root, source.manifest) : [];
  for (const file of apps)
    notCarried.push({
      file,
      part: "component",
      name: "apps",
      reason: `app connectors are Codex's; ${targetName(to)} has no place for them`,
    });

  // Files another manifest the plugin keeps still names stay; the rest of the source layout's files go.
  const kept = new Set(source.others.flatMap((layout) => namedFiles(source.root, layout)));
  const remove = [MANIFEST_OF[source.layout], ...source.mcpFiles, ...hooks.files, ...apps].filter(
    (file) => !kept.has(file),
  );
  const write = new Map<string, string>([[MANIFEST_OF[to], toJson(manifest.manifest)]]);
  if (translated.value !== undefined) {
    if (hasFile(source.root, HOOKS_FILE) && !hooks.files.includes(HOOKS_FILE))
      throw new PackError(
        `${HOOKS_FILE} exists and is not a hooks file the source layout reads: converting would overwrite it; move it away first (nothing was written)`,
        join(source.root, HOOKS_FILE),
      );
    write.set(HOOKS_FILE, toJson({ hooks: translated.value }));
  }
  if (mcpFile !== null) {
    const body =
      to === "agent-plugins"
        ? { $schema: agentPluginsSchemaId("1.0.0", "mcp"), mcpServers: servers }
        : { mcpServers: servers };
    if (
      hasFile(source.root, mcpFile) &&
      !remove.includes(mcpFile) &&
      !holdsSameServers(source.root, mcpFile, to, neutral)
    )
      throw new PackError(
        `${mcpFile} exists and is not the source layout's MCP file: converting would overwrite it; move it away first (nothing was written)`,
        join(source.root, mcpFile),
      );
    write.set(mcpFile, toJson(body));
  }
  return { remove: remove.filter((file) => !write.has(file)), write, servers: names, notCarried };
}

/**
 * Whether an MCP file in the way already holds exactly these servers (the standard's mcp.json that a kept Codex
 * manifest also names, say): rewriting it then changes nothing for the host that reads it.
 */
function holdsSameServers(root: string, file: string, layout: TargetId, servers: readonly NeutralServer[]): boolean {
  const read = readTextFile(join(root, file));
  if (!read.ok) return false;
  const value = parseJson(read.text).value;
  if (!isRecord(value) || !isRecord(value.mcpServers)) return false;
  const existing = Object.entries(value.mcpServers).map(([name, entry]) => readServer(layout, name, entry).server);
  return JSON.stringify(existing) === JSON.stringify(servers);
}

/** The MCP, hooks and app files a kept host manifest reads. */
function namedFiles(root: string, layout: TargetId): string[] {
  if (layout === "agent-plugins") return ["mcp.json"];
  const read = readTextFile(join(root, MANIFEST_OF[layout]));
  if (!read.ok) return [];
  let value: unknown;
  try {
    value = JSON.parse(read.text.replace(/^\uFEFF/, ""));
  } catch {
    return [];
  }
  const manifest = isRecord(value) ? value : {};
  const field = manifest.mcpServers;
  const paths = (Array.isArray(field) ? field : [field]).filter((entry): entry is string => typeof entry === "string");
  return [
    ...paths.map((path) => path.replace(/^\.\//, "")),
    ...(layout === "claude-code" ? [".mcp.json"] : []),
    ...readHooks(root, layout, manifest, MANIFEST_OF[layout]).files,
    ...(layout === "codex" ? appFiles(root, manifest) : []),
  ];
}

/** The app connector files Codex reads: the manifest's `apps` path, else .app.json. */
function appFiles(root: string, manifest: Record<string, unknown>): string[] {
  const field = manifest.apps;
  if (field === undefined) return hasFile(root, ".app.json") ? [".app.json"] : [];
  if (typeof field !== "string") return [];
  const resolved = resolvePluginPath(field, { root });
  const file = resolved.ok ? toPosixRelative(root, resolved.absolute) : undefined;
  return file !== undefined && hasFile(root, file) ? [file] : [];
}

function hasFile(root: string, path: string): boolean {
  try {
    return statSync(join(root, path)).isFile();
  } catch {
    return false;
  }
}

function hasFolder(root: string, path: string): boolean {
  try {
    return statSync(join(root, path)).isDirectory();
  } catch {
    return false;
  }
}
