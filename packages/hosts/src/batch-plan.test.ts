// How inspectBatch spreads plugins and marketplaces over throwaway homes (no host needed).
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BATCH_MARKETPLACE } from "./batch.js";
import { type PlannedHome, planHomes } from "./batch-plan.js";

/** A home as `batch-name: plugin indexes` and `whole: marketplace index` lines. */
function shape(home: PlannedHome): string[] {
  return home.marketplaces.map((marketplace) =>
    marketplace.kind === "batch"
      ? `${marketplace.name}: ${marketplace.plugins.map((plugin) => plugin.index).join(",")}`
      : `whole: ${marketplace.index}`,
  );
}

/** A Codex marketplace folder whose file names it `name` (or holds `text` as it is). */
function market(name: string | undefined, text?: string): string {
  const dir = tempDir();
  writeTree(dir, { ".agents/plugins/marketplace.json": text ?? { name, plugins: [] } });
  return dir;
}

describe("planHomes", () => {
  it("puts plugins of one name in batch marketplaces of their own, named apart, in as few homes as asked", () => {
    const plugins = ["demo", "demo", "other", "demo"].map((name, index) => ({ name, dir: join("/p", String(index)) }));
    const homes = planHomes({ host: "codex", plugins });
    expect(homes.map(shape)).toEqual([
      [`${BATCH_MARKETPLACE}: 0,2`, `${BATCH_MARKETPLACE}-2: 1`, `${BATCH_MARKETPLACE}-3: 3`],
    ]);
  });

  it("spreads the work over at least `parallel` homes, in whole rounds, at most `perHome` items each", () => {
    const plugins = Array.from({ length: 10 }, (_, index) => ({ name: `p${index}`, dir: `/p/${index}` }));
    expect(planHomes({ host: "codex", plugins, parallel: 3 }).map((home) => home.size)).toEqual([4, 3, 3]);
    expect(planHomes({ host: "codex", plugins, parallel: 2, perHome: 3 }).map((home) => home.size)).toEqual([
      3, 3, 2, 2,
    ]);
    expect(planHomes({ host: "codex", plugins: plugins.slice(0, 2), parallel: 3 })).toHaveLength(2);
    expect(planHomes({ host: "codex" })).toEqual([]);
  });

  it("never puts two marketplaces of one name in a home, and names the batch marketplaces apart from them", () => {
    const marketplaces = [market("team"), market("team"), market(BATCH_MARKETPLACE)];
    const plugins = [
      { name: "demo", dir: "/p/0" },
      { name: "other", dir: "/p/1" },
    ];
    expect(planHomes({ host: "codex", marketplaces, plugins }).map(shape)).toEqual([
      [`${BATCH_MARKETPLACE}-2: 1`, "whole: 0", "whole: 2"],
      [`${BATCH_MARKETPLACE}: 0`, "whole: 1"],
    ]);
  });

  it("gives a marketplace whose name cannot be read a home of its own", () => {
    const marketplaces = [market(undefined, "{ not json"), market("team")];
    const homes = planHomes({ host: "codex", marketplaces, plugins: [{ name: "demo", dir: "/p/0" }] });
    expect(homes.map(shape)).toEqual([[`${BATCH_MARKETPLACE}: 0`, "whole: 1"], ["whole: 0"]]);
  });
});
