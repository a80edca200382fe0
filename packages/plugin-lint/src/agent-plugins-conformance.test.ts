/**
 * Agent Plugins 1.0.0 conformance, from the spec: every MUST of §4-§9 that a plugin's files can show fails its
 * failing plugin with the rule and severity of the spec's failure boundary, and passes its twin without a single
 * finding; then the Appendix A checklist items a linter can observe, through what lint() says each target loads.
 */
import { applySetup, repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ConformanceCase,
  conformanceCases,
  manifest,
  mcp,
  skill,
  type Tree,
} from "./conformance/agent-plugins-cases.js";
import { lint, type TargetLoad } from "./lint.js";
import { ruleMetas } from "./rules/index.js";

async function lintTree(tree: Tree, setup: ConformanceCase["failSetup"] = []) {
  const dir = realpathSync(tempDir());
  writeTree(dir, tree);
  applySetup(dir, setup);
  const report = await lint({
    paths: ["demo"],
    cwd: dir,
    target: "agent-plugins",
    config: { rules: {}, ignores: [], baseDir: dir },
  });
  return { dir, report };
}

/** What the standard's target loads from a plugin. */
async function loads(tree: Tree, setup: ConformanceCase["failSetup"] = []): Promise<TargetLoad> {
  const { report } = await lintTree(tree, setup);
  return report.plugins![0]!.targets[0]!;
}

describe.each(conformanceCases.map((c) => [`${c.section} ${c.requirement}`, c] as const))("%s", (_, testCase) => {
  it(`the failing plugin has ${testCase.rule} as ${testCase.severity === "error" ? "an error" : "a warning"}`, async () => {
    const { report } = await lintTree(testCase.fail, testCase.failSetup);
    const found = report.diagnostics.filter((d) => d.ruleId === testCase.rule);
    expect(found.map((d) => d.severity)).toContain(testCase.severity);
  });

  it("the passing twin is clean", async () => {
    const { report, dir } = await lintTree(testCase.pass, testCase.passSetup);
    expect(report.diagnostics.map((d) => `${d.file.slice(dir.length + 1)}:${d.line} ${d.ruleId} ${d.message}`)).toEqual(
      [],
    );
  });
});

describe("Appendix A: plugin loader", () => {
  it("reports and ignores an unknown plugin.json field and still loads the plugin", async () => {
    const load = await loads({ "demo/plugin.json": manifest({ displayName: "Demo" }) });
    expect(load.loads).toBe(true);
    expect(load.fields).toEqual({
      name: expect.stringMatching(/plugin\.json$/),
      version: expect.stringMatching(/plugin\.json$/),
      description: expect.stringMatching(/plugin\.json$/),
    });
  });

  it("rejects the plugin for any other schema violation, and loads none of its components", async () => {
    const load = await loads({
      "demo/plugin.json": manifest({ name: "Demo" }),
      "demo/skills/hello/SKILL.md": skill("hello"),
      "demo/mcp.json": mcp({ docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" } }),
    });
    expect(load.loads).toBe(false);
    expect([...load.skills, ...load.servers].map((item) => item.loaded)).toEqual([false, false]);
  });

  it("does not reject a manifest for metadata that is only unusual (§5.4): at most the SemVer warning", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest({
        version: "nightly",
        homepage: "see the README",
        repository: "internal mirror",
        license: "Proprietary, all rights reserved",
        author: { name: "Docs team", email: "docs at example", url: "intranet/docs" },
      }),
    });
    expect(report.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([["agent-plugins/version", "warning"]]);
    expect(report.plugins![0]!.targets[0]!.loads).toBe(true);
  });

  it("ignores unimplemented extension namespaces without validating their contents", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest({ extensions: { "org.example.any": { deep: [{ null: null }, 1, "x"] } } }),
    });
    expect(report.diagnostics).toEqual([]);
  });

  it("leaves extension directories to their clients", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest(),
      "demo/com.example.client/hooks/hooks.json": { anything: ["goes"] },
    });
    expect(report.diagnostics).toEqual([]);
  });
});

describe("Appendix A: component discovery", () => {
  it("ignores missing fixed locations without error", async () => {
    const { report } = await lintTree({ "demo/plugin.json": manifest() });
    expect(report.diagnostics).toEqual([]);
    expect(report.plugins![0]!.targets[0]).toMatchObject({ loads: true, skills: [], servers: [], hooks: [] });
  });

  it("scans skills/ one level deep, following links that stay inside the plugin", async () => {
    const load = await loads(
      {
        "demo/plugin.json": manifest(),
        "demo/skills/hello/SKILL.md": skill("hello"),
        "demo/skills/tools/lint/SKILL.md": skill("lint"),
        "demo/shared/bye/SKILL.md": skill("bye"),
      },
      [{ symlink: "demo/skills/bye", target: "../shared/bye" }],
    );
    expect(load.skills.map((s) => [s.name, s.loaded])).toEqual([
      ["bye", true],
      ["hello", true],
    ]);
  });

  it("ignores component types it does not support (hooks, commands, a host's files)", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest(),
      "demo/hooks/hooks.json": { hooks: { Stop: [] } },
      "demo/commands/deploy.md": "# Deploy\n",
      "demo/agents/reviewer.md": "# Reviewer\n",
    });
    expect(report.diagnostics).toEqual([]);
  });
});

describe("Appendix A: MCP configuration and resilience", () => {
  it("skips an invalid server entry and loads the other servers", async () => {
    const load = await loads({
      "demo/plugin.json": manifest(),
      "demo/mcp.json": mcp({
        docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" },
        broken: { type: "streamable-http", url: "http://mcp.example.com/mcp" },
      }),
    });
    expect(load.servers.map((s) => [s.name, s.loaded])).toEqual([
      ["docs", true],
      ["broken", false],
    ]);
  });

  it("disables MCP when mcp.json's top level is invalid, and still loads the skills", async () => {
    const load = await loads({
      "demo/plugin.json": manifest(),
      "demo/skills/hello/SKILL.md": skill("hello"),
      "demo/mcp.json": { mcpServers: { docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" } } },
    });
    expect(load.servers.map((s) => s.loaded)).toEqual([false]);
    expect(load.skills.map((s) => s.loaded)).toEqual([true]);
  });

  it("continues loading when an independent skill fails", async () => {
    const load = await loads({
      "demo/plugin.json": manifest(),
      "demo/skills/good/SKILL.md": skill("good"),
      "demo/skills/bad/SKILL.md": skill("bad", ["model: fast"]),
    });
    expect(load.skills.map((s) => [s.name, s.loaded])).toEqual([
      ["bad", false],
      ["good", true],
    ]);
  });

  it("keeps a server on a transport some clients lack (sse) loadable, with a warning", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest(),
      "demo/mcp.json": mcp({ events: { type: "sse", url: "https://legacy.example.com/sse" } }),
    });
    expect(report.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)).toEqual(["agent-plugins/mcp-sse warning"]);
    expect(report.plugins![0]!.targets[0]!.servers).toEqual([
      { name: "events", file: join(report.plugins![0]!.root, "mcp.json"), loaded: true },
    ]);
  });

  it("treats args and env values as opaque strings, not package paths (§4.1)", async () => {
    const { report } = await lintTree({
      "demo/plugin.json": manifest(),
      "demo/mcp.json": mcp({
        local: { type: "stdio", command: "node", args: ["../shared/server.mjs"], env: { DATA: "../data" } },
      }),
    });
    expect(report.diagnostics).toEqual([]);
  });
});

describe("docs/agent-plugins.md", () => {
  const doc = readFileSync(join(repoRoot, "docs/agent-plugins.md"), "utf8");

  it("lists every requirement tested here, with its section, rule and severity", () => {
    const missing = conformanceCases
      .map(
        (c) =>
          `| ${c.section} | ${c.requirement.replace(/\|/g, "\\|")} | [\`${c.rule}\`](rules/${c.rule}.md) | ${c.severity} |`,
      )
      .filter((row) => !doc.includes(row));
    expect(missing).toEqual([]);
  });

  it("names every agent-plugins/* rule", () => {
    const rules = [...ruleMetas.keys()].filter((id) => id.startsWith("agent-plugins/"));
    expect(rules.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});
