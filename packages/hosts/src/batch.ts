import type { HostId } from "@agent-plugin/core";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** One plugin of a batch. */
export interface PluginInput {
  /** The marketplace entry name, and the plugin's folder name under `plugins/`. */
  name: string;
  /** The plugin folder; copied into the batch marketplace with its links kept as links. */
  dir: string;
  /** Fields merged into this plugin's marketplace entry (in the host's own marketplace format). */
  entry?: Record<string, unknown>;
}

/** The name of every batch marketplace: not reserved by either host. */
export const BATCH_MARKETPLACE = "agent-plugin-probes";

/** Where each host reads a marketplace from, inside the marketplace folder. */
export const marketplaceFile: Record<HostId, string> = {
  codex: ".agents/plugins/marketplace.json",
  "claude-code": ".claude-plugin/marketplace.json",
};

/** Writes a batch marketplace: one entry per plugin, each plugin copied to `plugins/<name>`. */
export function writeBatchMarketplace(
  host: HostId,
  market: string,
  plugins: readonly PluginInput[],
  name = BATCH_MARKETPLACE,
): string {
  const names = new Set<string>();
  for (const plugin of plugins) {
    if (names.has(plugin.name)) throw new Error(`two plugins of one batch are named "${plugin.name}"`);
    names.add(plugin.name);
    cpSync(plugin.dir, join(market, "plugins", plugin.name), { recursive: true, verbatimSymlinks: true });
  }
  const entries = plugins.map((plugin) => ({ ...entryFor(host, plugin.name), ...plugin.entry }));
  const manifest =
    host === "codex" ? { name, plugins: entries } : { name, owner: { name: "agent-plugin" }, plugins: entries };
  const file = join(market, marketplaceFile[host]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}

/** The plainest entry each host installs without question. */
function entryFor(host: HostId, name: string): Record<string, unknown> {
  if (host === "claude-code") return { name, source: `./plugins/${name}` };
  return {
    name,
    source: { source: "local", path: `./plugins/${name}` },
    policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
    category: "Developer Tools",
  };
}
