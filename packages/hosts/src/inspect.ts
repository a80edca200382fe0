import type { HostId } from "@agent-plugin/core";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { writeBatchMarketplace, type PluginInput } from "./batch.js";
import { planHomes } from "./batch-plan.js";
import { driverFor } from "./drivers/index.js";
import type { DriverRequest, MarketplaceRequest } from "./drivers/types.js";
import { ensureHost } from "./ensure-host.js";
import { type BatchInventory, emptyInventory, type PluginInventory } from "./inventory.js";
import { type Limiter, limiter } from "./process.js";
import { createSandbox, type Sandbox } from "./sandbox.js";

export interface InspectOptions {
  host: HostId;
  /** An exact host version; see `pins` for the tested ones. With `bin`, the version that binary reports. */
  version: string;
  /**
   * A host binary to run instead of the pinned install (a user's own `codex` or `claude`): nothing is installed.
   * `hostVersion` reads the version to pass with it; the driver is picked by that version.
   */
  bin?: string;
  /** Where hosts are installed; default `defaultCacheDir()`. */
  cacheDir?: string;
  /** The longest one host process may run before it is killed. Default 60 s. */
  timeoutMs?: number;
  /** The folder the throwaway home is created in; default the system's temporary folder. */
  tempDir?: string;
  /** Also ask for the text the host puts in the model's prompt: see {@link DriverRequest.promptInput}. */
  promptInput?: { startServers: boolean };
  /** Folders of your own to name by a placeholder in the host's messages (folder → placeholder). */
  placeholders?: Record<string, string>;
}

/**
 * Loads a batch of plugins into one throwaway home of the host: one marketplace with every plugin, each installed,
 * then asks the host what it loaded. Returns one inventory per plugin, in input order. The home is removed and
 * every host process is ended before this returns.
 */
export async function inspectPlugins(
  options: InspectOptions & { plugins: readonly PluginInput[] },
): Promise<BatchInventory> {
  const [inventory] = await inspect(options, (sandbox) => {
    writeBatchMarketplace(options.host, sandbox.market, options.plugins);
    return [{ dir: sandbox.market, plugins: options.plugins.map((plugin) => plugin.name) }];
  });
  return inventory!;
}

/**
 * Adds a marketplace folder as it is (copied first, so the host cannot change it) and installs every plugin the
 * host lists from it with a local source; `remoteSources` lets the host fetch the git, npm and URL ones too.
 */
export async function inspectMarketplace(
  options: InspectOptions & { marketplace: string; remoteSources?: boolean },
): Promise<BatchInventory> {
  const [inventory] = await inspect(options, (sandbox) => {
    cpSync(options.marketplace, sandbox.market, { recursive: true, verbatimSymlinks: true });
    return [{ dir: sandbox.market }];
  });
  return inventory!;
}

/** Several plugins and marketplaces for one host release, loaded into as few throwaway homes as fit. */
export interface BatchOptions extends InspectOptions {
  /** Plugin folders, each installed from a batch marketplace; two may share a name (they go to different ones). */
  plugins?: readonly PluginInput[];
  /** Marketplace folders, each added as it is with every local plugin it lists installed. */
  marketplaces?: readonly string[];
  /** Let the host fetch the git, npm and URL sources of the marketplaces. */
  remoteSources?: boolean;
  /** The most plugins and marketplaces one home holds. Default 40. */
  perHome?: number;
  /** How many homes are loaded at once; the work is spread over at least this many. Default 1. */
  parallel?: number;
  /**
   * Gates each home's session instead of `parallel`: one limiter shared by the batches of several host releases
   * bounds their sessions together, so no release waits for the last home of another.
   */
  limit?: Limiter;
}

export interface BatchResult {
  /** The driver that asked, with its protocol version: `codex-cli@1`. */
  driver: string;
  /** What the host did with each plugin, in input order. */
  plugins: PluginInventory[];
  /** What the host did with each marketplace, in input order. */
  marketplaces: BatchInventory[];
}

/**
 * Loads plugins and marketplaces into the host with as few host sessions as fit: each home gets up to `perHome` of
 * them, in several marketplaces (a plugin batch per name clash, and the given marketplaces, all named apart), and
 * `parallel` homes are loaded at once. The host is installed (or found) once for them all.
 */
export async function inspectBatch(options: BatchOptions): Promise<BatchResult> {
  // A version no driver understands is refused before anything is installed.
  const driver = driverFor(options.host, options.version);
  const homes = planHomes(options);
  const bin = homes.length === 0 ? "" : await hostBin(options);
  const plugins: PluginInventory[] = new Array(options.plugins?.length ?? 0);
  const marketplaces: BatchInventory[] = new Array(options.marketplaces?.length ?? 0);
  const limit = options.limit ?? limiter(Math.max(1, options.parallel ?? 1));
  const sessions = homes.map(async (home) => {
    const inventories = await limit(() =>
      inspect({ ...options, bin }, (sandbox) =>
        home.marketplaces.map((marketplace, index) => {
          const dir = index === 0 ? sandbox.market : join(sandbox.root, `market-${index + 1}`);
          if (marketplace.kind === "whole") {
            cpSync(marketplace.dir, dir, { recursive: true, verbatimSymlinks: true });
            return { dir };
          }
          writeBatchMarketplace(options.host, dir, marketplace.plugins, marketplace.name);
          return { dir, plugins: marketplace.plugins.map((plugin) => plugin.name) };
        }),
      ),
    );
    for (const [index, marketplace] of home.marketplaces.entries()) {
      const inventory = inventories[index]!;
      if (marketplace.kind === "whole") marketplaces[marketplace.index] = inventory;
      else
        for (const plugin of marketplace.plugins)
          plugins[plugin.index] =
            inventory.plugins.find((candidate) => candidate.name === plugin.name) ?? noAnswer(plugin.name);
    }
  });
  // Every session has ended (and removed its home) before this returns, even when one failed.
  for (const outcome of await Promise.allSettled(sessions)) if (outcome.status === "rejected") throw outcome.reason;
  return { driver: driver.id, plugins, marketplaces };
}

function noAnswer(name: string): PluginInventory {
  return { ...emptyInventory(name), installError: "no answer from the host" };
}

async function hostBin(options: InspectOptions): Promise<string> {
  if (options.bin !== undefined) return options.bin;
  const installed = await ensureHost({
    host: options.host,
    version: options.version,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  });
  return installed.bin;
}

async function inspect(
  options: InspectOptions & { remoteSources?: boolean },
  layout: (sandbox: Sandbox) => MarketplaceRequest[],
): Promise<BatchInventory[]> {
  const driver = driverFor(options.host, options.version);
  const bin = await hostBin(options);
  const sandbox = createSandbox(options.tempDir);
  try {
    const marketplaces = layout(sandbox);
    return await driver.inspect({
      bin,
      version: options.version,
      sandbox,
      marketplaces,
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.placeholders === undefined ? {} : { placeholders: options.placeholders }),
      ...(options.remoteSources === true ? { remoteSources: true } : {}),
      ...(options.promptInput === undefined ? {} : { promptInput: options.promptInput }),
    });
  } finally {
    sandbox.remove();
  }
}
