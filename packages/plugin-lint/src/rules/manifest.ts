import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { basename, extname } from "node:path";
import {
  describePath,
  isRecord,
  parseJson,
  toPosixRelative,
  typeName,
  type JsonDocument,
  type PluginModel,
  type PointerSegment,
  type ResolveOptions,
} from "@agent-plugin/core";
// The two functions used, not the whole package: the CLI bundle loads on every pre-commit.
import coerce from "semver/functions/coerce.js";
import valid from "semver/functions/valid.js";
import type { RuleContext, RuleFamily, RuleMeta } from "../rule.js";
import { checkPath, hasValue, reportSchema } from "./shared.js";

/** A manifest that parsed to a JSON object. */
interface Manifest {
  path: string;
  doc: JsonDocument;
  value: Record<string, unknown>;
}

/** A string in the manifest and where it is. */
interface StringAt {
  text: string;
  path: PointerSegment[];
}

/** A field's name for messages, without the quotes `describePath` adds: `interface.screenshots[0]`. */
function fieldName(path: readonly PointerSegment[]): string {
  return describePath(path).slice(1, -1);
}

function valueAt(value: unknown, path: readonly PointerSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

const rules: readonly RuleMeta[] = [
  {
    id: "manifest/missing",
    severity: "error",
    description: "A Codex plugin has `.codex-plugin/plugin.json`.",
    rationale:
      "Codex 0.117 reads the manifest only from `.codex-plugin/plugin.json` and fails with \"missing or invalid .codex-plugin/plugin.json\": the plugin cannot be installed or loaded. Claude Code works without a manifest, so the rule does not apply there.",
    hosts: ["codex"],
  },
  {
    id: "manifest/location",
    severity: "error",
    description: "The manifest is in the folder the hosts read, and component folders and files sit at the plugin root, not inside `.codex-plugin/` or `.claude-plugin/`.",
    rationale:
      "Codex reads `.codex-plugin/plugin.json` (later versions also `.claude-plugin/plugin.json`, and a root `plugin.json` only when its `$schema` is an Agent Plugins schema); Claude Code reads `.claude-plugin/plugin.json`. Both look for `skills/`, `hooks/`, `.mcp.json` and the other components at the plugin root only, so anything placed next to the manifest is never loaded.",
  },
  {
    id: "manifest/schema",
    severity: "error",
    description: "The manifest is a JSON object and every known field has the right JSON type.",
    rationale:
      "Codex parses the manifest with serde: one known field of the wrong type (`description: 5`, a `skills` array at 0.117, `interface.capabilities: null`) fails the whole parse and the plugin is dropped. Fields Codex 0.117 never reads (`author`, `homepage`, `hooks`...) are reported as warnings. Claude Code rejects a manifest whose known fields have the wrong type.",
  },
  {
    id: "manifest/unknown-field",
    severity: "warning",
    description: "The manifest has no fields the host does not know.",
    rationale:
      "Both hosts ignore unknown fields silently, so a misspelt field (`descripton`, `interface.websiteUrI`) simply has no effect. `claude plugin validate` warns about them too.",
  },
  {
    id: "manifest/name",
    severity: "error",
    description: "The plugin name is non-empty, uses only ASCII letters, digits, `_` and `-`, and should be lowercase kebab-case of at most 64 characters.",
    rationale:
      "Codex installs a plugin only if its name passes `validate_plugin_segment` (`^[A-Za-z0-9_-]+$`, non-empty): anything else is an error. Codex's plugin-creator and Claude Code's docs expect lowercase kebab-case up to 64 characters; names that are valid but not in that form are a warning.",
  },
  {
    id: "manifest/name-folder",
    severity: "warning",
    description: "The manifest `name` equals the plugin folder's name.",
    rationale:
      "By convention (Codex's plugin-creator, marketplace layouts) the folder is named after the plugin. When they differ, the marketplace entry, the install cache folder and the folder in the repository disagree, which is how mismatched marketplace entries happen.",
  },
  {
    id: "manifest/version",
    severity: "error",
    description: "`version` uses only letters, digits, `.`, `+`, `_` and `-`, and should be strict SemVer.",
    rationale:
      "Codex uses the version as the install cache folder name and refuses to install one with other characters, or `.` / `..`. Both hosts compare versions to offer updates, so a version that is not SemVer (`1.0`, `v1.0.0`) is a warning.",
  },
  {
    id: "manifest/url",
    severity: "warning",
    description: "`homepage`, `author.url` and the `interface` website, privacy policy and terms URLs are absolute https URLs.",
    rationale:
      "Codex's runtime shows these links without checking them, but the curated-marketplace ingestion contract (`validate_plugin.py`) rejects URLs that are not https. A relative or http link is broken or insecure for every user who clicks it.",
  },
  {
    id: "manifest/brand-color",
    severity: "warning",
    description: "`interface.brandColor` is a `#RRGGBB` colour.",
    rationale: "Codex's runtime passes the value on unchecked, but the UI and the curated-marketplace ingestion expect `#RRGGBB`; any other form is ignored or rejected there.",
    hosts: ["codex"],
  },
  {
    id: "manifest/default-prompt",
    severity: "error",
    description: "`interface.defaultPrompt` is a string or an array of at most 3 strings, each non-empty and at most 128 characters once whitespace is collapsed.",
    rationale:
      "Codex collapses whitespace in each starter prompt, skips entries that are not strings, drops (does not truncate) empty prompts and prompts over 128 characters, and stops after the first 3 valid ones. A value that is neither a string nor an array is ignored entirely. Skipped prompts never reach users.",
    hosts: ["codex"],
  },
  {
    id: "manifest/asset",
    severity: "error",
    description: "`interface.composerIcon`, `logo`, `logoDark` and `screenshots` name PNG, JPEG, GIF, WebP or SVG files whose bytes match their extension.",
    rationale:
      "Codex drops invalid asset paths with only a log line (their path problems are reported as `path/*`). A file whose bytes are not the image its extension promises (a renamed JPEG, an HTML error page saved as `.png`) cannot be displayed either.",
    hosts: ["codex"],
  },
  {
    id: "manifest/todo",
    severity: "warning",
    description: "No `[TODO` placeholders are left in the manifest.",
    rationale:
      "Codex's plugin-creator writes `[TODO: ...]` into every field it scaffolds. Hosts show them as they are, and the curated-marketplace ingestion rejects any manifest that still holds one.",
  },
  {
    id: "manifest/claude-fields",
    severity: "warning",
    description: "A Codex manifest has no Claude Code-only component fields (`commands`, `outputStyles`, `lspServers`, `userConfig`, `channels`).",
    rationale:
      "Codex ignores these fields: the slash commands, output styles, LSP servers, options and channels they declare do not exist in Codex. Codex's own manifest diagnostics list them as unsupported capability fields.",
    hosts: ["codex"],
  },
];

// ---------------------------------------------------------------------------------------------
// manifest/missing and manifest/location

/** Component folders and files that hosts read only at the plugin root. */
const COMPONENT_FOLDERS = ["skills", "hooks", "commands", "agents", "output-styles"] as const;
const COMPONENT_FILES = [".mcp.json", ".app.json", ".lsp.json"] as const;
const HOST_FOLDERS = [".codex-plugin", ".claude-plugin"] as const;
/** A root plugin.json is read (by later Codex) only in the Agent Plugins format. */
const AGENT_PLUGINS_SCHEMA_PREFIX = "https://agent-plugins.org/schemas/";

function relativePath(plugin: PluginModel, path: string): string {
  return toPosixRelative(plugin.root, path);
}

function checkMissing(plugin: PluginModel, context: RuleContext): void {
  if (plugin.manifest || !plugin.host.manifestRequired) return;
  // An unreadable manifest (a folder, a dangling link...) is reported by the file rules.
  if (plugin.fileProblems.some((problem) => problem.path === plugin.manifestPath)) return;
  const expected = relativePath(plugin, plugin.manifestPath);
  const others = plugin.otherManifests.map((path) => relativePath(plugin, path));
  const advice =
    others.length > 0
      ? `found ${others.join(" and ")}, which ${plugin.host.displayName} 0.117 does not read: copy it to ${expected}`
      : `create it with at least "name", "version" and "description"`;
  context.report({
    ruleId: "manifest/missing",
    message: `${expected} is missing, so ${plugin.host.displayName} cannot install the plugin; ${advice}`,
    file: plugin.manifestPath,
  });
}

function checkLocation(plugin: PluginModel, context: RuleContext): void {
  const fileAt = (relative: string) => plugin.files.files.find((file) => file.relative === relative)?.absolute;
  const firstFileUnder = (folder: string) => plugin.files.files.find((file) => file.relative.startsWith(`${folder}/`))?.absolute;
  const folders = new Set(plugin.files.directories);

  for (const hostFolder of HOST_FOLDERS) {
    for (const name of COMPONENT_FILES) {
      const misplaced = fileAt(`${hostFolder}/${name}`);
      if (misplaced) reportMisplaced(context, misplaced, `${hostFolder}/${name}`, name);
    }
    for (const name of COMPONENT_FOLDERS) {
      const folder = `${hostFolder}/${name}`;
      if (!folders.has(folder)) continue;
      // A folder has no line 1: report on the manifest beside it, else on the first file inside it.
      const anchor = fileAt(`${hostFolder}/plugin.json`) ?? firstFileUnder(folder);
      if (anchor) reportMisplaced(context, anchor, `${folder}/`, `${name}/`);
    }
  }
  const rootManifest = fileAt("plugin.json");
  if (rootManifest && !isAgentPluginsManifest(plugin, rootManifest)) {
    context.report({
      ruleId: "manifest/location",
      message: `plugin.json at the plugin root is not read by Codex or Claude Code; move it to ${plugin.host.manifestPaths[0]!} (only an Agent Plugins manifest with its "$schema" belongs here)`,
      file: rootManifest,
    });
  }
}

function reportMisplaced(context: RuleContext, file: string, misplaced: string, atRoot: string): void {
  context.report({
    ruleId: "manifest/location",
    message: `${misplaced} is inside ${misplaced.split("/")[0]}/, where hosts read only the manifest, so it is never loaded; move it to the plugin root (${atRoot})`,
    file,
  });
}

function isAgentPluginsManifest(plugin: PluginModel, path: string): boolean {
  const read = plugin.readText(path);
  if (!read.ok) return false;
  const value = parseJson(read.text).value;
  return isRecord(value) && typeof value.$schema === "string" && value.$schema.startsWith(AGENT_PLUGINS_SCHEMA_PREFIX);
}

// ---------------------------------------------------------------------------------------------
// manifest/schema, manifest/unknown-field (and the schema's own x-rules: name, brand-color, default-prompt)

/** Fields Codex parses with serde (0.117, plus `version` and `keywords` later): a wrong type drops the whole plugin. */
const CODEX_PARSED_FIELDS = new Set(["name", "description", "version", "keywords", "skills", "mcpServers", "apps", "interface"]);

/** Claude Code component fields Codex does not read, with what the user loses. Reported by manifest/claude-fields only. */
const CLAUDE_ONLY_FIELDS: Readonly<Record<string, string>> = {
  commands: "Codex ignores it, so these slash commands are not loaded; turn them into skills (skills/<name>/SKILL.md)",
  outputStyles: "Codex ignores it and has no output styles",
  lspServers: "Codex ignores it and starts no LSP servers from plugins",
  userConfig: "Codex ignores it and never asks users for these options; read settings from environment variables instead",
  channels: "Codex ignores it and has no channels",
};

function pickFields(value: Record<string, unknown>, keep: (key: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keep(key)));
}

/** Reports through `context` with every finding lowered to a warning. */
function asWarnings(context: RuleContext): RuleContext {
  return { ...context, report: (report) => context.report({ ...report, severity: "warning" }) };
}

function checkShape(plugin: PluginModel, manifest: { path: string; doc: JsonDocument }, context: RuleContext): void {
  const value = manifest.doc.value;
  if (plugin.host.id !== "codex") {
    reportSchema(context, manifest, plugin.host.manifestSchema, { consequence: `${plugin.host.displayName} cannot load the plugin` });
    return;
  }
  const fatal = "Codex cannot parse the manifest and drops the whole plugin";
  if (!isRecord(value)) {
    reportSchema(context, manifest, "codexPlugin", { consequence: fatal });
    return;
  }
  // Validated in two halves: a wrong type is fatal only in a field Codex parses. Claude-only fields have their own rule.
  const parsed = pickFields(value, (key) => CODEX_PARSED_FIELDS.has(key));
  const ignored = pickFields(value, (key) => !CODEX_PARSED_FIELDS.has(key) && !Object.hasOwn(CLAUDE_ONLY_FIELDS, key));
  reportSchema(context, manifest, "codexPlugin", { value: parsed, consequence: fatal });
  reportSchema(asWarnings(context), manifest, "codexPlugin", { value: ignored, consequence: "Codex ignores this field, but marketplaces and other tools expect this shape" });
}

// ---------------------------------------------------------------------------------------------
// manifest/name, manifest/name-folder

const CODEX_NAME = /^[A-Za-z0-9_-]+$/;
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const NAME_MAX_LENGTH = 64;

function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, NAME_MAX_LENGTH)
    .replace(/^-+|-+$/g, "");
}

function checkName(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const name = manifest.value.name;
  if (typeof name !== "string" || name === "") return;
  // Names Codex cannot install are already errors from the schema pattern.
  if (plugin.host.id === "codex" && !CODEX_NAME.test(name)) return;
  const problems: string[] = [];
  if (!KEBAB_CASE.test(name)) problems.push("is not lowercase kebab-case (a-z, 0-9 and single '-')");
  const length = [...name].length;
  if (length > NAME_MAX_LENGTH) problems.push(`is ${length} characters, over ${NAME_MAX_LENGTH}`);
  if (problems.length === 0) return;
  const suggestion = kebabCase(name);
  context.report({
    ruleId: "manifest/name",
    severity: "warning",
    message: `"name" ${JSON.stringify(name)} ${problems.join(" and ")}; Codex's plugin-creator and Claude Code expect names like ${JSON.stringify(suggestion || "my-plugin")}`,
    file: manifest.path,
    at: { doc: manifest.doc, path: ["name"] },
  });
}

function checkNameMatchesFolder(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const name = manifest.value.name;
  if (typeof name !== "string" || name.trim() === "") return;
  const folder = basename(plugin.root);
  if (name === folder) return;
  context.report({
    ruleId: "manifest/name-folder",
    message: `"name" ${JSON.stringify(name)} differs from the plugin folder "${folder}"; rename one of them so they match`,
    file: manifest.path,
    at: { doc: manifest.doc, path: ["name"] },
  });
}

// ---------------------------------------------------------------------------------------------
// manifest/version

const VERSION_CHARACTERS = /[A-Za-z0-9._+-]/;

function checkVersion(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const raw = manifest.value.version;
  if (typeof raw !== "string") return;
  const at = { doc: manifest.doc, path: ["version"] };
  const report = (message: string, severity: "error" | "warning") => context.report({ ruleId: "manifest/version", severity, message, file: manifest.path, at });
  // Codex trims the version, and treats a blank one as absent.
  const version = raw.trim();
  if (version === "") {
    report(`"version" is empty, so hosts treat it as missing; set a SemVer version such as "1.0.0" or remove the field`, "warning");
    return;
  }
  // Codex refuses these at install; for Claude Code, which also names its cache folder after the version, they only risk breaking it.
  const codex = plugin.host.id === "codex";
  const severity = codex ? "error" : "warning";
  const consequence = codex ? "Codex refuses to install it" : "hosts name the install folder after the version";
  const bad = [...new Set([...version].filter((ch) => !VERSION_CHARACTERS.test(ch)))];
  if (bad.length > 0) {
    const listed = bad.map((ch) => JSON.stringify(ch)).join(", ");
    report(`"version" ${JSON.stringify(raw)} contains ${listed}; ${consequence}: use only letters, digits, '.', '+', '_' and '-' (SemVer such as "1.0.0")`, severity);
    return;
  }
  if (version === "." || version === "..") {
    report(`"version" ${JSON.stringify(raw)} is not a version; ${consequence}: use SemVer such as "1.0.0"`, severity);
    return;
  }
  if (isStrictSemver(raw)) return;
  const coerced = coerce(version)?.version;
  const fix = /^v/i.test(version) && valid(version.slice(1)) ? `drop the leading "v": "${version.slice(1)}"` : `use MAJOR.MINOR.PATCH${coerced ? `, e.g. "${coerced}"` : ""}`;
  report(`"version" ${JSON.stringify(raw)} is not strict SemVer, which hosts use to detect updates; ${fix}`, "warning");
}

function isStrictSemver(version: string): boolean {
  // semver.valid() accepts a leading "v" and surrounding spaces; strict SemVer does not.
  return valid(version) !== null && version === version.trim() && !/^v/i.test(version);
}

// ---------------------------------------------------------------------------------------------
// manifest/url

const URL_FIELDS: readonly (readonly string[])[] = [
  ["homepage"],
  ["author", "url"],
  ["interface", "websiteURL"],
  ["interface", "websiteUrl"],
  ["interface", "privacyPolicyURL"],
  ["interface", "privacyPolicyUrl"],
  ["interface", "termsOfServiceURL"],
  ["interface", "termsOfServiceUrl"],
];

function urlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not an absolute URL";
  }
  return url.protocol === "https:" ? undefined : `uses ${url.protocol} instead of https:`;
}

function checkUrls(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const codex = plugin.host.id === "codex";
  const why = codex ? " (the curated-marketplace ingestion rejects others)" : "";
  for (const path of URL_FIELDS) {
    // `interface` is Codex's; in a Claude Code manifest it is an unknown field, reported as such.
    if (!codex && path[0] === "interface") continue;
    const raw = valueAt(manifest.value, path);
    if (typeof raw !== "string") continue;
    const problem = urlProblem(raw);
    if (!problem) continue;
    context.report({
      ruleId: "manifest/url",
      message: `${describePath(path)} ${JSON.stringify(raw)} ${problem}; write a full https:// URL${why}`,
      file: manifest.path,
      at: { doc: manifest.doc, path },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// manifest/default-prompt

/** Why Codex skips one starter prompt (`resolve_default_prompt_str`), or undefined when it keeps it. */
function promptProblem(entry: unknown, maxLength: number): string | undefined {
  if (typeof entry !== "string") return `is ${typeName(entry)}; Codex skips entries that are not strings`;
  // Codex collapses whitespace before it measures a prompt.
  const collapsed = entry.split(/\s+/).filter(Boolean).join(" ");
  const length = [...collapsed].length;
  if (length === 0) return "is empty; Codex drops empty prompts: write a prompt or remove it";
  if (length > maxLength) return `is ${length} characters; Codex drops prompts over ${maxLength} characters: shorten it`;
  return undefined;
}

/** Mirrors Codex's `resolve_default_prompts`: entries are taken in order until 3 valid prompts are kept. */
function checkDefaultPrompts(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const { defaultPromptMaxCount: maxCount, defaultPromptMaxLength: maxLength } = plugin.host;
  const base = ["interface", "defaultPrompt"];
  const value = valueAt(manifest.value, base);
  // Other shapes are reported by the schema.
  const entries: { entry: unknown; path: PointerSegment[] }[] =
    typeof value === "string" ? [{ entry: value, path: base }] : Array.isArray(value) ? value.map((entry, index) => ({ entry, path: [...base, index] })) : [];
  let kept = 0;
  for (const { entry, path } of entries) {
    const where = describePath(path);
    const problem = kept >= maxCount ? `comes after ${maxCount} valid prompts; Codex keeps only the first ${maxCount}, so remove it or replace an earlier one` : promptProblem(entry, maxLength);
    if (problem) context.report({ ruleId: "manifest/default-prompt", message: `${where} ${problem}`, file: manifest.path, at: { doc: manifest.doc, path } });
    else kept++;
  }
}

// ---------------------------------------------------------------------------------------------
// manifest/asset

interface ImageKind {
  name: string;
  /** How many leading bytes identify it. */
  headBytes: number;
  matches(head: Buffer): boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString("latin1");

const jpeg: ImageKind = { name: "JPEG", headBytes: 3, matches: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff };
const IMAGE_KINDS: Readonly<Record<string, ImageKind>> = {
  ".png": { name: "PNG", headBytes: 8, matches: (head) => head.subarray(0, 8).equals(PNG_SIGNATURE) },
  ".jpg": jpeg,
  ".jpeg": jpeg,
  ".gif": { name: "GIF", headBytes: 6, matches: (head) => ["GIF87a", "GIF89a"].includes(ascii(head, 0, 6)) },
  ".webp": { name: "WebP", headBytes: 12, matches: (head) => ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP" },
  // SVG is text: look for the root element in the first 4 KiB.
  ".svg": { name: "SVG", headBytes: 4096, matches: (head) => head.toString("utf8").toLowerCase().includes("<svg") },
};

const ASSET_FIELDS = ["composerIcon", "logo", "logoDark"] as const;

/** The first `count` bytes of a regular file, or undefined when it cannot be read. */
function readHead(path: string, count: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO cannot hang the read; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(count);
    const read = readSync(fd, buffer, 0, count, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function imageProblem(path: string): string | undefined {
  const extension = extname(path).toLowerCase();
  const kind = IMAGE_KINDS[extension];
  if (!kind) return `is not a PNG, JPEG, GIF, WebP or SVG file, so Codex cannot display it: use one of those formats`;
  const head = readHead(path, kind.headBytes);
  if (!head) return "cannot be read";
  if (!kind.matches(head)) return `is not a ${kind.name} image (its bytes do not match the ${extension} extension), so Codex cannot display it: re-export it or fix the extension`;
  return undefined;
}

function assetPaths(manifest: Manifest): StringAt[] {
  const ui = manifest.value.interface;
  if (!isRecord(ui)) return [];
  const found: StringAt[] = [];
  for (const field of ASSET_FIELDS) {
    const text = ui[field];
    if (typeof text === "string") found.push({ text, path: ["interface", field] });
  }
  if (Array.isArray(ui.screenshots)) {
    ui.screenshots.forEach((text, index) => {
      if (typeof text === "string") found.push({ text, path: ["interface", "screenshots", index] });
    });
  }
  return found;
}

function checkAssets(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  // Assets are part of Codex's `interface`; Claude Code has none (the field is unknown there).
  if (plugin.host.id !== "codex") return;
  for (const asset of assetPaths(manifest)) {
    const options = { root: plugin.root, expect: "file" as const, what: fieldName(asset.path), consequence: "Codex drops invalid asset paths" };
    const resolution = checkPath(context, manifest, asset.path, asset.text, options);
    if (!resolution.ok) continue;
    // The written name decides the type the app expects; reading through it follows any link.
    const problem = imageProblem(resolution.absolute);
    if (!problem) continue;
    context.report({
      ruleId: "manifest/asset",
      message: `${describePath(asset.path)} ${JSON.stringify(asset.text)} ${problem}`,
      file: manifest.path,
      at: { doc: manifest.doc, path: asset.path },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Component paths (reported as path/*)

interface ComponentField {
  field: string;
  expect: ResolveOptions["expect"];
}

const CODEX_COMPONENTS: readonly ComponentField[] = [
  { field: "skills", expect: "directory" },
  { field: "mcpServers", expect: "file" },
  { field: "apps", expect: "file" },
  { field: "hooks", expect: "file" },
  { field: "agents", expect: "any" },
];

const CLAUDE_COMPONENTS: readonly ComponentField[] = [
  { field: "skills", expect: "directory" },
  { field: "mcpServers", expect: "file" },
  { field: "hooks", expect: "file" },
  { field: "agents", expect: "any" },
  { field: "commands", expect: "any" },
  { field: "outputStyles", expect: "any" },
  { field: "lspServers", expect: "file" },
];

/** The path strings of a component field: a string or the strings of an array (inline objects are not paths). */
function componentPaths(value: unknown, field: string): StringAt[] {
  if (typeof value === "string") return [{ text: value, path: [field] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((text, index) => (typeof text === "string" ? [{ text, path: [field, index] }] : []));
}

function checkComponentPaths(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const claude = plugin.host.id === "claude-code";
  const consequence = `${plugin.host.displayName} ignores this path, so the component is not loaded`;
  for (const { field, expect } of claude ? CLAUDE_COMPONENTS : CODEX_COMPONENTS) {
    for (const entry of componentPaths(manifest.value[field], field)) {
      // Claude Code also takes MCP servers from a URL, which is not a path.
      if (claude && field === "mcpServers" && /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.text)) continue;
      // Claude Code (2.1.221+) accepts `skills: "."`, the plugin root itself.
      const rootSkills = claude && field === "skills";
      const options = { root: plugin.root, expect, what: fieldName(entry.path), consequence, allowRoot: rootSkills, requireDotSlash: !(rootSkills && entry.text === ".") };
      checkPath(context, manifest, entry.path, entry.text, options);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// manifest/todo, manifest/claude-fields

/** Every string value in document order. Iterative, so a pathologically deep manifest cannot overflow the stack. */
function stringsIn(root: unknown): StringAt[] {
  const found: StringAt[] = [];
  const stack: { value: unknown; path: PointerSegment[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === "string") found.push({ text: value, path });
    const children: [PointerSegment, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : isRecord(value) ? Object.entries(value) : [];
    // Reversed onto the stack, so children come off it in order.
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i]![1], path: [...path, children[i]![0]] });
  }
  return found;
}

function checkTodos(manifest: Manifest, context: RuleContext): void {
  for (const found of stringsIn(manifest.value)) {
    if (!/\[TODO/i.test(found.text)) continue;
    context.report({
      ruleId: "manifest/todo",
      message: `${describePath(found.path)} still holds a "[TODO" placeholder; replace it before publishing`,
      file: manifest.path,
      at: { doc: manifest.doc, path: found.path },
    });
  }
}

function checkClaudeFields(manifest: Manifest, context: RuleContext): void {
  for (const [field, consequence] of Object.entries(CLAUDE_ONLY_FIELDS)) {
    if (!Object.hasOwn(manifest.value, field)) continue;
    context.report({
      ruleId: "manifest/claude-fields",
      message: `"${field}" is a Claude Code field: ${consequence}`,
      file: manifest.path,
      at: { doc: manifest.doc, path: [field], part: "key" },
    });
  }
}

// ---------------------------------------------------------------------------------------------

export const manifestRules: RuleFamily = {
  rules,
  plugin(plugin, context) {
    checkMissing(plugin, context);
    checkLocation(plugin, context);
    // Broken JSON is reported by the syntax rules; there is nothing to check here.
    if (!hasValue(plugin.manifest)) return;
    checkShape(plugin, plugin.manifest, context);
    const value = plugin.manifest.doc.value;
    if (!isRecord(value)) return;
    const manifest: Manifest = { path: plugin.manifest.path, doc: plugin.manifest.doc, value };
    checkName(plugin, manifest, context);
    checkNameMatchesFolder(plugin, manifest, context);
    checkVersion(plugin, manifest, context);
    checkUrls(plugin, manifest, context);
    checkDefaultPrompts(plugin, manifest, context);
    checkAssets(plugin, manifest, context);
    checkComponentPaths(plugin, manifest, context);
    checkTodos(manifest, context);
    if (plugin.host.id === "codex") checkClaudeFields(manifest, context);
  },
};
