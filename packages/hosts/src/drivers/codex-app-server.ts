import { join } from "node:path";
import { type HostMessage, type PluginInventory, emptyInventory } from "../inventory.js";
import { JsonRpcProcess, type RpcAnswer } from "../json-rpc.js";
import { insidePath, type PathNormaliser } from "../normalise.js";
import type { Sandbox } from "../sandbox.js";
import { type AnswerReader, sortedStrings, withoutEmpty } from "./shape.js";

/** `codex app-server` over stdio, initialised, in the sandbox. */
export async function startAppServer(options: {
  bin: string;
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  reader: AnswerReader;
  timeoutMs: number;
}): Promise<JsonRpcProcess> {
  const rpc = new JsonRpcProcess({
    command: options.bin,
    args: ["app-server"],
    cwd: options.sandbox.work,
    env: options.env,
  });
  try {
    const answer = await rpc.request(
      "initialize",
      { clientInfo: { name: "agent-plugin-hosts", title: "agent-plugin-hosts", version: "1" }, capabilities: null },
      options.timeoutMs,
    );
    if ("error" in answer) throw options.reader.unknown(`refused initialize (${answer.error.message})`);
    rpc.notify("initialized");
    return rpc;
  } catch (error) {
    rpc.close();
    throw error;
  }
}

/** How Codex lists the marketplaces it loaded, and the ones it failed to load. */
export interface CodexMarketplaceListing {
  /** Marketplace name → its file, the plugin entry names Codex listed, and those whose source is not local. */
  marketplaces: Map<string, { path: string | undefined; plugins: string[]; remote: Map<string, string> }>;
  loadErrors: HostMessage[];
}

export async function listMarketplaces(
  rpc: JsonRpcProcess,
  options: { reader: AnswerReader; cwds: readonly string[]; timeoutMs: number; normaliser: PathNormaliser },
): Promise<CodexMarketplaceListing> {
  const { reader } = options;
  const result = reader.record(
    resultOf(reader, await rpc.request("plugin/list", { cwds: options.cwds }, options.timeoutMs), "plugin/list"),
    "plugin/list",
  );
  const marketplaces: CodexMarketplaceListing["marketplaces"] = new Map();
  for (const item of reader.array(result.marketplaces, "plugin/list marketplaces")) {
    const marketplace = reader.record(item, "a plugin/list marketplace");
    const plugins: string[] = [];
    const remote = new Map<string, string>();
    for (const entry of reader.array(marketplace.plugins, "a plugin/list marketplace's plugins")) {
      const plugin = reader.record(entry, "a plugin/list plugin");
      const name = reader.string(plugin.name, "a plugin/list plugin name");
      plugins.push(name);
      const source = plugin.source as { type?: unknown } | undefined;
      if (typeof source?.type === "string" && source.type !== "local") remote.set(name, source.type);
    }
    marketplaces.set(reader.string(marketplace.name, "a plugin/list marketplace name"), {
      path: reader.optionalString(marketplace.path, "a plugin/list marketplace path"),
      plugins,
      remote,
    });
  }
  const loadErrors = (Array.isArray(result.marketplaceLoadErrors) ? result.marketplaceLoadErrors : []).map((item) => {
    const error = reader.record(item, "a marketplace load error");
    return {
      source: "plugin/list",
      level: "error" as const,
      path: options.normaliser.text(String(error.marketplacePath ?? error.path ?? "")),
      text: options.normaliser.text(String(error.message ?? "")),
    };
  });
  return { marketplaces, loadErrors };
}

/** What `plugin add` (or `plugin/install`) said for one plugin. */
export interface InstallOutcome {
  installed: boolean;
  error?: string;
}

/** One marketplace whose plugins Codex installed: its name, folder, file (for plugin/read) and what each install said. */
export interface CodexInstalledMarketplace {
  name: string;
  dir: string;
  /** The marketplace file as Codex reports it; undefined skips plugin/read. */
  path: string | undefined;
  installs: ReadonlyMap<string, InstallOutcome>;
}

/** What Codex loaded from one marketplace: one inventory per install, and the messages about no plugin of it. */
export interface CodexMarketplaceInventories {
  plugins: PluginInventory[];
  messages: HostMessage[];
}

/**
 * Asks the app server what it loaded for every plugin of the marketplaces (skills/list, hooks/list once, plugin/read
 * per plugin) and returns, per marketplace, one inventory per plugin with paths relative to the plugin. A message
 * about no plugin of any marketplace goes to the messages of each.
 */
export async function readCodexInventories(
  rpc: JsonRpcProcess,
  options: {
    reader: AnswerReader;
    sandbox: Sandbox;
    marketplaces: readonly CodexInstalledMarketplace[];
    /** 0.117 has no hooks/list. */
    hooksList: boolean;
    timeoutMs: number;
    normaliser: PathNormaliser;
  },
): Promise<{ marketplaces: CodexMarketplaceInventories[]; raw: Record<string, unknown> }> {
  const { reader, sandbox, normaliser, timeoutMs } = options;
  const skillsAnswer = await rpc.request("skills/list", { cwds: [sandbox.work], forceReload: true }, timeoutMs);
  const skillsEntry = firstEntry(reader, resultOf(reader, skillsAnswer, "skills/list"), "skills/list");
  const hooksAnswer = options.hooksList
    ? await rpc.request("hooks/list", { cwds: [sandbox.work] }, timeoutMs)
    : undefined;
  const hooksEntry =
    hooksAnswer === undefined
      ? undefined
      : firstEntry(reader, resultOf(reader, hooksAnswer, "hooks/list"), "hooks/list");

  const byMarketplace = options.marketplaces.map((marketplace) => {
    const inventories = new Map<string, PluginInventory>();
    for (const [name, install] of marketplace.installs) {
      const inventory = emptyInventory(name);
      inventory.installed = install.installed;
      if (install.error !== undefined) inventory.installError = normaliser.text(install.error);
      inventories.set(name, inventory);
    }
    return { marketplace, inventories, messages: [] as HostMessage[] };
  });

  /**
   * The plugin inventory a host path belongs to (its installed copy or its marketplace source), and the path inside
   * the plugin.
   */
  const owner = (path: string): { inventory: PluginInventory | undefined; path: string } | undefined => {
    for (const { marketplace, inventories } of byMarketplace) {
      for (const [base, skipVersion] of [
        [join(sandbox.config, "plugins/cache", marketplace.name), true],
        [join(marketplace.dir, "plugins"), false],
      ] as const) {
        const inside = insidePath(path, base);
        if (inside === undefined || inside === ".") continue;
        const [plugin, ...rest] = inside.split("/");
        const parts = skipVersion ? rest.slice(1) : rest;
        if (plugin !== undefined) return { inventory: inventories.get(plugin), path: parts.join("/") };
      }
    }
    return undefined;
  };
  const batchMessage = (message: HostMessage) => {
    for (const { messages } of byMarketplace) messages.push(message);
  };

  for (const item of reader.array(skillsEntry.skills, "skills/list skills")) {
    const skill = reader.record(item, "a skills/list skill");
    const where = owner(reader.string(skill.path, "a skill path"));
    const inventory = where?.inventory;
    if (where === undefined || inventory === undefined) continue; // Codex's own system skills.
    inventory.skills.push({
      name: reader.string(skill.name, "a skill name"),
      description: reader.string(skill.description, "a skill description"),
      path: where.path,
    });
    inventory.raw.skills = [...((inventory.raw.skills as unknown[]) ?? []), skill];
  }
  for (const item of reader.array(skillsEntry.errors, "skills/list errors")) {
    const error = reader.record(item, "a skills/list error");
    const path = reader.string(error.path, "a skill error path");
    const message = normaliser.text(reader.string(error.message, "a skill error message"));
    const where = owner(path);
    const inventory = where?.inventory;
    if (where === undefined || inventory === undefined) {
      batchMessage({ source: "skills/list", level: "error", path: normaliser.text(path), text: message });
    } else {
      inventory.refusedSkills.push({ path: where.path, message });
    }
  }

  if (hooksEntry !== undefined) {
    for (const item of reader.array(hooksEntry.hooks, "hooks/list hooks")) {
      const hook = reader.record(item, "a hooks/list hook");
      const where = owner(reader.string(hook.sourcePath, "a hook sourcePath"));
      const inventory = where?.inventory;
      if (where === undefined || inventory === undefined) continue;
      inventory.hooks.push(
        withoutEmpty({
          event: reader.string(hook.eventName, "a hook eventName"),
          type: reader.optionalString(hook.handlerType, "a hook handlerType"),
          command: normaliser.text(reader.optionalString(hook.command, "a hook command") ?? ""),
          matcher: reader.optionalString(hook.matcher, "a hook matcher"),
        }) as { event: string },
      );
    }
    for (const [field, level] of [
      ["warnings", "warning"],
      ["errors", "error"],
    ] as const) {
      for (const item of Array.isArray(hooksEntry[field]) ? hooksEntry[field] : []) {
        const text = typeof item === "string" ? item : String(reader.record(item, "a hooks/list error").message ?? "");
        const path = typeof item === "string" ? undefined : String((item as Record<string, unknown>).path ?? "");
        const where = path === undefined ? ownerInText(text, owner) : owner(path);
        const message: HostMessage = {
          source: "hooks/list",
          level,
          ...(where === undefined ? (path ? { path: normaliser.text(path) } : {}) : { path: where.path }),
          text: normaliser.text(text),
        };
        const inventory = where?.inventory;
        if (inventory === undefined) batchMessage(message);
        else inventory.messages.push(message);
      }
    }
  }

  for (const { marketplace, inventories } of byMarketplace) {
    if (marketplace.path === undefined) continue;
    for (const inventory of inventories.values()) {
      await readPlugin(rpc, inventory, { ...options, marketplacePath: marketplace.path, hooksEntry, owner });
    }
  }

  return {
    marketplaces: byMarketplace.map(({ inventories, messages }) => {
      const plugins = [...inventories.values()];
      for (const inventory of plugins) {
        inventory.skills.sort((a, b) => (a.path ?? "").localeCompare(b.path ?? "") || a.name.localeCompare(b.name));
        inventory.refusedSkills.sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
      }
      return { plugins, messages };
    }),
    raw: { "skills/list": skillsAnswer, ...(hooksAnswer === undefined ? {} : { "hooks/list": hooksAnswer }) },
  };
}

/** `plugin/read` for one plugin: its manifest fields, MCP servers, apps, interface (and hooks, on 0.117). */
async function readPlugin(
  rpc: JsonRpcProcess,
  inventory: PluginInventory,
  options: {
    reader: AnswerReader;
    marketplacePath: string;
    hooksEntry: Record<string, unknown> | undefined;
    owner: (path: string) => { path: string } | undefined;
    timeoutMs: number;
    normaliser: PathNormaliser;
  },
): Promise<void> {
  const { reader, normaliser, owner } = options;
  const answer = await rpc.request(
    "plugin/read",
    { marketplacePath: options.marketplacePath, pluginName: inventory.name },
    options.timeoutMs,
  );
  if ("error" in answer) {
    inventory.messages.push({ source: "plugin/read", level: "error", text: normaliser.text(answer.error.message) });
    return;
  }
  inventory.raw["plugin/read"] = answer.result;
  const plugin = reader.record(reader.record(answer.result, "plugin/read").plugin, "plugin/read plugin");
  const summary = reader.record(plugin.summary, "plugin/read summary");
  const description = reader.optionalString(plugin.description, "plugin/read description");
  const version = reader.optionalString(summary.localVersion ?? summary.version, "plugin/read version");
  inventory.manifest = withoutEmpty({ description, version }) as PluginInventory["manifest"];
  inventory.mcpServers = sortedStrings(
    reader.array(plugin.mcpServers, "plugin/read mcpServers").map((name) => reader.string(name, "an MCP server name")),
  );
  inventory.apps = sortedStrings(
    reader
      .array(plugin.apps, "plugin/read apps")
      .map((app) => reader.string(reader.record(app, "a plugin/read app").id, "an app id")),
  );
  if (options.hooksEntry === undefined && Array.isArray(plugin.hooks)) {
    inventory.hooks = plugin.hooks.map((hook) => ({
      event: reader.string(reader.record(hook, "a plugin/read hook").eventName, "a hook eventName"),
    }));
  }
  if (summary.interface !== null && summary.interface !== undefined) {
    const kept = withoutEmpty(reader.record(summary.interface, "plugin/read interface"));
    inventory.interface = relativeAssets(kept, (path) => owner(path)?.path ?? normaliser.text(path));
  }
  if (Array.isArray(summary.keywords) && summary.keywords.length > 0) {
    inventory.interface = { ...inventory.interface, keywords: summary.keywords };
  }
}

/** The result of an answer, or a clear error when the host refused a query every plugin needs. */
function resultOf(reader: AnswerReader, answer: RpcAnswer, method: string): unknown {
  if ("error" in answer) throw reader.unknown(`refused ${method} (${answer.error.message})`);
  return answer.result;
}

function firstEntry(reader: AnswerReader, result: unknown, method: string): Record<string, unknown> {
  const data = reader.array(reader.record(result, method).data, `${method} data`);
  return reader.record(data[0], `${method} data[0]`);
}

/** Icon, logo and screenshot paths relative to the plugin. */
function relativeAssets(fields: Record<string, unknown>, relative: (path: string) => string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...fields };
  for (const key of ["composerIcon", "logo", "logoDark"]) {
    if (typeof result[key] === "string") result[key] = relative(result[key]);
  }
  if (Array.isArray(result.screenshots)) {
    result.screenshots = result.screenshots.map((path) => (typeof path === "string" ? relative(path) : path));
  }
  return result;
}

/** The plugin a warning is about, when it names a path inside one. */
function ownerInText<T>(text: string, owner: (path: string) => T | undefined): T | undefined {
  for (const match of text.matchAll(/(\/[^\s:`'"]+)/g)) {
    const where = owner(match[1]!);
    if (where !== undefined) return where;
  }
  return undefined;
}
