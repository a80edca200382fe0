import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type BatchInventory,
  emptyInventory,
  type HostMessage,
  type PluginInventory,
  type Refusal,
  type RegisteredHook,
} from "../inventory.js";
import { insidePath, installedPluginRewrite, PathNormaliser } from "../normalise.js";
import { mapLimit, type ProcessResult, runProcess } from "../process.js";
import { type Sandbox, sandboxEnv } from "../sandbox.js";
import { emptyBatch, marketplacePlaceholders } from "./marketplaces.js";
import { nameFromHeader, type PluginDetails, parsePluginDetails } from "./claude-details.js";
import { AnswerReader, sortedStrings } from "./shape.js";
import type { DriverRequest, HostDriver, MarketplaceRequest } from "./types.js";

/** Claude Code processes are mostly start-up time; two at a time fit the machines this runs on. */
const PARALLEL = 2;

/**
 * Claude Code through its `claude plugin` CLI (2.1.332): `validate --json` for the static view of every plugin
 * folder, `marketplace add` for each marketplace, `install` per plugin, then `details` (text) and `list --json` for
 * what loaded. Nothing here starts a session, so no hook runs and no MCP server starts.
 */
export const claudeCodeCliDriver: HostDriver = {
  id: "claude-code-cli@1",
  host: "claude-code",
  understands: ">=2.1.332 <3.0.0",
  verified: ["2.1.332"],
  async inspect(request: DriverRequest): Promise<BatchInventory[]> {
    const reader = new AnswerReader(this, request.version);
    const { sandbox, bin, timeoutMs } = request;
    const env = claudeEnv(sandbox);
    const normaliser = new PathNormaliser(
      {
        ...request.placeholders,
        [sandbox.config]: "<claude-config>",
        ...marketplacePlaceholders(sandbox, request.marketplaces),
        [sandbox.home]: "<home>",
        [sandbox.work]: "<work>",
        [sandbox.outside]: "<outside>",
        [sandbox.root]: "<sandbox>",
      },
      [installedPluginRewrite("<claude-config>")],
    );
    const claude = (args: string[]) => runProcess({ command: bin, args, cwd: sandbox.work, env, timeoutMs });
    const inventories = request.marketplaces.map(() => emptyBatch("claude-code", request.version, this.id));

    /** A marketplace Claude Code added: its name, and the folder of each plugin it lists (a whole marketplace). */
    interface Added {
      wanted: MarketplaceRequest;
      inventory: BatchInventory;
      name: string;
      sources: Map<string, string>;
    }
    const live: Added[] = [];
    for (const [index, wanted] of request.marketplaces.entries()) {
      const inventory = inventories[index]!;
      // A marketplace of our own making needs no verdict; one given as it is does.
      if (wanted.plugins === undefined) {
        const check = await validate(claude, reader, wanted.dir);
        inventory.raw["validate marketplace"] = check.raw;
        for (const message of [...check.errors, ...check.warnings]) {
          inventory.marketplace.messages.push({
            ...message,
            ...(message.path === undefined ? {} : { path: normaliser.relative(message.path, wanted.dir) }),
            text: normaliser.text(message.text),
          });
        }
      }
      const added = await claude(["plugin", "marketplace", "add", "--json", wanted.dir]);
      inventory.raw["marketplace add"] = added;
      const addAnswer = lastJsonLine(added);
      if (addAnswer === undefined) throw reader.unknown("printed no JSON answer to `plugin marketplace add --json`");
      if (addAnswer.outcome !== "ok" || typeof addAnswer.marketplace !== "string") {
        inventory.marketplace.error = normaliser.text(String(addAnswer.message ?? addAnswer.outcome));
        inventory.plugins = (wanted.plugins ?? []).map((name) => ({
          ...emptyInventory(name),
          installError: `marketplace not added: ${inventory.marketplace.error}`,
        }));
        continue;
      }
      inventory.marketplace.added = true;
      inventory.marketplace.name = addAnswer.marketplace;
      live.push({ wanted, inventory, name: addAnswer.marketplace, sources: new Map() });
    }

    // The plugins Claude Code lists from each whole marketplace, and their folders; a batch names its own.
    const whole = live.filter(({ wanted }) => wanted.plugins === undefined);
    if (whole.length > 0) {
      const available = reader.record(await listPlugins(claude, reader, true), "plugin list --json --available");
      for (const item of reader.array(available.available, "plugin list --available")) {
        const entry = reader.record(item, "an available plugin");
        const added = whole.find((candidate) => candidate.name === entry.marketplaceName);
        if (added === undefined) continue;
        const name = reader.string(entry.name, "an available plugin name");
        added.sources.set(name, typeof entry.source === "string" ? resolve(added.wanted.dir, entry.source) : "");
        if (typeof entry.source !== "string" && request.remoteSources !== true) {
          const type = (entry.source as { source?: unknown } | null)?.source;
          added.inventory.marketplace.messages.push({
            source: "driver",
            level: "info",
            text: `${name}: ${String(type)} source not fetched`,
          });
        }
      }
      for (const added of whole) added.inventory.marketplace.plugins = sortedStrings(added.sources.keys());
    }

    /** One plugin to install: its inventory, its marketplace, and its folder ("" for a git or npm source). */
    interface Wanted {
      plugin: PluginInventory;
      added: Added;
      dir: string;
    }
    const wanted: Wanted[] = live.flatMap((added) => {
      // A string source is a folder inside the marketplace; an object one (git, npm, url) is fetched only when allowed.
      const names =
        added.wanted.plugins ??
        added.inventory.marketplace.plugins.filter(
          (name) => request.remoteSources === true || added.sources.get(name) !== "",
        );
      const plugins = names.map((name) => emptyInventory(name));
      added.inventory.plugins = plugins;
      return plugins.map((plugin) => ({
        plugin,
        added,
        dir: added.sources.get(plugin.name) ?? join(added.wanted.dir, "plugins", plugin.name),
      }));
    });
    const validatedHooks = new Map<PluginInventory, RegisteredHook[]>();
    const skillErrors = new Map<PluginInventory, Refusal[]>();
    const headers = new Map<PluginInventory, string>();
    await mapLimit(wanted, PARALLEL, async ({ plugin, dir }) => {
      // A plugin from a git or npm source has no folder here to validate.
      if (dir === "") return;
      const check = await validate(claude, reader, dir);
      plugin.raw.validate = check.raw;
      validatedHooks.set(plugin, check.hooks);
      const relative = (path: string | undefined) =>
        path === undefined ? undefined : (insidePath(path, dir) ?? normaliser.text(path));
      const clean = (message: HostMessage): HostMessage => ({
        ...message,
        ...(message.path === undefined ? {} : { path: relative(message.path)! }),
        text: normaliser.text(message.text),
      });
      plugin.validation = {
        passed: check.passed,
        errors: check.errors.map(clean),
        warnings: check.warnings.map(clean),
        provides: check.provides,
      };
      skillErrors.set(
        plugin,
        check.skillErrors.map((error) => ({ path: relative(error.path) ?? "", message: normaliser.text(error.text) })),
      );
    });

    for (const { plugin, added } of wanted) {
      const result = await claude(["plugin", "install", "--json", `${plugin.name}@${added.name}`]);
      plugin.raw.install = result;
      const answer = lastJsonLine(result);
      if (answer === undefined) throw reader.unknown("printed no JSON answer to `plugin install --json`");
      plugin.installed = answer.outcome === "ok";
      if (!plugin.installed) plugin.installError = normaliser.text(String(answer.message ?? answer.outcome));
    }

    await mapLimit(
      wanted.filter(({ plugin }) => plugin.installed),
      PARALLEL,
      async ({ plugin, added, dir }) => {
        const result = await claude(["plugin", "details", `${plugin.name}@${added.name}`]);
        plugin.raw.details = result;
        if (result.exitCode !== 0) {
          plugin.messages.push({ source: "details", level: "error", text: normaliser.text(errorLine(result)) });
          return;
        }
        const details = parsePluginDetails(result.stdout);
        if (details === undefined) throw reader.unknown("printed `plugin details` without a component inventory");
        headers.set(plugin, details.header);
        applyDetails(plugin, details, validatedHooks.get(plugin) ?? [], dir);
      },
    );

    if (live.length > 0) {
      const installed = await listPlugins(claude, reader, false);
      for (const item of reader.array(installed, "plugin list --json")) {
        const entry = reader.record(item, "an installed plugin");
        const found = wanted.find(({ plugin, added }) => entry.id === `${plugin.name}@${added.name}`);
        if (found === undefined) continue;
        found.plugin.raw.list = entry;
        if (typeof entry.version === "string") found.plugin.manifest.version = entry.version;
      }
    }
    for (const { plugin } of wanted) {
      const header = headers.get(plugin);
      if (header !== undefined)
        plugin.manifest = { name: nameFromHeader(header, plugin.manifest.version), ...withoutName(plugin.manifest) };
      plugin.refusedSkills = refusedSkills(plugin, skillErrors.get(plugin) ?? []);
    }
    return inventories;
  },
};

function claudeEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  return sandboxEnv(sandbox, {
    CLAUDE_CONFIG_DIR: sandbox.config,
    // No telemetry, update checks or error reports: they reach the network and slow every command.
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  });
}

/** Fills the runtime view from `details`, and splits commands from skills with validate's `provides`. */
function applyDetails(
  plugin: PluginInventory,
  details: PluginDetails,
  validatedHooks: readonly RegisteredHook[],
  dir: string,
): void {
  const names = (label: string) => details.components[label]?.names ?? [];
  const provides = plugin.validation?.provides ?? {};
  // A plugin its marketplace entry defines has no manifest, so validate lists nothing from its folder: tell
  // its commands by their files, which `details` names them after.
  const commandNames = new Set(
    Object.keys(provides).length === 0 ? commandFiles(dir) : (provides.commands ?? []).map(withoutPluginPrefix),
  );
  if (details.description !== undefined) plugin.manifest.description = details.description;
  // Claude Code shows no prompt text without a session, only its own token estimate of it.
  if (details.tokens !== undefined) plugin.context = { lines: [], tokens: details.tokens };
  plugin.skills = sortedStrings(names("Skills").filter((name) => !commandNames.has(name))).map((name) => ({ name }));
  plugin.commands = sortedStrings(names("Skills").filter((name) => commandNames.has(name)));
  plugin.agents = sortedStrings(names("Agents"));
  plugin.mcpServers = sortedStrings(names("MCP servers"));
  // `details` names every server of the plugin's LSP files; the loader rejects a file that fails the host's schema
  // (`lsp-config-invalid`) and starts none of its servers. validate's `provides` lists only the servers that pass.
  const validLsp = new Set(provides.lspServers ?? []);
  plugin.lspServers = sortedStrings(
    names("LSP servers").filter((name) => plugin.validation === undefined || validLsp.has(name)),
  );
  const events = new Set(names("Hooks"));
  // `details` names the events; validate's `provides` has each hook's command.
  plugin.hooks = validatedHooks.filter((hook) => events.has(hook.event));
  for (const event of events) if (!plugin.hooks.some((hook) => hook.event === event)) plugin.hooks.push({ event });
  plugin.hooks.sort((a, b) => a.event.localeCompare(b.event) || (a.command ?? "").localeCompare(b.command ?? ""));
  // `details` does not list output styles or monitors: these come from validate, for an installed plugin.
  plugin.outputStyles = sortedStrings(provides.outputStyles ?? []);
  plugin.monitors = sortedStrings(provides.monitors ?? []);
  for (const [label, component] of Object.entries(details.components)) {
    if (!KNOWN_LABELS.has(label))
      plugin.messages.push({
        source: "details",
        level: "info",
        text: `${label} (${component.count}): ${component.names.join(", ")}`,
      });
  }
}

/**
 * Validate's errors about skill files, for the skills the runtime did not load. `details` names a skill after its
 * folder; validate also reports errors about skills that load anyway (a `name` that is a number), which stay in
 * `validation.errors` only.
 */
function refusedSkills(plugin: PluginInventory, errors: readonly Refusal[]): Refusal[] {
  const loaded = new Set(plugin.skills.map((skill) => skill.name));
  return errors
    .filter((error) => !plugin.installed || !loaded.has(error.path.split("/").slice(-2, -1)[0] ?? ""))
    .sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}

function withoutName(manifest: PluginInventory["manifest"]): PluginInventory["manifest"] {
  const { name: _name, ...rest } = manifest;
  return rest;
}

const KNOWN_LABELS = new Set(["Skills", "Agents", "Hooks", "MCP servers", "LSP servers"]);

/** The names of the `.md` files directly in a plugin's commands/ folder. */
function commandFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, "commands"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => name.slice(0, -".md".length));
  } catch {
    return [];
  }
}

function withoutPluginPrefix(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

interface ValidateResult {
  passed: boolean;
  errors: HostMessage[];
  warnings: HostMessage[];
  /** Errors about a skill file: the skills Claude Code refuses. */
  skillErrors: HostMessage[];
  provides: Record<string, string[]>;
  hooks: RegisteredHook[];
  raw: unknown;
}

/** `claude plugin validate --json <dir>`: the verdict, every message with the file it is about, and `provides`. */
async function validate(
  claude: (args: string[]) => Promise<ProcessResult>,
  reader: AnswerReader,
  dir: string,
): Promise<ValidateResult> {
  const result = await claude(["plugin", "validate", "--json", dir]);
  let answer: Record<string, unknown>;
  try {
    answer = reader.record(JSON.parse(result.stdout), "plugin validate --json");
  } catch {
    throw reader.unknown(`printed no JSON answer to \`plugin validate --json\` (${errorLine(result)})`);
  }
  const errors: HostMessage[] = [];
  const warnings: HostMessage[] = [];
  const skillErrors: HostMessage[] = [];
  const reports = [answer.manifest, ...(Array.isArray(answer.contents) ? answer.contents : [])];
  for (const item of reports) {
    if (item === null || item === undefined) continue;
    const report = reader.record(item, "a validate report");
    const file = reader.optionalString(report.file, "a validate report file");
    for (const [field, level, list] of [
      ["errors", "error", errors],
      ["warnings", "warning", warnings],
    ] as const) {
      for (const entry of Array.isArray(report[field]) ? report[field] : []) {
        const finding = reader.record(entry, "a validate finding");
        const field = reader.optionalString(finding.path, "a validate finding path");
        const message: HostMessage = {
          source: "validate",
          level,
          ...(file === undefined ? {} : { path: file }),
          text: `${field ? `${field}: ` : ""}${reader.string(finding.message, "a validate finding message")}`,
        };
        list.push(message);
        if (level === "error" && report.type === "skill") skillErrors.push(message);
      }
    }
  }
  const provides: Record<string, string[]> = {};
  const hooks: RegisteredHook[] = [];
  if (answer.provides !== null && answer.provides !== undefined) {
    for (const [kind, list] of Object.entries(reader.record(answer.provides, "validate provides"))) {
      if (!Array.isArray(list) || list.length === 0) continue;
      provides[kind] = sortedStrings(list.map((item) => componentName(item)));
      if (kind === "hooks") for (const hook of list) hooks.push(hookOf(hook));
    }
  }
  return {
    passed: answer.success === true,
    errors,
    warnings,
    skillErrors,
    provides,
    raw: answer,
    hooks,
  };
}

function componentName(item: unknown): string {
  if (typeof item === "string") return item;
  if (typeof item === "object" && item !== null) {
    const record = item as Record<string, unknown>;
    return String(record.name ?? record.event ?? JSON.stringify(item));
  }
  return String(item);
}

function hookOf(item: unknown): RegisteredHook {
  const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
  const hook: RegisteredHook = { event: String(record.event) };
  for (const key of ["type", "command", "matcher"] as const)
    if (typeof record[key] === "string") hook[key] = record[key];
  return hook;
}

/** `plugin list --json`: a list of installs, or with `--available` an object of installed and available plugins. */
async function listPlugins(
  claude: (args: string[]) => Promise<ProcessResult>,
  reader: AnswerReader,
  withAvailable: boolean,
): Promise<unknown> {
  const result = await claude(["plugin", "list", "--json", ...(withAvailable ? ["--available"] : [])]);
  try {
    return JSON.parse(result.stdout) as unknown;
  } catch {
    throw reader.unknown(`printed no JSON answer to \`plugin list --json\` (${errorLine(result)})`);
  }
}

function lastJsonLine(result: ProcessResult): Record<string, unknown> | undefined {
  const lines = result.stdout.trim().split("\n");
  for (let index = lines.length - 1; index >= 0; index--) {
    try {
      const value = JSON.parse(lines[index]!);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Not the JSON line.
    }
  }
  return undefined;
}

function errorLine(result: ProcessResult): string {
  if (result.timedOut) return "timed out";
  const lines = `${result.stderr}\n${result.stdout}`
    .split("\n")
    .map((line) => line.replace(/^[✘✖×]\s*/, "").trim())
    .filter((line) => line !== "");
  return lines[0] ?? `exit code ${result.exitCode}`;
}
