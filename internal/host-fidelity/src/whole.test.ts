// The examples and every create-agent-plugin option combination: clean under every host they declare (its current
// profile), and loaded whole by that real host. Skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
import { declaredTargets, isHostId } from "@agent-plugin/core";
import { findLosses, inspectPlugins, pins } from "@agent-plugin/hosts";
import { lint } from "@agent-plugin/plugin-lint";
import { repoRoot, tempDir } from "@agent-plugin/test-utils";
import { generateFiles, resolveOptions } from "create-agent-plugin";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";

/** The plugin folders of examples/ (the marketplace example lists these same plugins). */
function examplePlugins(): string[] {
  const root = join(repoRoot, "examples");
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((dir) => declaredTargets(dir).length > 0);
}

/** Every combination a user can ask create-agent-plugin for, written into `work`. */
function createdPlugins(work: string): string[] {
  // Claude Code alone is not offered: create writes it beside a Codex or Agent Plugins manifest.
  const targets = [
    "codex",
    "codex,claude-code",
    "agent-plugins",
    "agent-plugins,claude-code",
    "agent-plugins,codex,claude-code",
  ];
  const mcps = ["none", "stdio", "http"];
  const dirs: string[] = [];
  for (const target of targets) {
    for (const mcp of mcps) {
      for (const extras of [false, true]) {
        const hosts = target.split(",");
        // Hooks and app connectors belong to a host's own manifest; the standard alone has neither, and create
        // refuses hooks beside the standard's manifest for Codex (Codex 0.171 runs none of them there).
        const hooks =
          hosts.some((host) => host !== "agent-plugins") &&
          !(hosts.includes("agent-plugins") && hosts.includes("codex"));
        const app = hosts.includes("codex");
        if (extras && !hooks && !app) continue;
        const name = `c-${target.replaceAll(",", "-")}-${mcp}${extras ? "-x" : ""}`.slice(0, 60);
        const options = resolveOptions({
          cwd: work,
          name,
          target,
          mcp,
          ...(mcp === "http" ? { mcpUrl: "https://mcp.example.com/mcp" } : {}),
          ...(extras && hooks ? { hooks: true } : {}),
          ...(extras && app ? { app: "connector_0123abcd" } : {}),
          skills: "summarize-notes",
          developer: "Test",
          year: 2026,
          nodeVersion: "20.19.0",
          packageManager: "npm",
          detectWorkspace: false,
          gitUserName: () => "Test",
        });
        for (const file of generateFiles(options)) {
          const path = join(options.dir, file.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.data, { mode: file.mode });
        }
        dirs.push(options.dir);
      }
    }
  }
  return dirs;
}

/** Lints every plugin for each declared host's current profile, and loads it into that host's current pin. */
async function checkWhole(dirs: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const pin of pins.filter((candidate) => candidate.current)) {
    const mine = dirs.filter((dir) => declaredTargets(dir).some((target) => target === pin.host));
    if (mine.length === 0) continue;
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
    const inventory = await inspectPlugins({
      host: pin.host,
      version: pin.version,
      plugins: mine.map((dir) => ({ name: dir.split("/").pop()!, dir })),
    });
    for (const dir of mine) {
      const plugin = inventory.plugins.find((candidate) => candidate.name === dir.split("/").pop());
      const losses = plugin === undefined ? ["no answer from the host"] : findLosses(dir, pin.host, plugin);
      for (const loss of losses) problems.push(`${dir} on ${pin.host} ${pin.version}: host lost ${loss}`);
    }
  }
  return problems;
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
