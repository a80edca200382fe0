import { existsSync, statSync } from "node:fs";
import { declaresAgentPlugins } from "./agent-plugins.js";
import { type ClaudeComponents, loadClaudeComponents } from "./claude-components.js";
import { jsonSubDocument } from "./entry-manifest.js";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { readTextFile, type ReadFailureReason, type TextReadOptions, type TextReadResult } from "./fs-safe.js";
import { type HostProfile, profileFor, type TargetSpec } from "./hosts/index.js";
import { parseJson, type JsonDocument } from "./parse/json.js";
import { parseYaml, splitFrontmatter, type YamlDocument } from "./parse/yaml.js";
import { isInside, realpath, resolvePluginPath, safeRealpath, toPosixRelative } from "./paths.js";
import { discoverStandardLayout, type StandardLayout } from "./standard-layout.js";
import { LineIndex } from "./text.js";
import { type WalkedKind, walk, walkedKinds, type WalkResult } from "./walk.js";

export interface JsonFile {
  path: string;
  doc: JsonDocument;
}

export interface YamlFile {
  path: string;
  doc: YamlDocument;
}

export interface SkillFile {
  path: string;
  /** The skill's folder. */
  dir: string;
  folderName: string;
  text: string;
  lines: LineIndex;
  /** Parsed frontmatter; absent when `frontmatterError` says why. */
  frontmatter?: YamlDocument;
  frontmatterError?: { message: string; offset: number; length: number };
  /** Offset where the Markdown body starts. */
  bodyStart: number;
  /** `agents/openai.yaml` beside SKILL.md, when present and readable. */
  openaiYaml?: YamlFile;
}

/** A file that could not be taken in as text, or a link the hosts will not follow. */
export interface FileProblem {
  path: string;
  reason: ReadFailureReason | "symlink-loop" | "symlink-outside" | "symlink-inside" | "symlink-dangling" | "walk-limit";
  message: string;
  /** Byte offset of the problem, where there is one (first bad UTF-8 byte). */
  offset?: number;
}

export interface PluginModel {
  kind: "plugin";
  root: string;
  host: HostProfile;
  /** Where this host expects the manifest. */
  manifestPath: string;
  manifest?: JsonFile;
  /** The manifest is the plugin's Claude Code marketplace entry: the folder has no plugin.json of its own. */
  manifestFromEntry?: boolean;
  /** Manifests this host does not read: another host's, or a misplaced `plugin.json`. */
  otherManifests: string[];
  files: WalkResult;
  skills: SkillFile[];
  mcp?: JsonFile;
  /**
   * The host takes MCP servers only from the standard's mcp.json here (beside an Agent Plugins plugin.json), and
   * ignores .mcp.json and the manifest's `mcpServers`.
   */
  portableMcp?: boolean;
  apps?: JsonFile;
  hooks: JsonFile[];
  packageJson?: JsonFile;
  fileProblems: FileProblem[];
  /** For the Agent Plugins target: what is at the fixed locations, and the SKILL.md files discovery leaves out. */
  standard?: StandardLayout;
  /** For Claude Code: its agents, commands, output styles, LSP servers and monitors. */
  claude?: ClaudeComponents;
  /**
   * Reads a file inside the plugin once, however many rules ask. `keep: false` is for a pass over every file (the
   * secret scan): a file read before is still served from memory, but one read now is not kept, so a lint does not
   * hold the whole plugin's text until it ends. `maxBytes` lowers the size limit of a read now (a file served from
   * memory may be larger: check `size`); a file over it is refused without being read whole, and that refusal is not
   * kept.
   * `listed` says another walk listed the path as a regular file (readTextFile's option); the model's own walk needs
   * no telling.
   */
  readText(path: string, options?: ReadTextOptions): TextReadResult;
}

export interface ReadTextOptions extends TextReadOptions {
  keep?: boolean;
  maxBytes?: number;
}

export interface LoadOptions {
  /** The host profile (or the Agent Plugins standard) whose layout and rules apply. Default: the current Codex. */
  host?: TargetSpec | HostProfile;
  /**
   * A Claude Code marketplace entry that lists the plugin: its manifest when the plugin folder has none
   * (`PluginModel.manifestFromEntry`).
   */
  entry?: JsonFile;
  /**
   * Read the manifests and component files only (MCP, apps, hooks, package.json), without walking the folder: the
   * model then lists no files, skills or Claude Code components, and no problems the walk finds. What a marketplace's
   * checks read of each plugin it lists, at a fraction of the cost and memory of a whole load.
   */
  shallow?: boolean;
  /**
   * false: read no SKILL.md and leave `skills` empty, for callers that need only the manifests and component files
   * (plugin-pack's pack, which would otherwise parse every skill's frontmatter for nothing). Default true.
   */
  skills?: boolean;
}

export interface PluginLoadOptions extends LoadOptions {
  /** The walk of the plugin folder, when the caller has it already: a plugin loaded for several targets is walked once. */
  files?: WalkResult;
  /**
   * A load of the same plugin made just before (a marketplace's shallow load of the plugins it lists): the files it
   * read (or found missing) are served from its memory instead of read again.
   */
  prior?: Pick<PluginModel, "readText">;
}

/** How deep Codex looks for SKILL.md below a skill root (MAX_SCAN_DEPTH). */
export const SKILL_SCAN_DEPTH = 6;

export function loadPlugin(dir: string, options: PluginLoadOptions = {}): PluginModel {
  const root = resolve(dir);
  const host = profileFor(options.host ?? "codex");
  const cache = new Map<string, TextReadResult>();
  const fileProblems: FileProblem[] = [];
  const reported = new Set<string>();
  const prior = options.prior;
  const readText = (path: string, options?: ReadTextOptions): TextReadResult => {
    const maxBytes = options?.maxBytes;
    let result = cache.get(path);
    if (!result) {
      // A path the walk listed as a regular file skips the fstat that would tell it so again.
      const listed = options?.listed === true || kindOf(path) === "file";
      result = prior
        ? prior.readText(path, { keep: false, listed, ...(maxBytes === undefined ? {} : { maxBytes }) })
        : readTextFile(path, maxBytes, { listed });
      const refusedBelowLimit = maxBytes !== undefined && !result.ok && result.reason === "too-large";
      if (options?.keep !== false && !refusedBelowLimit) cache.set(path, result);
    }
    return result;
  };
  const noteFailure = (path: string, result: Extract<TextReadResult, { ok: false }>) => {
    if (result.reason === "not-found" || reported.has(path)) return;
    reported.add(path);
    fileProblems.push({
      path,
      reason: result.reason,
      message: result.message,
      ...(result.offset === undefined ? {} : { offset: result.offset }),
    });
  };
  const readJson = (path: string): JsonFile | undefined => {
    const result = readText(path);
    if (!result.ok) {
      noteFailure(path, result);
      return undefined;
    }
    return { path, doc: parseJson(result.text) };
  };
  const readYaml = (path: string): YamlFile | undefined => {
    const result = readText(path);
    if (!result.ok) {
      noteFailure(path, result);
      return undefined;
    }
    return { path, doc: parseYaml(result.text) };
  };

  const files: WalkResult = options.shallow
    ? { files: [], directories: [], links: [], unreadable: [] }
    : (options.files ?? walk(root));
  for (const link of files.links) {
    const messages = {
      loop: "is a symbolic link loop",
      outside: `is a symbolic link out of the plugin (to ${link.target ?? "?"})`,
      inside: "is a symbolic link",
      dangling: "is a symbolic link to something that does not exist",
    } as const;
    fileProblems.push({
      path: link.absolute,
      reason: `symlink-${link.problem === "loop" ? "loop" : link.problem}` as FileProblem["reason"],
      message: messages[link.problem],
    });
  }
  for (const entry of files.unreadable)
    fileProblems.push({ path: entry.absolute, reason: "unreadable", message: entry.message });
  if (files.truncated)
    fileProblems.push({
      path: root,
      reason: "walk-limit",
      message: `the plugin folder is too large to lint whole: ${files.truncated}`,
    });
  // Whether a path in the plugin exists, and as what, from the walk where it can tell: most of the paths a host looks
  // for are missing, and the disk would be asked for each one.
  const walked = options.shallow ? undefined : walkedKinds(files);
  const rootPrefix = `${root}${sep}`;
  const kindOf = (path: string): WalkedKind => {
    if (!walked) return undefined;
    // A path joined onto the root is cut off it (path.relative resolves both paths first, for each of the hundreds a
    // load asks about); a "." or ".." left in it makes the walk answer undefined, and the disk is asked instead.
    if (sep === "/" && path.startsWith(rootPrefix)) return walked(path.slice(rootPrefix.length));
    const relative = toPosixRelative(root, path);
    return relative.startsWith("..") || isAbsolute(relative) ? undefined : walked(relative);
  };
  const exists = (path: string): boolean => {
    const kind = kindOf(path);
    return kind === undefined ? existsSync(path) : kind !== "missing";
  };

  const loadSkills = (paths: readonly string[]): SkillFile[] =>
    (options.skills === false ? [] : paths).flatMap((path) => {
      const skill = loadSkillFile(path, readText, readYaml, exists);
      if (!skill.ok) noteFailure(path, skill.failure);
      return skill.ok ? [skill.skill] : [];
    });
  const packagePath = join(root, "package.json");
  const otherManifestsExcept = (manifestPath: string) =>
    [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]
      .map((p) => join(root, p))
      .filter((p) => p !== manifestPath && exists(p));

  if (host.layout === "agent-plugins") {
    const standard = discoverStandardLayout(root, files);
    const manifestPath = join(root, host.manifestPaths[0]!);
    // A plugin.json that resolves out of the plugin is rejected (§4.1); the file rules report its link.
    const manifest = resolvesInside(root, manifestPath) ? readJson(manifestPath) : undefined;
    const model: PluginModel = {
      kind: "plugin",
      root,
      host,
      manifestPath,
      otherManifests: otherManifestsExcept(manifestPath),
      files,
      skills: loadSkills(standard.skillFiles),
      hooks: [],
      fileProblems,
      standard,
      readText,
    };
    if (manifest) model.manifest = manifest;
    const mcp = standard.mcp.state === "ok" ? readJson(standard.mcp.path) : undefined;
    if (mcp) model.mcp = mcp;
    const packageJson = exists(packagePath) ? readJson(packagePath) : undefined;
    if (packageJson) model.packageJson = packageJson;
    return model;
  }

  const manifestPath = join(root, host.manifestPaths[0]!);
  const manifestExists = exists(manifestPath);
  const manifestFromEntry = !manifestExists && options.entry !== undefined;
  const manifest = manifestFromEntry ? options.entry : manifestExists ? readJson(manifestPath) : undefined;
  const otherManifests = otherManifestsExcept(manifestPath);

  const manifestValue = isRecord(manifest?.doc.value) ? manifest.doc.value : {};
  const componentPaths = (field: string): string[] => {
    const raw = manifestValue[field];
    const list =
      typeof raw === "string"
        ? [raw]
        : Array.isArray(raw) && host.id === "claude-code"
          ? raw.filter((v): v is string => typeof v === "string")
          : [];
    return list.flatMap((p) => {
      const resolved = resolvePluginPath(p, { root });
      return resolved.ok ? [resolved.absolute] : [];
    });
  };

  // Skills: Codex 0.117 scans the union of skills/ and the manifest's `skills` path.
  const skillRoots = new Set<string>(componentPaths("skills"));
  const defaultSkills = join(root, "skills");
  const skillsKind = kindOf(defaultSkills);
  if (
    skillsKind === undefined
      ? existsSync(defaultSkills) && statSync(defaultSkills).isDirectory()
      : skillsKind === "directory"
  )
    skillRoots.add(defaultSkills);
  const skillPaths = new Set<string>();
  for (const skillRoot of skillRoots) {
    const prefix = toPosixRelative(root, skillRoot);
    for (const file of files.files) {
      if (file.relative !== "SKILL.md" && !file.relative.endsWith("/SKILL.md")) continue;
      const inside =
        prefix === ""
          ? file.relative
          : file.relative.startsWith(`${prefix}/`)
            ? file.relative.slice(prefix.length + 1)
            : undefined;
      if (inside === undefined) continue;
      const parts = inside.split("/");
      if (parts.length - 1 > SKILL_SCAN_DEPTH || parts.some((p) => p.startsWith("."))) continue;
      skillPaths.add(file.absolute);
    }
  }
  const skills = loadSkills([...skillPaths].sort());

  const firstExisting = (field: string, fallback: string): string | undefined => {
    const declared = componentPaths(field);
    if (typeof manifestValue[field] === "string" || Array.isArray(manifestValue[field])) return declared[0];
    const path = join(root, fallback);
    return exists(path) ? path : undefined;
  };
  const portableMcp = readsPortableMcp(root, host, exists);
  const mcpPath = portableMcp
    ? [join(root, "mcp.json")].find((p) => exists(p))
    : typeof manifestValue.mcpServers === "object" && manifestValue.mcpServers !== null
      ? undefined
      : firstExisting("mcpServers", ".mcp.json");
  const appsPath = firstExisting("apps", ".app.json");
  const hookPaths =
    typeof manifestValue.hooks === "string" || Array.isArray(manifestValue.hooks)
      ? componentPaths("hooks")
      : [join(root, "hooks/hooks.json")].filter((p) => exists(p));

  const readComponent = (path: string | undefined): JsonFile | undefined => {
    if (!path) return undefined;
    const kind = kindOf(path);
    if (!(kind === "file" || (kind !== "directory" && statSync(path).isFile()))) {
      fileProblems.push({ path, reason: "not-a-file", message: "is a folder, expected a JSON file" });
      return undefined;
    }
    return readJson(path);
  };
  const model: PluginModel = {
    kind: "plugin",
    root,
    host,
    manifestPath,
    otherManifests,
    files,
    skills,
    hooks: hookPaths.map(readComponent).filter((f): f is JsonFile => f !== undefined),
    fileProblems,
    readText,
  };
  if (manifest) model.manifest = manifest;
  if (manifestFromEntry) model.manifestFromEntry = true;
  if (portableMcp) model.portableMcp = true;
  if (host.id === "claude-code" && !options.shallow)
    model.claude = loadClaudeComponents({ root, files, manifest: manifestValue, readText });
  const mcp = readComponent(mcpPath);
  if (mcp) model.mcp = mcp;
  const apps = readComponent(appsPath);
  if (apps) model.apps = apps;
  const packageJson = exists(packagePath) ? readJson(packagePath) : undefined;
  if (packageJson) model.packageJson = packageJson;
  return model;
}

/**
 * Whether the host takes MCP servers from the standard's mcp.json instead of its own files: it does so beside a root
 * plugin.json that declares Agent Plugins (Codex 0.171 then ignores .mcp.json and the manifest's `mcpServers`).
 */
function readsPortableMcp(root: string, host: HostProfile, exists: (path: string) => boolean): boolean {
  if (!host.readsPortableMcpJson) return false;
  const rootManifest = join(root, "plugin.json");
  if (!exists(rootManifest) || !resolvesInside(root, rootManifest)) return false;
  const read = readTextFile(rootManifest);
  return read.ok && declaresAgentPlugins(read.text);
}

type SkillLoad = { ok: true; skill: SkillFile } | { ok: false; failure: Extract<TextReadResult, { ok: false }> };

/** Loads one SKILL.md and the `agents/openai.yaml` beside it. */
export function loadSkillFile(
  path: string,
  readText: (path: string) => TextReadResult = readTextFile,
  readYaml?: (path: string) => YamlFile | undefined,
  exists: (path: string) => boolean = existsSync,
): SkillLoad {
  const result = readText(path);
  if (!result.ok) return { ok: false, failure: result };
  const dir = dirname(path);
  const lines = new LineIndex(result.text);
  const skill: SkillFile = { path, dir, folderName: basename(dir), text: result.text, lines, bodyStart: 0 };
  const split = splitFrontmatter(result.text);
  if (split.ok) {
    skill.frontmatter = parseYaml(result.text, split.split.yamlStart, split.split.yamlEnd, lines);
    skill.bodyStart = split.split.bodyStart;
  } else {
    skill.frontmatterError = { message: split.message, offset: split.offset, length: split.length };
  }
  const openaiPath = join(dir, "agents/openai.yaml");
  if (exists(openaiPath)) {
    const read =
      readYaml ??
      ((p: string) => {
        const text = readText(p);
        return text.ok ? { path: p, doc: parseYaml(text.text) } : undefined;
      });
    const openai = read(openaiPath);
    if (openai) skill.openaiYaml = openai;
  }
  return { ok: true, skill };
}

export interface MarketplaceEntry {
  index: number;
  name?: string;
  /** The plugin folder the entry's local source resolves to, when it does. */
  pluginRoot?: string;
  /** `pluginRoot` with every link resolved: one plugin, however many paths lead to it. */
  pluginRealRoot?: string;
  plugin?: PluginModel;
  /**
   * In Claude Code's own marketplace file: the entry as a document, which is the manifest of a plugin folder that has
   * none (`LoadOptions.entry`, which `plugin` was loaded with).
   */
  entryManifest?: JsonFile;
}

export interface MarketplaceModel {
  kind: "marketplace";
  /** The marketplace root: the folder that holds `.agents/`. */
  root: string;
  host: HostProfile;
  file?: JsonFile;
  fileProblem?: FileProblem;
  entries: MarketplaceEntry[];
}

/** The local folder a marketplace entry's `source` names, if it is a local source at all. */
export function localSourcePath(source: unknown): string | undefined {
  if (typeof source === "string") return source;
  if (isRecord(source) && source.source === "local" && typeof source.path === "string") return source.path;
  return undefined;
}

export function loadMarketplace(rootDir: string, options: LoadOptions = {}): MarketplaceModel {
  const root = resolve(rootDir);
  const host = profileFor(options.host ?? "codex");
  // The host's own location first; a repo may hold only the other host's marketplace file.
  const candidates = [
    ...host.marketplacePaths,
    ".agents/plugins/marketplace.json",
    ".claude-plugin/marketplace.json",
  ].map((p) => join(root, p));
  const path = candidates.find((p) => existsSync(p)) ?? candidates[0]!;
  const model: MarketplaceModel = { kind: "marketplace", root, host, entries: [] };
  const text = readTextFile(path);
  if (!text.ok) {
    model.fileProblem = {
      path,
      reason: text.reason,
      message: text.message,
      ...(text.offset === undefined ? {} : { offset: text.offset }),
    };
    return model;
  }
  const marketDoc = parseJson(text.text);
  model.file = { path, doc: marketDoc };
  const value = marketDoc.value;
  const plugins = isRecord(value) && Array.isArray(value.plugins) ? value.plugins : [];
  const pluginRoot =
    isRecord(value) && isRecord(value.metadata) && typeof value.metadata.pluginRoot === "string"
      ? value.metadata.pluginRoot
      : undefined;
  const loaded = new Map<string, PluginModel>();
  const realRoot = safeRealpath(root);
  // Entries are manifests only in Claude Code's own marketplace file, not in a Codex one it was handed.
  const claudeEntries = host.id === "claude-code" && path === join(root, ".claude-plugin/marketplace.json");
  plugins.forEach((raw, index) => {
    const entry: MarketplaceEntry = { index };
    if (isRecord(raw) && typeof raw.name === "string") entry.name = raw.name;
    let sourcePath = isRecord(raw) ? localSourcePath(raw.source) : undefined;
    // Claude Code resolves bare plugin names against metadata.pluginRoot.
    if (
      host.id === "claude-code" &&
      sourcePath !== undefined &&
      !sourcePath.startsWith("./") &&
      pluginRoot !== undefined
    ) {
      sourcePath = `./${join(pluginRoot, sourcePath)}`;
    }
    if (sourcePath !== undefined) {
      const resolved = resolvePluginPath(sourcePath, {
        root,
        expect: "directory",
        allowRoot: host.id === "claude-code",
        rootName: "marketplace root",
        realRoot,
      });
      if (resolved.ok) {
        entry.pluginRoot = resolved.absolute;
        entry.pluginRealRoot = resolved.real;
        // Claude Code reads an entry as the manifest of a plugin folder that has none.
        const entryDoc = claudeEntries ? jsonSubDocument(marketDoc, ["plugins", index]) : undefined;
        if (entryDoc !== undefined) entry.entryManifest = { path, doc: entryDoc };
        const entryOptions = entry.entryManifest === undefined ? options : { ...options, entry: entry.entryManifest };
        const plugin = loaded.get(entry.pluginRealRoot) ?? loadPlugin(resolved.absolute, entryOptions);
        loaded.set(entry.pluginRealRoot, plugin);
        entry.plugin = plugin;
      }
    }
    model.entries.push(entry);
  });
  return model;
}

/** Whether `path` exists and, with every link followed, stays inside `root`. */
function resolvesInside(root: string, path: string): boolean {
  try {
    return isInside(safeRealpath(root), realpath(path));
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
