import type { HostId } from "@agent-plugin/core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { marketplaceFile } from "./batch.js";
import type { BatchInventory } from "./inventory.js";
import { findLosses, type LossOptions } from "./losses.js";
import { marketplaceEntries } from "./marketplace-entries.js";

/**
 * What the host lost from a marketplace folder it was given as it is: the whole marketplace when it refused it, each
 * entry it did not list, and per installed plugin what it lost from the plugin's folder (`<plugin>: <loss>`). Empty
 * when the host took everything.
 */
export function marketplaceLosses(
  dir: string,
  host: HostId,
  inventory: BatchInventory,
  options: LossOptions = {},
): string[] {
  if (!inventory.marketplace.added) return [`marketplace refused: ${inventory.marketplace.error}`];
  const entries = marketplaceEntries(readText(join(dir, marketplaceFile[host])), dir) ?? [];
  const losses: string[] = [];
  for (const entry of entries) {
    if (!inventory.marketplace.plugins.includes(entry.name)) losses.push(`entry ${entry.name} dropped`);
  }
  for (const plugin of inventory.plugins) {
    const folder = entries.find((entry) => entry.name === plugin.name)?.dir;
    const lost =
      folder === undefined
        ? plugin.installed
          ? []
          : [`not installed: ${plugin.installError}`]
        : findLosses(folder, host, plugin, options);
    losses.push(...lost.map((loss) => `${plugin.name}: ${loss}`));
  }
  return losses;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
