// The examples and every create-agent-plugin option combination: clean under every host they declare (its current
// profile), and loaded whole by that real host. Skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
import { declaredTargets, isHostId } from "@agent-plugin/core";
import { findLosses, inspectBatch, limiter, pins } from "@agent-plugin/hosts";
import { lint } from "@agent-plugin/plugin-lint";
import { repoRoot, tempDir } from "@agent-plugin/test-utils";
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createdPlugins } from "./created-plugins.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";

/** The plugin folders of examples/ (the marketplace example lists these same plugins). */
function examplePlugins(): string[] {
  const root = join(repoRoot, "examples");
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((dir) => declaredTargets(dir).length > 0);
}

/**
 * Lints every plugin for each declared host's current profile, and loads it into that host's current pin: the
 * hosts side by side, each spread over a few throwaway homes, three host sessions at a time in all.
 */
async function checkWhole(dirs: readonly string[]): Promise<string[]> {
  const limit = limiter(3);
  const perPin = pins
    .filter((candidate) => candidate.current)
    .map(async (pin) => {
      const problems: string[] = [];
      const mine = dirs.filter((dir) => declaredTargets(dir).some((target) => target === pin.host));
      if (mine.length === 0) return problems;
      for (const dir of mine) {
        const report = await lint({
          paths: [dir],
          cwd: dir,
          target: `${pin.host}@${pin.version}`,
          config: { rules: {}, ignores: [], baseDir: dir },
        });
        for (const d of report.diagnostics.filter((diagnostic) => diagnostic.severity === "error"))
          problems.push(`${dir} on ${pin.host} ${pin.version}: lint error ${d.ruleId}: ${d.message}`);
      }
      const loaded = await inspectBatch({
        host: pin.host,
        version: pin.version,
        plugins: mine.map((dir) => ({ name: basename(dir), dir })),
        parallel: 3,
        limit,
      });
      for (const [index, dir] of mine.entries()) {
        for (const loss of findLosses(dir, pin.host, loaded.plugins[index]!))
          problems.push(`${dir} on ${pin.host} ${pin.version}: host lost ${loss}`);
      }
      return problems;
    });
  return (await Promise.all(perPin)).flat();
}

describe.skipIf(skipHosts)("examples and created plugins load whole in every host they declare [host] [slow]", () => {
  it("every example: no lint error and nothing lost in each host it declares", { timeout: 600_000 }, async () => {
    const dirs = examplePlugins();
    expect(dirs.length).toBeGreaterThanOrEqual(4);
    expect(dirs.every((dir) => declaredTargets(dir).some(isHostId) || existsSync(join(dir, "plugin.json")))).toBe(true);
    expect(await checkWhole(dirs)).toEqual([]);
  });

  it("every create-agent-plugin combination: no lint error and nothing lost", { timeout: 900_000 }, async () => {
    const dirs = createdPlugins(tempDir());
    expect(dirs.length).toBe(27);
    expect(await checkWhole(dirs)).toEqual([]);
  });
});
