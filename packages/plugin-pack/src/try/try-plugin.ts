import { relative, resolve } from "node:path";
import { type HostId, ToolError } from "@agent-plugin/core";
import {
  type BatchInventory,
  emptyInventory,
  type HostContext,
  inspectBatch,
  type PluginInventory,
} from "@agent-plugin/hosts";
import { type ContextBudgetOptions, contextBudget, overBudget } from "../report/index.js";
import { comparePlugin } from "./compare.js";
import { type FoundHost, findHost, installHint } from "./find-host.js";
import { mcpLaunches } from "./mcp-config.js";
import { probeServers } from "./mcp-probe.js";
import { type TryTarget, targetFor, targetKind } from "./targets.js";
import type { TryHostRun, TryPlugin, TryReport } from "./types.js";

export interface TryOptions {
  /** A plugin folder or a marketplace folder. */
  dir: string;
  hosts: readonly HostId[];
  /** A host binary to run instead of the one on PATH (one host only). */
  hostBin?: string;
  cwd: string;
  /** Where PATH is read from. */
  env: NodeJS.ProcessEnv;
  /** The longest one host process may run. Default 60 s. */
  timeoutMs?: number;
  /** Start each stdio MCP server (the plugin's own code) and ask what it offers. */
  runServers?: boolean;
  /** With runServers: connect to the http servers too. */
  network?: boolean;
  /** The longest one MCP request may wait. Default 10 s. */
  serverTimeoutMs?: number;
  /** Name, in `overBudget`, each plugin whose always-on tokens are over this. */
  maxAlwaysOnTokens?: number;
}

/**
 * Loads a plugin (or a marketplace and its local plugins) into each host's throwaway home, through the same host
 * driver the host-fidelity tests use, and returns what the host kept next to what the files declare. The user's
 * own host config is never read or written: every host process runs with a temporary home that is removed after.
 */
export async function tryPlugin(options: TryOptions): Promise<TryReport> {
  const dir = resolve(options.cwd, options.dir);
  const kind = targetKind(dir);
  const warnings: string[] = [];
  const runs: TryHostRun[] = [];
  for (const host of options.hosts) {
    const target = targetFor(dir, host);
    if (typeof target === "string") {
      warnings.push(target);
      continue;
    }
    let found: FoundHost;
    try {
      found = await findHost({
        host,
        cwd: options.cwd,
        env: options.env,
        ...(options.hostBin === undefined ? {} : { hostBin: options.hostBin }),
      });
    } catch (error) {
      // With several hosts, one that is not installed is skipped; with one, it is the answer.
      if (options.hosts.length > 1 && (error as Error).message === installHint(host)) {
        warnings.push(installHint(host));
        continue;
      }
      throw error;
    }
    if (found.warning !== undefined) warnings.push(found.warning);
    const contexts = new Map<TryPlugin, HostContext | undefined>();
    const run = await runHost(found, target, options, contexts);
    if (options.runServers === true) for (const plugin of run.plugins) await probePlugin(plugin, host, options);
    for (const plugin of run.plugins) {
      if (!plugin.installed) continue;
      plugin.budget = await contextBudget({
        dir: plugin.dir,
        host,
        name: plugin.manifest.name ?? plugin.name,
        ...hostContextOf(contexts.get(plugin)),
        ...serversOf(plugin),
      });
    }
    runs.push(run);
  }
  if (runs.length === 0 && warnings.length > 0) {
    throw new ToolError(warnings.join("; "));
  }
  return {
    source: relative(options.cwd, dir) || ".",
    kind,
    runs,
    warnings,
    lost: runs.some(runLost),
    overBudget: options.maxAlwaysOnTokens === undefined ? [] : overBudgetLines(runs, options.maxAlwaysOnTokens),
  };
}

function hostContextOf(context: HostContext | undefined): { hostContext?: HostContext } {
  return context === undefined ? {} : { hostContext: context };
}

/** What each probed server answered: its instructions and tool definitions are part of the budget. */
function serversOf(plugin: TryPlugin): { servers?: ContextBudgetOptions["servers"] } {
  const answered = (plugin.servers ?? []).filter((server) => server.status === "answered");
  if (answered.length === 0) return {};
  return {
    servers: Object.fromEntries(
      answered.map((server) => [
        server.name,
        {
          tools: server.tools ?? [],
          ...(server.instructions === undefined ? {} : { instructions: server.instructions }),
        },
      ]),
    ),
  };
}

function overBudgetLines(runs: readonly TryHostRun[], max: number): string[] {
  return runs.flatMap((run) =>
    run.plugins.flatMap((plugin) => {
      const line = plugin.budget === undefined ? undefined : overBudget(plugin.budget, max, plugin.name);
      return line === undefined ? [] : [line];
    }),
  );
}

/**
 * One host's inventory of the target, compared with the files. The text Codex puts in the prompt is asked for too,
 * with the plugin's MCP servers kept off unless both --run-servers and --network allow every one of them to start;
 * `contexts` receives what each host said about the context of each plugin.
 */
async function runHost(
  found: FoundHost,
  target: TryTarget,
  options: TryOptions,
  contexts: Map<TryPlugin, HostContext | undefined>,
): Promise<TryHostRun> {
  const common = {
    host: found.host,
    version: found.version,
    bin: found.bin,
    timeoutMs: options.timeoutMs ?? 60_000,
    promptInput: { startServers: options.runServers === true && options.network === true },
  };
  const compare = (dir: string, loaded: PluginInventory) => {
    const plugin = comparePlugin(dir, found.host, loaded);
    contexts.set(plugin, loaded.context);
    return plugin;
  };
  const run = (driver: string, plugins: TryPlugin[]): TryHostRun => ({
    host: found.host,
    version: found.version,
    bin: found.bin,
    driver,
    verified: found.driver.verified,
    plugins,
  });
  if (target.kind === "plugin") {
    const loaded = await inspectBatch({ ...common, plugins: [{ name: target.name, dir: target.dir }] });
    return run(loaded.driver, [compare(target.dir, loaded.plugins[0]!)]);
  }
  const inventory = (await inspectBatch({ ...common, marketplaces: [target.dir] })).marketplaces[0]!;
  const plugins = target.entries.flatMap((entry) => {
    if (entry.dir === undefined) return [];
    const loaded = inventory.plugins.find((plugin) => plugin.name === entry.name) ?? notLoaded(entry.name, inventory);
    return [compare(entry.dir, loaded)];
  });
  const marketplace: NonNullable<TryHostRun["marketplace"]> = {
    added: inventory.marketplace.added,
    entries: inventory.marketplace.plugins,
  };
  if (inventory.marketplace.name !== undefined) marketplace.name = inventory.marketplace.name;
  if (inventory.marketplace.error !== undefined) marketplace.error = inventory.marketplace.error;
  return { ...run(inventory.driver, plugins), marketplace };
}

/** A local entry the host has no inventory for: why, in the host's words where it gave any. */
function notLoaded(name: string, inventory: BatchInventory) {
  const plugin = emptyInventory(name);
  plugin.installError = !inventory.marketplace.added
    ? `the marketplace was refused: ${inventory.marketplace.error ?? "no reason given"}`
    : inventory.marketplace.plugins.includes(name)
      ? "the host listed it but did not install it"
      : "the host dropped this marketplace entry";
  return plugin;
}

async function probePlugin(plugin: TryPlugin, host: HostId, options: TryOptions): Promise<void> {
  const servers = await probeServers(mcpLaunches(plugin.dir, host, options.env), {
    env: options.env,
    network: options.network === true,
    timeoutMs: options.serverTimeoutMs ?? 10_000,
  });
  plugin.servers = servers;
  for (const server of servers) {
    if (server.status !== "failed") continue;
    const tail = server.stderrTail === undefined ? "" : ` (stderr: ${server.stderrTail.split("\n").pop()})`;
    plugin.differences.push({
      kind: "failed",
      component: "mcp",
      text: `MCP server ${server.name} did not answer: ${server.reason ?? "no reason"}${tail}`,
    });
    plugin.lost = true;
  }
}

function runLost(run: TryHostRun): boolean {
  return (run.marketplace !== undefined && !run.marketplace.added) || run.plugins.some((plugin) => plugin.lost);
}
