import type { HostId } from "@agent-plugin/core";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/**
 * What a plugin folder declares, read leniently and the same way for every host: the author's intent, to compare
 * with what a host kept. A part that cannot be read (a file that is not JSON) is undefined: unknown, not empty.
 */
export interface DeclaredComponents {
  /** SKILL.md files under `skills/` and under the manifest's `skills` paths, relative, with `/`. */
  skills: string[];
  mcpServers: string[] | undefined;
  /** Hook events with at least one handler. */
  hookEvents: string[] | undefined;
  /** Claude Code: agents/*.md, commands/**\/*.md, output-styles/*.md. */
  agents: string[];
  commands: string[];
  outputStyles: string[];
  /** Claude Code: LSP server names in `.lsp.json` and the manifest's `lspServers`; undefined when one does not read. */
  lspServers: string[] | undefined;
  /** Claude Code: monitor names in `monitors/monitors.json` or the manifest's `monitors`. */
  monitors: string[] | undefined;
  /** Codex: the manifest's interface, when the manifest reads as JSON. */
  interface: Record<string, unknown> | undefined;
  /**
   * Codex: the apps `.app.json` (or the manifest's `apps` paths) declares, each by its id, or by its key when it has
   * no usable id (such an entry is declared but can never load). Undefined when a file is not JSON.
   */
  apps: string[] | undefined;
}

/** The manifest each host reads first (Codex falls back through the others). */
const manifestPaths: Record<HostId, readonly string[]> = {
  codex: [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"],
  "claude-code": [".claude-plugin/plugin.json"],
};

export function declaredComponents(dir: string, host: HostId): DeclaredComponents {
  const manifestPath = manifestPaths[host].find((path) => existsSync(join(dir, path)));
  const manifest = manifestPath === undefined ? {} : readJson(join(dir, manifestPath));
  const skillRoots = new Set(["skills"]);
  for (const path of pathList(manifest?.skills)) skillRoots.add(path);
  const skills = new Set<string>();
  for (const root of skillRoots)
    for (const file of findFiles(dir, root, (name) => name === "SKILL.md")) skills.add(file);

  return {
    skills: [...skills].sort(),
    mcpServers: declaredServers(dir, manifest, manifestPath),
    hookEvents: declaredHookEvents(dir, manifest),
    agents: findFiles(dir, "agents", isMarkdown),
    commands: findFiles(dir, "commands", isMarkdown),
    outputStyles: findFiles(dir, "output-styles", isMarkdown),
    lspServers: declaredLspServers(dir, manifest),
    monitors: declaredMonitors(dir, manifest),
    interface: manifest === undefined ? undefined : isRecord(manifest.interface) ? manifest.interface : {},
    apps: declaredApps(dir, manifest),
  };
}

function declaredApps(dir: string, manifest: Record<string, unknown> | undefined): string[] | undefined {
  const files = pathList(manifest?.apps);
  if (files.length === 0) files.push(".app.json");
  const apps = new Set<string>();
  for (const file of files) {
    if (!existsSync(join(dir, file))) continue;
    const config = readJson(join(dir, file));
    if (config === undefined) return undefined;
    const entries = isRecord(config.apps) ? config.apps : {};
    for (const [key, app] of Object.entries(entries)) {
      const id = isRecord(app) && typeof app.id === "string" ? app.id.trim() : "";
      apps.add(id === "" ? `<${key} without an id>` : id);
    }
  }
  return [...apps].sort();
}

function declaredServers(
  dir: string,
  manifest: Record<string, unknown> | undefined,
  manifestPath: string | undefined,
): string[] | undefined {
  if (manifest === undefined) return undefined;
  const field = manifest.mcpServers;
  if (isRecord(field)) return Object.keys(field).sort();
  const files = pathList(field);
  // The standard's plugin.json alone: its mcp.json, or the host file the author put the servers in instead.
  const standardFile =
    manifestPath === "plugin.json" && (existsSync(join(dir, "mcp.json")) || !existsSync(join(dir, ".mcp.json")));
  if (files.length === 0) files.push(standardFile ? "mcp.json" : ".mcp.json");
  const names: string[] = [];
  for (const file of files) {
    if (!existsSync(join(dir, file))) continue;
    const config = readJson(join(dir, file));
    if (config === undefined) return undefined;
    const servers = isRecord(config.mcpServers) ? config.mcpServers : config;
    names.push(...Object.keys(servers).filter((key) => key !== "$schema" && isRecord(servers[key])));
  }
  return names.sort();
}

/** A Markdown file by its extension in any case: `.MD` is what the author meant as Markdown too. */
function isMarkdown(name: string): boolean {
  return name.toLowerCase().endsWith(".md");
}

function declaredLspServers(dir: string, manifest: Record<string, unknown> | undefined): string[] | undefined {
  const names: string[] = [];
  const field = manifest?.lspServers;
  const sources: unknown[] = [existsSync(join(dir, ".lsp.json")) ? ".lsp.json" : undefined];
  sources.push(...(Array.isArray(field) ? field : [field]));
  for (const source of sources) {
    const servers = typeof source === "string" ? readJson(join(dir, source)) : source;
    if (typeof source === "string" && servers === undefined) return undefined;
    if (isRecord(servers)) names.push(...Object.keys(servers));
  }
  return names.sort();
}

function declaredMonitors(dir: string, manifest: Record<string, unknown> | undefined): string[] | undefined {
  const experimental = isRecord(manifest?.experimental) ? manifest.experimental : {};
  const field = "monitors" in experimental ? experimental.monitors : manifest?.monitors;
  const path = typeof field === "string" ? field : field === undefined ? "monitors/monitors.json" : undefined;
  let list: unknown = field;
  if (path !== undefined) {
    if (!existsSync(join(dir, path))) return [];
    try {
      list = JSON.parse(readFileSync(join(dir, path), "utf8").replace(/^\uFEFF/, "")) as unknown;
    } catch {
      return undefined;
    }
  }
  // A list of named monitors; anything else (an object keyed by name) is read for its keys, as the author meant.
  const names = Array.isArray(list)
    ? list.map((item) => (isRecord(item) && typeof item.name === "string" ? item.name : "(unnamed)"))
    : isRecord(list)
      ? Object.keys(list)
      : [];
  return names.sort();
}

function declaredHookEvents(dir: string, manifest: Record<string, unknown> | undefined): string[] | undefined {
  const configs: unknown[] = [];
  if (existsSync(join(dir, "hooks/hooks.json"))) configs.push(readJson(join(dir, "hooks/hooks.json")));
  const field = manifest?.hooks;
  for (const item of Array.isArray(field) ? field : [field]) {
    if (typeof item === "string" && existsSync(join(dir, item))) configs.push(readJson(join(dir, item)));
    else if (isRecord(item)) configs.push(item);
  }
  if (configs.some((config) => config === undefined)) return undefined;
  const events = new Set<string>();
  for (const config of configs as Record<string, unknown>[]) {
    const hooks = isRecord(config.hooks) ? config.hooks : {};
    for (const [event, groups] of Object.entries(hooks))
      if (Array.isArray(groups) && groups.length > 0) events.add(event);
  }
  return [...events].sort();
}

/** A manifest path field (a string or a list of strings) as plugin-relative paths; anything else as none. */
function pathList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item): item is string => typeof item === "string")
    .map((item) => item.replace(/^\.\//, "").replace(/\/$/, "") || ".");
}

/** Files under `dir/folder` whose name matches, relative to `dir`; links are listed, not followed. */
function findFiles(dir: string, folder: string, matches: (name: string) => boolean): string[] {
  const root = resolve(dir, folder);
  if (!root.startsWith(resolve(dir)) || !isDirectory(root)) return [];
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (matches(entry.name)) found.push(relative(dir, path).split(sep).join("/"));
      else if (entry.isSymbolicLink() && isDirectory(path)) found.push(...linkedFiles(dir, path, matches));
    }
  };
  walk(root);
  return found.sort();
}

/** A linked folder's matching files, listed under the link's own path. */
function linkedFiles(dir: string, link: string, matches: (name: string) => boolean): string[] {
  try {
    return readdirSync(link)
      .filter(matches)
      .map((name) => relative(dir, join(link, name)).split(sep).join("/"));
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() || statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
