import type { HostId } from "@agent-plugin/core";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { driverFor } from "../drivers/index.js";
import { inspectMarketplace, inspectPlugins } from "../inspect.js";
import { catalogue } from "./catalogue/index.js";
import { type ProbeData, type ProbeOutcome, pluginOutcome } from "./data.js";
import { materialiseProbe } from "./materialise.js";
import type { Probe } from "./types.js";

export interface RunProbesOptions {
  host: HostId;
  version: string;
  /** Default: the whole catalogue. Probes for other hosts are skipped. */
  probes?: readonly Probe[];
  cacheDir?: string;
  /** Plugins loaded into one throwaway home. Default 40. */
  batchSize?: number;
  timeoutMs?: number;
  /** Told about each batch as it starts. */
  onProgress?: (message: string) => void;
}

/**
 * Runs every probe for the host through the real host: plugin probes in batches (one home per batch), marketplace
 * probes one at a time. Returns the outcome of each probe, keyed by probe id.
 */
export async function runProbes(options: RunProbesOptions): Promise<ProbeData> {
  const driver = driverFor(options.host, options.version);
  const probes = (options.probes ?? catalogue).filter((probe) => probe.hosts.includes(options.host));
  const root = realpathSync(mkdtempSync(join(tmpdir(), "agent-plugin-probes-")));
  const common = {
    host: options.host,
    version: options.version,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const outcomes: Record<string, ProbeOutcome> = {};
  try {
    const written = probes.map((probe, index) => ({
      probe,
      ...materialiseProbe(probe, options.host, join(root, String(index))),
    }));
    const batches = intoBatches(
      written.filter(({ probe }) => !probe.marketplace),
      options.batchSize ?? 40,
    );
    for (const [index, batch] of batches.entries()) {
      options.onProgress?.(
        `${options.host} ${options.version}: batch ${index + 1}/${batches.length} (${batch.length} plugins)`,
      );
      const inventory = await inspectPlugins({
        ...common,
        plugins: batch.map(({ probe, dir, name }) => ({
          name,
          dir,
          ...(probe.entry?.[options.host] === undefined ? {} : { entry: probe.entry[options.host] }),
        })),
        placeholders: Object.fromEntries(batch.map(({ outside }) => [outside, "<outside>"])),
      });
      for (const { probe, name } of batch) {
        const plugin = inventory.plugins.find((candidate) => candidate.name === name);
        if (plugin !== undefined) outcomes[probe.id] = { plugin: pluginOutcome(plugin) };
      }
    }
    const marketplaces = written.filter(({ probe }) => probe.marketplace);
    for (const [index, { probe, dir, outside }] of marketplaces.entries()) {
      options.onProgress?.(`${options.host} ${options.version}: marketplace probe ${index + 1}/${marketplaces.length}`);
      const inventory = await inspectMarketplace({
        ...common,
        marketplace: dir,
        placeholders: { [outside]: "<outside>" },
      });
      outcomes[probe.id] = {
        marketplace: inventory.marketplace,
        plugins: Object.fromEntries(inventory.plugins.map((plugin) => [plugin.name, pluginOutcome(plugin)])),
      };
    }
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
  return { host: options.host, version: options.version, driver: driver.id, probes: outcomes };
}

/** Batches of at most `size`, never two plugins of one name in a batch. */
function intoBatches<T extends { name: string }>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (const item of items) {
    const batch = batches.find(
      (candidate) => candidate.length < size && !candidate.some((other) => other.name === item.name),
    );
    if (batch === undefined) batches.push([item]);
    else batch.push(item);
  }
  return batches;
}
