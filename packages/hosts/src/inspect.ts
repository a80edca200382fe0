import type { HostId } from "@agent-plugin/core";
import { cpSync } from "node:fs";
import { writeBatchMarketplace, type PluginInput } from "./batch.js";
import { driverFor } from "./drivers/index.js";
import { ensureHost } from "./ensure-host.js";
import type { BatchInventory } from "./inventory.js";
import type { DriverRequest } from "./drivers/types.js";
import { createSandbox } from "./sandbox.js";

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
  return inspect(options, (market) => {
    writeBatchMarketplace(options.host, market, options.plugins);
    return options.plugins.map((plugin) => plugin.name);
  });
}

/**
 * Adds a marketplace folder as it is (copied first, so the host cannot change it) and installs every plugin the
 * host lists from it with a local source; `remoteSources` lets the host fetch the git, npm and URL ones too.
 */
export async function inspectMarketplace(
  options: InspectOptions & { marketplace: string; remoteSources?: boolean },
): Promise<BatchInventory> {
  return inspect(options, (market) => {
    cpSync(options.marketplace, market, { recursive: true, verbatimSymlinks: true });
    return undefined;
  });
}

async function inspect(
  options: InspectOptions & { remoteSources?: boolean },
  layout: (market: string) => readonly string[] | undefined,
): Promise<BatchInventory> {
  const driver = driverFor(options.host, options.version);
  const bin =
    options.bin ??
    (
      await ensureHost({
        host: options.host,
        version: options.version,
        ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      })
    ).bin;
  const sandbox = createSandbox(options.tempDir);
  try {
    const plugins = layout(sandbox.market);
    return await driver.inspect({
      bin,
      version: options.version,
      sandbox,
      ...(plugins === undefined ? {} : { plugins }),
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.placeholders === undefined ? {} : { placeholders: options.placeholders }),
      ...(options.remoteSources === true ? { remoteSources: true } : {}),
      ...(options.promptInput === undefined ? {} : { promptInput: options.promptInput }),
    });
  } finally {
    sandbox.remove();
  }
}
