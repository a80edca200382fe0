/**
 * A plugin for several targets at once: --target a,b and the config's targets, the default (what the plugin
 * declares), one finding per cause, and what each target loads, in stylish and JSON output.
 */
import { type CliResult, runInProcess, tempDir, withoutFinalNewline, writeTree } from "@agent-plugin/test-utils";
import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliIo, runCli } from "./cli.js";
import { manifest, mcp, skill } from "./conformance/agent-plugins-cases.js";
import { type LintFileResult, lint } from "./lint.js";
import type { TargetSpec } from "@agent-plugin/core";

const run = async (args: readonly string[], cwd: string): Promise<CliResult> =>
  withoutFinalNewline(await runInProcess<CliIo>(runCli, args, { cwd, color: false }));

function workspace(files: Record<string, string | object>): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, files);
  return dir;
}

const codexManifest = (extra: Record<string, unknown> = {}) => ({
  name: "demo",
  version: "1.0.0",
  description: "A demo plugin.",
  ...extra,
});

/** The portable manifest, Codex's (with its interface) and Claude Code's, one skill and one MCP server. */
const threeHosts = {
  "demo/plugin.json": manifest(),
  "demo/.codex-plugin/plugin.json": codexManifest({ interface: { displayName: "Demo" } }),
  "demo/.claude-plugin/plugin.json": codexManifest(),
  "demo/skills/hello/SKILL.md": skill("hello"),
  "demo/mcp.json": mcp({ docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" } }),
};

describe("which targets a plugin is linted for", () => {
  it("by default, the targets the plugin declares: the standard and each host manifest", async () => {
    const cwd = workspace(threeHosts);
    const report = await lint({ paths: ["demo"], cwd, config: { rules: {}, ignores: [], baseDir: cwd } });
    expect(report.plugins!.map((p) => p.targets.map((t) => t.target))).toEqual([
      ["agent-plugins", "codex", "claude-code"],
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it("by default, a plugin with one host manifest is linted for that host only, and one with none for Codex", async () => {
    const cwd = workspace({
      "claude/.claude-plugin/plugin.json": codexManifest({ name: "claude" }),
      "claude/skills/hello/SKILL.md": skill("hello"),
      "codex/.codex-plugin/plugin.json": codexManifest({ name: "codex" }),
      "codex/skills/hello/SKILL.md": skill("hello"),
      "bare/skills/hello/SKILL.md": skill("hello"),
    });
    const targetsOf = async (dir: string) => {
      const report = await lint({ paths: [dir], cwd, config: { rules: {}, ignores: [], baseDir: cwd } });
      return report.plugins!.flatMap((p) => p.targets.map((t) => t.target));
    };
    // Codex 0.171 can read .claude-plugin/ too, but portability findings are only for the hosts a plugin targets.
    expect(await targetsOf("claude")).toEqual(["claude-code"]);
    expect(await targetsOf("codex")).toEqual(["codex"]);
    expect(await targetsOf("bare")).toEqual(["codex"]);
  });

  it("a plugin with only the portable manifest is an Agent Plugins plugin, not a Codex plugin without a manifest", async () => {
    const cwd = workspace({ "demo/plugin.json": manifest(), "demo/skills/hello/SKILL.md": skill("hello") });
    expect(await run(["demo"], cwd)).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
    // Codex 0.171 reads the root plugin.json; 0.117 knows only .codex-plugin/plugin.json.
    expect(await run(["demo", "--target", "codex"], cwd)).toEqual({
      exitCode: 0,
      stdout: "✔ no problems in demo",
      stderr: "",
    });
    const codex = await run(["demo", "--target", "codex@0.117", "-f", "json"], cwd);
    const results = JSON.parse(codex.stdout) as LintFileResult[];
    expect(results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.severity}`))).toEqual(["manifest/missing 2"]);
  });

  it("--target takes a comma-separated list, and refuses an unknown name in it", async () => {
    const cwd = workspace(threeHosts);
    const report = JSON.parse((await run(["demo", "--target", "codex,agent-plugins", "-f", "json"], cwd)).stdout);
    expect(report[0].pluginLoad.targets.map((t: { target: string }) => t.target)).toEqual(["codex", "agent-plugins"]);
    const bad = await run(["demo", "--target", "codex,claude"], cwd);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown target "claude"');
    expect(bad.stdout).toBe("");
  });

  it("the config's targets apply, and a config with both target and targets is refused", async () => {
    const cwd = workspace({
      ...threeHosts,
      "two.json": { targets: ["claude-code", "agent-plugins"] },
      "both.json": { target: "codex", targets: ["codex"] },
    });
    const two = JSON.parse((await run(["demo", "-c", "two.json", "-f", "json"], cwd)).stdout);
    expect(two[0].pluginLoad.targets.map((t: { target: string }) => t.target)).toEqual([
      "claude-code",
      "agent-plugins",
    ]);
    const both = await run(["demo", "-c", "both.json"], cwd);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('give "target" or "targets", not both');
  });

  it("one target keeps the output a single-host plugin always had: no load table", async () => {
    const cwd = workspace(threeHosts);
    expect(await run(["demo", "--target", "claude-code"], cwd)).toEqual({
      exitCode: 0,
      stdout: "✔ no problems in demo",
      stderr: "",
    });
  });
});

describe("findings of several targets", () => {
  it("reports a cause once, at the higher severity, and says when only some targets have it", async () => {
    const cwd = workspace({
      ...threeHosts,
      // Codex and Claude Code tolerate the unknown key (a warning); the standard skips the skill (an error).
      "demo/skills/hello/SKILL.md": skill("hello", ["owner: ann"]),
      // A link inside the plugin: Codex installs drop it; the standard and Claude Code follow it.
      "demo/docs/guide.md": "# Guide\n",
    });
    const report = await lint({
      paths: ["demo"],
      cwd,
      target: ["agent-plugins", "codex", "claude-code"],
      config: { rules: {}, ignores: [], baseDir: cwd },
    });
    const keys = report.diagnostics.filter((d) => d.ruleId === "skill/unknown-key");
    expect(keys.map((d) => [d.severity, d.onlyFor])).toEqual([["error", undefined]]);
    expect(keys[0]!.message).toContain("an Agent Plugins client skips the skill");
    const lines = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.ruleId}`);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("marks a finding only some targets have", async () => {
    const cwd = workspace({
      ...threeHosts,
      "demo/.codex-plugin/plugin.json": codexManifest({ interface: { brandColor: "teal" } }),
    });
    const result = await run(["demo", "-f", "json"], cwd);
    const results = JSON.parse(result.stdout) as LintFileResult[];
    const brand = results.flatMap((r) => r.messages).find((m) => m.ruleId === "manifest/brand-color");
    expect(brand?.onlyFor).toEqual(["codex"]);
    const stylish = await run(["demo"], cwd);
    expect(stylish.stdout).toMatch(/manifest\/brand-color/);
    expect(stylish.stdout).toContain("[codex]  manifest/brand-color");
  });

  it("disagreeing manifests are a finding, on the manifest that differs", async () => {
    const cwd = workspace({ ...threeHosts, "demo/.claude-plugin/plugin.json": codexManifest({ version: "1.1.0" }) });
    const result = await run(["demo", "-f", "json"], cwd);
    const results = JSON.parse(result.stdout) as LintFileResult[];
    const claude = results.find((r) => r.filePath === join(cwd, "demo/.claude-plugin/plugin.json"));
    expect(claude?.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      [
        "manifest/conflict",
        expect.any(Number),
        expect.stringContaining('"version" is "1.1.0" here but "1.0.0" in plugin.json'),
      ],
    ]);
  });
});

describe("what each target loads", () => {
  it("stylish prints one table: each manifest field's source, skills, servers and hooks per target", async () => {
    const cwd = workspace({
      ...threeHosts,
      "demo/.claude-plugin/plugin.json": codexManifest({ hooks: { SessionStart: [] } }),
    });
    const result = await run(["demo"], cwd);
    expect(result.exitCode).toBe(0);
    // A clean plugin prints the table and the summary, and no empty file heading for the result that carries it.
    expect(result.stdout.split("\n").map((line) => line.replace(/ +/g, " "))).toEqual([
      "demo: what each target loads",
      " agent-plugins codex claude-code",
      " plugin loads loads loads",
      ' "name" plugin.json plugin.json .claude-plugin/plugin.json',
      ' "version" plugin.json plugin.json .claude-plugin/plugin.json',
      ' "description" plugin.json plugin.json .claude-plugin/plugin.json',
      ' "interface" - .codex-plugin/plugin.json -',
      ' "hooks" - - .claude-plugin/plugin.json',
      " skills hello hello hello",
      // Codex 0.171 reads mcp.json beside the portable manifest; Claude Code has no .mcp.json here.
      " servers docs docs -",
      " hooks - - SessionStart",
      "✔ no problems in demo",
    ]);
  });

  it("JSON output carries it as pluginLoad on the plugin's manifest, and --quiet keeps it", async () => {
    const cwd = workspace(threeHosts);
    for (const args of [
      ["demo", "-f", "json"],
      ["demo", "-f", "json", "--quiet"],
    ]) {
      const results = JSON.parse((await run(args, cwd)).stdout) as LintFileResult[];
      expect(results.map((r) => r.filePath)).toEqual([join(cwd, "demo/plugin.json")]);
      const codex = results[0]!.pluginLoad!.targets.find((t) => t.target === "codex")!;
      expect(codex.fields).toEqual({
        name: join(cwd, "demo/plugin.json"),
        version: join(cwd, "demo/plugin.json"),
        description: join(cwd, "demo/plugin.json"),
        interface: join(cwd, "demo/.codex-plugin/plugin.json"),
      });
      expect(codex.manifests).toEqual([join(cwd, "demo/plugin.json"), join(cwd, "demo/.codex-plugin/plugin.json")]);
    }
  });

  it("marks what a target drops", async () => {
    const cwd = workspace({
      ...threeHosts,
      "demo/mcp.json": mcp({
        docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" },
        local: { type: "stdio", command: "npx -y @example/server@1.0.0" },
      }),
    });
    const report = await lint({ paths: ["demo"], cwd, config: { rules: {}, ignores: [], baseDir: cwd } });
    const standard = report.plugins![0]!.targets[0]!;
    expect(standard.servers.map((s) => [s.name, s.loaded])).toEqual([
      ["docs", true],
      ["local", false],
    ]);
  });
});

describe("where each Codex release takes MCP servers from, beside the portable manifest", () => {
  const servers = async (files: Record<string, string | object>, target: TargetSpec) => {
    const cwd = workspace(files);
    const report = await lint({ paths: ["demo"], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
    return report.plugins![0]!.targets[0]!.servers.map((s) => [s.name, s.file.slice(cwd.length + 1), s.loaded]);
  };
  const standardServer = mcp({ docs: { type: "streamable-http", url: "https://mcp.example.com/mcp" } });
  const hostServer = { mcpServers: { legacy: { url: "https://legacy.example.com/mcp" } } };

  it("Codex 0.171 loads mcp.json's servers with only plugin.json, and ignores .mcp.json and mcpServers there", async () => {
    const portableOnly = { "demo/plugin.json": manifest(), "demo/mcp.json": standardServer };
    expect(await servers(portableOnly, "codex")).toEqual([["docs", "demo/mcp.json", true]]);
    const both = {
      ...portableOnly,
      "demo/.codex-plugin/plugin.json": codexManifest({ mcpServers: "./.mcp.json" }),
      "demo/.mcp.json": hostServer,
    };
    expect(await servers(both, "codex")).toEqual([["docs", "demo/mcp.json", true]]);
    // .mcp.json alone beside the portable manifest: Codex 0.171 starts nothing.
    expect(await servers({ "demo/plugin.json": manifest(), "demo/.mcp.json": hostServer }, "codex")).toEqual([]);
  });

  it("Codex 0.117 reads no root plugin.json, so it keeps taking its servers from .mcp.json", async () => {
    const files = {
      "demo/plugin.json": manifest(),
      "demo/.codex-plugin/plugin.json": codexManifest(),
      "demo/mcp.json": standardServer,
      "demo/.mcp.json": hostServer,
    };
    expect(await servers(files, "codex@0.117.0")).toEqual([["legacy", "demo/.mcp.json", true]]);
  });
});

describe("--print-hosts", () => {
  it("prints every profile with the release it was verified against, as text or JSON", async () => {
    const cwd = workspace({});
    const text = await run(["--print-hosts"], cwd);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain("codex: Codex 0.171.0, verified against @openai/codex@0.171.0");
    expect(text.stdout).toContain("codex@0.117.0: Codex 0.117.0, verified against @openai/codex@0.117.0");
    expect(text.stdout).toMatch(/codex@0\.117\.0[\s\S]*plugin hooks\s+not loaded/);
    // What the marketplace rules read: 0.117 lists only .agents/plugins/marketplace.json and local sources.
    expect(text.stdout).toMatch(/codex:[\s\S]*marketplace sources\s+local, url[\s\S]*codex@0\.117\.0:/);
    expect(text.stdout).toMatch(/codex@0\.117\.0:[\s\S]*marketplace files\s+\.agents\/plugins\/marketplace\.json\n/);
    const json = await run(["--print-hosts", "-f", "json"], cwd);
    const summaries = JSON.parse(json.stdout) as { target: string; verifiedAgainst: string }[];
    expect(summaries.map((summary) => summary.target)).toEqual([
      "codex",
      "codex@0.117.0",
      "claude-code",
      "agent-plugins",
    ]);
    const sarif = await run(["--print-hosts", "-f", "sarif"], cwd);
    expect(sarif).toEqual({ exitCode: 2, stdout: "", stderr: expect.stringContaining("stylish or json") });
  });

  it("a versioned target in the config file selects that profile; one with no profile is refused at its line", async () => {
    const cwd = workspace({
      "demo/plugin.json": manifest(),
      "demo/skills/hello/SKILL.md": skill("hello"),
      ".pluginlintrc.json": '{\n  "targets": ["codex@0.117"]\n}\n',
    });
    const old = await run(["demo", "-f", "json"], cwd);
    const results = JSON.parse(old.stdout) as LintFileResult[];
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(["manifest/missing"]);
    writeFileSync(join(cwd, ".pluginlintrc.json"), '{\n  "targets": ["codex", "codex@0.150"]\n}\n');
    const bad = await run(["demo"], cwd);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(".pluginlintrc.json:2:24: invalid config: no profile for codex 0.150");
  });
});
