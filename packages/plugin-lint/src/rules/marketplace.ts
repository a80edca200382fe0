import { existsSync } from "node:fs";
import { basename, join, posix } from "node:path";
import {
  isRecord,
  localSourcePath,
  type JsonDocument,
  type MarketplaceModel,
  type PluginModel,
  type PointerSegment,
} from "@agent-plugin/core";
import type { Report, RuleContext, RuleFamily } from "../rule.js";
import { checkPath, reportSchema } from "./shared.js";

/** A marketplace.json whose value parsed. */
interface MarketplaceFile {
  path: string;
  doc: JsonDocument;
}

/** One `plugins[]` item, with the plugin its local source loaded (when it did). */
interface Entry {
  index: number;
  raw: unknown;
  name?: string;
  plugin?: PluginModel;
}

/** Names Claude Code keeps for Anthropic's own marketplaces and refuses for any other. */
const CLAUDE_RESERVED_NAMES = new Set([
  "claude-code-marketplace",
  "claude-code-plugins",
  "claude-plugins-official",
  "anthropic-marketplace",
  "anthropic-plugins",
  "agent-skills",
  "knowledge-work-plugins",
  "life-sciences",
]);

/** Places people put a marketplace file that no host reads. */
const STRAY_MARKETPLACE_PATHS = ["marketplace.json", ".agents/marketplace.json", ".codex-plugin/marketplace.json"];
const CODEX_MARKETPLACE_PATH = ".agents/plugins/marketplace.json";
const CLAUDE_MARKETPLACE_PATH = ".claude-plugin/marketplace.json";

const SHA_PATTERN = /^[0-9a-f]{40}$/;
const SCHEMA_CONSEQUENCE = "Codex 0.117 then fails to load the whole marketplace";

const entryPointer = (index: number, ...rest: PointerSegment[]): PointerSegment[] => ["plugins", index, ...rest];
const pointerKey = (path: readonly PointerSegment[]): string => path.map(String).join("/");

export const marketplaceRules: RuleFamily = {
  rules: [
    {
      id: "marketplace/schema",
      severity: "error",
      description:
        "marketplace.json has the shape Codex parses: `name`, `plugins[]` with `name` and `source`, and known policy values.",
      rationale:
        "Codex 0.117 parses the whole file with serde: a missing field, a wrong JSON type or an unknown policy value in any one entry makes `load_marketplace` fail, and the whole marketplace is skipped.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/unknown-field",
      severity: "warning",
      description: "marketplace.json has no fields Codex does not know.",
      rationale:
        "Codex ignores unknown fields without a word, so a misspelt `policy` or `category` silently has no effect.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/name",
      severity: "error",
      description:
        "The marketplace name uses only ASCII letters, digits, `_` and `-`, and is not a name Claude Code reserves.",
      rationale:
        "The name is the `@marketplace` half of every plugin key, and Codex's `validate_plugin_segment` rejects any other character, so nothing in the marketplace can be installed. Claude Code refuses its reserved names (`claude-plugins-official`, `anthropic-plugins`...): a warning for Codex, an error for Claude Code.",
    },
    {
      id: "marketplace/duplicate-name",
      severity: "error",
      description: "No two marketplace entries have the same name.",
      rationale:
        "A plugin is installed by `<name>@<marketplace>`, so only one of two same-named entries can ever be reached; Claude Code's validator rejects the file (`Duplicate plugin name`).",
    },
    {
      id: "marketplace/source",
      severity: "error",
      description:
        "Each entry's `source` is a form the host can use: for Codex a local `./` folder inside the marketplace root, never Claude's `github` or `npm` objects; `sha` is a full commit hash.",
      rationale:
        'Codex 0.117 reads only `{"source": "local", "path": "./..."}` and fails the whole marketplace on anything else; later versions skip the entry (`skipping marketplace plugin with unsupported source`). Local paths must start with `./`, must not be `./` itself and must not contain `..`.',
    },
    {
      id: "marketplace/plugin-missing",
      severity: "error",
      description:
        "Each local source folder holds a plugin manifest the host reads (`.codex-plugin/plugin.json` for Codex).",
      rationale:
        "Codex installs a marketplace plugin from its `.codex-plugin/plugin.json`; without it the install fails (`missing plugin manifest`). Codex 0.12x+ also accepts `.claude-plugin/plugin.json`, so that case is a warning.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/name-mismatch",
      severity: "error",
      description: "Each entry's name equals the name in its plugin's manifest.",
      rationale:
        "Codex checks at install time and refuses: `plugin manifest name `x` does not match marketplace plugin name `y``.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/products",
      severity: "warning",
      description: "`policy.products` is not an empty list.",
      rationale:
        "Codex allows an install only on a product the list names; an empty list names none, so the plugin is listed but never installable. Leave `products` out to allow every product.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/policy",
      severity: "warning",
      description: "Each entry sets `policy.installation`, `policy.authentication` and `category`.",
      rationale:
        "Codex falls back to AVAILABLE and ON_INSTALL and to the plugin's own category, but its plugin-creator always writes all three, so a missing one is usually an oversight that changes when users are asked to sign in or where the plugin is listed.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/duplicate-server",
      severity: "error",
      description: "No two plugins of a marketplace define an MCP server with the same name.",
      rationale:
        "Codex keeps the first server of a name and drops the others (`skipping duplicate plugin MCP server name`), so the second plugin loses its server.",
      hosts: ["codex"],
    },
    {
      id: "marketplace/location",
      severity: "error",
      description:
        "marketplace.json sits where the host reads it: `.agents/plugins/marketplace.json` for Codex, `.claude-plugin/marketplace.json` for Claude Code.",
      rationale:
        "Codex 0.117 reads a marketplace only from `<root>/.agents/plugins/marketplace.json`; a file anywhere else is never seen. Codex 0.12x+ also reads `.claude-plugin/marketplace.json`, so that one alone is a warning.",
    },
  ],

  marketplace(marketplace, context) {
    checkLocation(marketplace.root, context, existsSync(join(marketplace.root, marketplace.host.marketplacePaths[0]!)));
    const file = marketplace.file;
    if (!file || file.doc.value === undefined) return;
    const entries = readEntries(marketplace);
    const preciseSources = checkSources(context, marketplace, file, entries);
    if (context.host.id === "codex") {
      reportSchema(withoutGenericSource(context, preciseSources), file, "marketplace", {
        consequence: SCHEMA_CONSEQUENCE,
      });
    }
    checkMarketplaceName(context, file);
    checkDuplicateNames(context, file, entries);
    for (const entry of entries) {
      checkPluginManifest(context, file, entry);
      checkPolicy(context, file, entry);
    }
    checkDuplicateServers(context, entries);
  },

  // A folder with no plugin manifest but a misplaced marketplace file is a marketplace the host never found.
  plugin(plugin, context) {
    if (!plugin.manifest && !existsSync(plugin.manifestPath)) checkLocation(plugin.root, context, false);
  },
};

function readEntries(marketplace: MarketplaceModel): Entry[] {
  const value = marketplace.file?.doc.value;
  const plugins = isRecord(value) && Array.isArray(value.plugins) ? value.plugins : [];
  return plugins.map((raw, index) => {
    const loaded = marketplace.entries.find((e) => e.index === index);
    const entry: Entry = { index, raw };
    if (isRecord(raw) && typeof raw.name === "string") entry.name = raw.name;
    if (loaded?.plugin) entry.plugin = loaded.plugin;
    return entry;
  });
}

/** Reports marketplace files beside `root` that the host never reads. */
function checkLocation(root: string, context: RuleContext, hasHostMarketplace: boolean): void {
  const expected = context.host.marketplacePaths[0]!;
  for (const stray of STRAY_MARKETPLACE_PATHS) {
    const path = join(root, stray);
    if (!existsSync(path)) continue;
    context.report({
      ruleId: "marketplace/location",
      message: `${context.host.displayName} never reads ${stray}: move it to ${expected}`,
      file: path,
    });
  }
  const claudeFile = join(root, CLAUDE_MARKETPLACE_PATH);
  if (context.host.id === "codex" && !hasHostMarketplace && existsSync(claudeFile)) {
    context.report({
      ruleId: "marketplace/location",
      severity: "warning",
      message: `Codex 0.117 reads only ${CODEX_MARKETPLACE_PATH} (${CLAUDE_MARKETPLACE_PATH} needs Codex 0.12x+): add ${CODEX_MARKETPLACE_PATH} with local sources`,
      file: claudeFile,
    });
  }
}

/**
 * Source forms the host cannot use, reported precisely. Returns the pointers of the sources reported,
 * so the schema's generic "source must be..." finding is not repeated there.
 */
function checkSources(
  context: RuleContext,
  marketplace: MarketplaceModel,
  file: MarketplaceFile,
  entries: readonly Entry[],
): Set<string> {
  const precise = new Set<string>();
  const codex = context.host.id === "codex";
  for (const entry of entries) {
    const source = isRecord(entry.raw) ? entry.raw.source : undefined;
    const pointer = entryPointer(entry.index, "source");
    if (isRecord(source)) {
      const form = source.source;
      if (codex && (form === "github" || form === "npm")) {
        context.report({
          ruleId: "marketplace/source",
          message: `Claude's ${form} source is not supported by Codex; use {"source": "local", "path": "./plugins/${entry.name ?? "<name>"}"}`,
          file: file.path,
          at: { doc: file.doc, path: [...pointer, "source"] },
        });
        precise.add(pointerKey(pointer));
      }
      if ("sha" in source && !(typeof source.sha === "string" && SHA_PATTERN.test(source.sha))) {
        context.report({
          ruleId: "marketplace/source",
          message: `"sha" must be a full 40-character lowercase commit hash, found ${JSON.stringify(source.sha)}: write the whole hash, or use "ref" for a branch or tag`,
          file: file.path,
          at: { doc: file.doc, path: [...pointer, "sha"] },
        });
        precise.add(pointerKey(pointer));
      }
    }
    checkLocalPath(context, marketplace, file, entry, source);
  }
  return precise;
}

function checkLocalPath(
  context: RuleContext,
  marketplace: MarketplaceModel,
  file: MarketplaceFile,
  entry: Entry,
  source: unknown,
): void {
  const raw = localSourcePath(source);
  if (raw === undefined) return;
  const isString = typeof source === "string";
  const pointer = isString ? entryPointer(entry.index, "source") : entryPointer(entry.index, "source", "path");
  const claude = context.host.id === "claude-code";
  checkPath(context, file, pointer, claude ? withClaudePluginRoot(file, raw) : raw, {
    root: marketplace.root,
    expect: "directory",
    // Claude Code accepts a plugin at the marketplace root ("./"); Codex rejects an empty path.
    allowRoot: claude,
    rootName: "marketplace root",
    what: `plugins[${entry.index}].source${isString ? "" : ".path"}`,
  });
}

/** Claude Code resolves a bare source name against `metadata.pluginRoot`. */
function withClaudePluginRoot(file: MarketplaceFile, raw: string): string {
  const value = file.doc.value;
  const pluginRoot = isRecord(value) && isRecord(value.metadata) ? value.metadata.pluginRoot : undefined;
  // Only a bare name ("formatter") is taken from pluginRoot; "./x", "../x" and absolute paths are judged as written.
  if (typeof pluginRoot !== "string" || /^[./\\~]|^[A-Za-z]:/.test(raw) || raw.split(/[\\/]/).includes(".."))
    return raw;
  return `./${posix.normalize(posix.join(pluginRoot, raw))}`;
}

/** Drops the schema's generic source finding where a more precise one was already reported. */
function withoutGenericSource(context: RuleContext, precise: ReadonlySet<string>): RuleContext {
  return {
    host: context.host,
    report(report: Report) {
      const at = report.at;
      if (report.ruleId === "marketplace/source" && at && "path" in at && precise.has(pointerKey(at.path))) return;
      context.report(report);
    },
  };
}

function checkMarketplaceName(context: RuleContext, file: MarketplaceFile): void {
  const value = file.doc.value;
  const name = isRecord(value) ? value.name : undefined;
  if (typeof name !== "string" || !CLAUDE_RESERVED_NAMES.has(name.toLowerCase())) return;
  const claude = context.host.id === "claude-code";
  context.report({
    ruleId: "marketplace/name",
    severity: claude ? "error" : "warning",
    message: `"${name}" is a marketplace name Claude Code reserves for Anthropic${claude ? ", so it refuses this marketplace" : ""}: pick another name`,
    file: file.path,
    at: { doc: file.doc, path: ["name"] },
  });
}

function checkDuplicateNames(context: RuleContext, file: MarketplaceFile, entries: readonly Entry[]): void {
  const firstIndex = new Map<string, number>();
  for (const entry of entries) {
    if (entry.name === undefined) continue;
    const first = firstIndex.get(entry.name);
    if (first === undefined) {
      firstIndex.set(entry.name, entry.index);
      continue;
    }
    context.report({
      ruleId: "marketplace/duplicate-name",
      message: `plugin name "${entry.name}" is already used by plugins[${first}]: only one of them can be installed; rename or remove this entry`,
      file: file.path,
      at: { doc: file.doc, path: entryPointer(entry.index, "name") },
    });
  }
}

/** The local folder must hold a manifest the host reads, named like the entry. */
function checkPluginManifest(context: RuleContext, file: MarketplaceFile, entry: Entry): void {
  const plugin = entry.plugin;
  if (!plugin) return;
  if (!plugin.manifest) {
    // A manifest that exists but cannot be read is reported by the file rules.
    if (!existsSync(plugin.manifestPath)) reportMissingManifest(context, file, entry, plugin);
    return;
  }
  const manifest = plugin.manifest.doc.value;
  if (entry.name === undefined || !isRecord(manifest)) return;
  // Codex falls back to the folder name when the manifest has no name.
  const declared = typeof manifest.name === "string" ? manifest.name.trim() : "";
  const effective = declared || basename(plugin.root);
  if (effective === entry.name) return;
  const what = declared
    ? `plugin manifest name \`${declared}\``
    : `the manifest has no name, so its folder name \`${effective}\``;
  context.report({
    ruleId: "marketplace/name-mismatch",
    message: `${what} does not match marketplace plugin name \`${entry.name}\`: Codex refuses to install it; make the two names equal`,
    file: file.path,
    at: { doc: file.doc, path: entryPointer(entry.index, "name") },
  });
}

function reportMissingManifest(context: RuleContext, file: MarketplaceFile, entry: Entry, plugin: PluginModel): void {
  const expected = plugin.host.manifestPaths[0]!;
  const claudeManifest = plugin.otherManifests.some((p) => p.endsWith(join(".claude-plugin", "plugin.json")));
  const source = isRecord(entry.raw) ? entry.raw.source : undefined;
  const pointer =
    typeof source === "string" ? entryPointer(entry.index, "source") : entryPointer(entry.index, "source", "path");
  context.report({
    ruleId: "marketplace/plugin-missing",
    message: claudeManifest
      ? `the plugin folder has only .claude-plugin/plugin.json, which Codex reads from 0.12x on (0.117 needs ${expected}): add ${expected}`
      : `the plugin folder has no ${expected}, so ${plugin.host.displayName} cannot install it: add the manifest or fix the path`,
    file: file.path,
    at: { doc: file.doc, path: pointer },
    ...(claudeManifest ? { severity: "warning" as const } : {}),
  });
}

function checkPolicy(context: RuleContext, file: MarketplaceFile, entry: Entry): void {
  if (!isRecord(entry.raw)) return;
  const policy = isRecord(entry.raw.policy) ? entry.raw.policy : {};
  if (Array.isArray(policy.products) && policy.products.length === 0) {
    context.report({
      ruleId: "marketplace/products",
      message:
        'policy.products is empty, so Codex never allows the install: list the products (e.g. ["CODEX"]) or remove the field',
      file: file.path,
      at: { doc: file.doc, path: entryPointer(entry.index, "policy", "products") },
    });
  }
  const missing = [
    policy.installation === undefined ? "policy.installation" : undefined,
    policy.authentication === undefined ? "policy.authentication" : undefined,
    entry.raw.category === undefined ? "category" : undefined,
  ].filter((field): field is string => field !== undefined);
  if (missing.length === 0) return;
  context.report({
    ruleId: "marketplace/policy",
    message: `plugins[${entry.index}]${entry.name ? ` ("${entry.name}")` : ""} has no ${joinList(missing)}: set ${missing.length === 1 ? "it" : "them"} explicitly, as Codex's plugin-creator does`,
    file: file.path,
    at: { doc: file.doc, path: entryPointer(entry.index) },
  });
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

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

function checkDuplicateServers(context: RuleContext, entries: readonly Entry[]): void {
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
