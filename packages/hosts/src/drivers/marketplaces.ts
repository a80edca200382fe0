import type { BatchInventory } from "../inventory.js";
import type { Sandbox } from "../sandbox.js";

/** Each marketplace folder of a request (and the sandbox's own) as `<marketplace>` in the host's messages. */
export function marketplacePlaceholders(
  sandbox: Sandbox,
  marketplaces: readonly { dir: string }[],
): Record<string, string> {
  const dirs = [sandbox.market, ...marketplaces.map((marketplace) => marketplace.dir)];
  return Object.fromEntries(dirs.map((dir) => [dir, "<marketplace>"]));
}

/** The inventory of a marketplace before the host has said anything about it. */
export function emptyBatch(host: BatchInventory["host"], version: string, driver: string): BatchInventory {
  return { host, version, driver, marketplace: { added: false, plugins: [], messages: [] }, plugins: [], raw: {} };
}
