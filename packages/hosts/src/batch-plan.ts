import type { HostId } from "@agent-plugin/core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BATCH_MARKETPLACE, marketplaceFile, type PluginInput } from "./batch.js";

/** A marketplace of a home: a batch of plugins we write, or a marketplace folder added as it is. */
export type PlannedMarketplace =
  | { kind: "batch"; name: string; plugins: (PluginInput & { index: number })[] }
  | { kind: "whole"; dir: string; index: number };

/** One throwaway home: the marketplaces added to it, every one named apart from the others. */
export interface PlannedHome {
  marketplaces: PlannedMarketplace[];
  /** Plugins and marketplaces in it. */
  size: number;
  /** Names taken by its marketplaces. */
  names: Set<string>;
  /** Holds a marketplace whose name we cannot read: nothing else goes in, so no name can clash with it. */
  alone: boolean;
}

/**
 * Spreads plugins and marketplaces over homes of at most `perHome` items, at least `parallel` homes when there are
 * that many items, filling the emptiest home first. A plugin goes to the first batch marketplace of its home that
 * has no plugin of its name (the host would merge two), else to a new batch marketplace there.
 */
export function planHomes(options: {
  host: HostId;
  plugins?: readonly PluginInput[];
  marketplaces?: readonly string[];
  perHome?: number;
  parallel?: number;
}): PlannedHome[] {
  const plugins = options.plugins ?? [];
  const marketplaces = options.marketplaces ?? [];
  const total = plugins.length + marketplaces.length;
  const perHome = Math.max(1, options.perHome ?? 40);
  const homes: PlannedHome[] = [];
  const newHome = (): PlannedHome => {
    const home: PlannedHome = { marketplaces: [], size: 0, names: new Set(), alone: false };
    homes.push(home);
    return home;
  };
  // A whole number of rounds of `parallel` homes, so no round runs a home or two alone.
  const parallel = Math.max(1, options.parallel ?? 1);
  const count = Math.min(total, Math.ceil(Math.ceil(total / perHome) / parallel) * parallel);
  for (let index = 0; index < count; index++) newHome();
  const emptiest = (fits: (home: PlannedHome) => boolean) =>
    homes
      .filter((home) => !home.alone && home.size < perHome && fits(home))
      .reduce<PlannedHome | undefined>(
        (best, home) => (best === undefined || home.size < best.size ? home : best),
        undefined,
      );

  // The given marketplaces first, so the batch marketplaces are named apart from them.
  for (const [index, dir] of marketplaces.entries()) {
    const name = marketplaceName(options.host, dir);
    const home = name === undefined ? newHome() : (emptiest((candidate) => !candidate.names.has(name)) ?? newHome());
    home.marketplaces.push({ kind: "whole", dir, index });
    home.size++;
    if (name === undefined) home.alone = true;
    else home.names.add(name);
  }
  for (const [index, plugin] of plugins.entries()) {
    const home = emptiest(() => true) ?? newHome();
    let batch = home.marketplaces.find(
      (candidate): candidate is Extract<PlannedMarketplace, { kind: "batch" }> =>
        candidate.kind === "batch" && !candidate.plugins.some((other) => other.name === plugin.name),
    );
    if (batch === undefined) {
      batch = { kind: "batch", name: freeName(home.names), plugins: [] };
      home.names.add(batch.name);
      home.marketplaces.push(batch);
    }
    batch.plugins.push({ ...plugin, index });
    home.size++;
  }
  // Batch marketplaces first: the first marketplace of a home is the sandbox's own folder.
  for (const home of homes) home.marketplaces.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "batch" ? -1 : 1));
  return homes.filter((home) => home.size > 0);
}

/** `agent-plugin-probes`, else `agent-plugin-probes-2`, `-3`...: the first a home has not taken. */
function freeName(taken: ReadonlySet<string>): string {
  if (!taken.has(BATCH_MARKETPLACE)) return BATCH_MARKETPLACE;
  for (let number = 2; ; number++)
    if (!taken.has(`${BATCH_MARKETPLACE}-${number}`)) return `${BATCH_MARKETPLACE}-${number}`;
}

/** The name a marketplace folder gives itself in the host's marketplace file, or undefined when unreadable. */
function marketplaceName(host: HostId, dir: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, marketplaceFile[host]), "utf8").replace(/^\uFEFF/, "")) as {
      name?: unknown;
    };
    return typeof parsed.name === "string" ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
