// plugin-pack try against the pinned real hosts (installed on demand by the hosts package, passed as --host-bin),
// and its one-line refusals. The [host] tests are skipped by `pnpm test:fast` and with AGENT_PLUGIN_SKIP_HOSTS=1.
import { chmodSync, cpSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ensureHost } from "@agent-plugin/hosts";
import { inheritedEnv, repoRoot, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { beforeAll, describe, expect, it } from "vitest";
import { findHost, type TryReport } from "./index.js";
import { writeServerPlugin } from "./test-mcp-servers.js";
import { runCli as runPluginPack } from "../cli/index.js";
import type { CapabilityReport } from "../report/index.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";
const INSTALL_TIMEOUT = 15 * 60 * 1000;
const HOST_TIMEOUT = 120_000;

const pluginPack = (args: string[], cwd: string, env?: Record<string, string>) =>
  runInProcess(runPluginPack, args, { cwd, env: { ...inheritedEnv(), ...env } });

const manifest = (name: string) => ({ name, version: "1.0.0", description: "A test plugin." });

/** A plugin with one clean skill and one without a description, which Codex refuses. */
function refusingPlugin(root: string): string {
  const dir = join(root, "refusing");
  writeTree(dir, {
    ".codex-plugin/plugin.json": manifest("refusing"),
    ".claude-plugin/plugin.json": manifest("refusing"),
    "skills/summarize/SKILL.md": "---\nname: summarize\ndescription: Summarize the changes.\n---\n\nSteps.\n",
    "skills/broken/SKILL.md": "---\nname: broken\n---\n\nSteps.\n",
  });
  return dir;
}

/** A script that answers `--version` like a host would, and nothing else. */
function fakeHost(versionLine: string): string {
  const dir = tempDir();
  writeTree(dir, { codex: `#!/bin/sh\necho '${versionLine}'\n` });
  chmodSync(join(dir, "codex"), 0o755);
  return join(dir, "codex");
}

describe("plugin-pack try: bad input and missing hosts, in one line", () => {
  it("exits 2 for a folder that does not exist, and for one that is not a plugin", async () => {
    const work = tempDir();
    const missing = await pluginPack(["try", "nope"], work);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(
      `plugin-pack: ${join(work, "nope")}: no such folder; pass a plugin or marketplace folder\n`,
    );
    writeTree(work, { "notes/README.md": "# notes\n" });
    const notPlugin = await pluginPack(["try", "notes"], work);
    expect(notPlugin.exitCode).toBe(2);
    expect(notPlugin.stderr).toMatch(
      /^plugin-pack: .*notes is not a plugin: it has no \.codex-plugin\/plugin\.json.*\n$/,
    );
    expect(notPlugin.stdout).toBe("");
  });

  it("exits 2 with how to install the host when none is on PATH", async () => {
    const work = tempDir();
    const plugin = refusingPlugin(work);
    const codex = await pluginPack(["try", plugin], work, { PATH: tempDir() });
    expect(codex.exitCode).toBe(2);
    expect(codex.stderr).toBe(
      "plugin-pack: no Codex found: install it with `npm i -g @openai/codex` (it puts `codex` on PATH), or pass --host-bin PATH\n",
    );
    const claude = await pluginPack(["try", plugin, "--host", "claude-code"], work, { PATH: tempDir() });
    expect(claude.stderr).toContain("`npm i -g @anthropic-ai/claude-code`");
  });

  it("exits 2 for a host version no driver speaks, saying what to install", async () => {
    const work = tempDir();
    const plugin = refusingPlugin(work);
    const old = await pluginPack(["try", plugin, "--host-bin", fakeHost("codex-cli 0.100.0")], work);
    expect(old.exitCode).toBe(2);
    expect(old.stderr).toMatch(
      /^plugin-pack: no driver understands codex 0\.100\.0: .*; run a version it drives \(`npm i -g @openai\/codex@0\.171\.0`, or --host-bin PATH\), or update plugin-pack\n$/,
    );
    const notCodex = await pluginPack(["try", plugin, "--host-bin", fakeHost("2.1.332 (Claude Code)")], work);
    expect(notCodex.exitCode).toBe(2);
    expect(notCodex.stderr).toContain("is it Codex?");
    const both = await pluginPack(["try", plugin, "--host", "all", "--host-bin", "x"], work);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("--host-bin names one host's binary");
  });

  it("warns in one line, with both versions, about a host version the driver was not verified with", async () => {
    const found = await findHost({ host: "codex", hostBin: fakeHost("codex-cli 0.172.0"), cwd: "/", env: {} });
    expect(found.driver.id).toBe("codex-cli@1");
    expect(found.warning).toMatch(
      /^Codex 0\.172\.0 \(.*\) differs from 0\.171\.0, the version plugin-pack's codex driver was verified against/,
    );
  });
});

describe.skipIf(skipHosts)("plugin-pack try against codex 0.171.0 [host]", () => {
  let codex: string;
  beforeAll(async () => {
    codex = (await ensureHost({ host: "codex", version: "0.171.0" })).bin;
  }, INSTALL_TIMEOUT);

  it.each(["release-notes", "repo-insights", "issue-triage", "marketplace"])(
    "loads examples/%s whole (exit 0)",
    async (example) => {
      const work = tempDir();
      cpSync(join(repoRoot, "examples", example), join(work, example), { recursive: true });
      const result = await pluginPack(["try", example, "--host-bin", codex, "--json"], work);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as TryReport;
      expect(report.runs[0]).toMatchObject({ host: "codex", version: "0.171.0", driver: "codex-cli@1" });
      const plugins = report.runs[0]!.plugins;
      expect(plugins.length).toBeGreaterThan(0);
      for (const plugin of plugins) {
        expect(plugin.installed).toBe(true);
        expect(plugin.differences).toEqual([]);
        expect(plugin.skills.length).toBeGreaterThan(0);
        for (const skill of plugin.skills) {
          expect(skill.status).toBe("loaded");
          expect(skill.host?.name).toBe(`${plugin.name}:${skill.declared.name}`);
          expect(skill.host?.description).toBe(skill.declared.description?.replace(/\s+/g, " ").trim());
        }
      }
      expect(report.warnings).toEqual([]);
    },
    HOST_TIMEOUT,
  );

  it(
    "names a skill Codex refuses, with Codex's reason (exit 1)",
    async () => {
      const work = tempDir();
      const plugin = refusingPlugin(work);
      const text = await pluginPack(["try", plugin, "--host-bin", codex], work);
      expect(text.exitCode, text.stderr).toBe(1);
      expect(text.stdout).toContain("✗ broken  skills/broken/SKILL.md  REFUSED: missing field `description`");
      expect(text.stdout).toContain('✓ refusing:summarize  skills/summarize/SKILL.md\n      "Summarize the changes."');
      expect(text.stdout).toContain("lost     skill skills/broken/SKILL.md refused: missing field `description`");
      const json = await pluginPack(["try", plugin, "--host-bin", codex, "--json"], work);
      const report = JSON.parse(json.stdout) as TryReport;
      expect(report.lost).toBe(true);
      expect(report.runs[0]!.plugins[0]!.differences).toEqual([
        { kind: "lost", component: "skill", text: "skill skills/broken/SKILL.md refused: missing field `description`" },
      ]);
    },
    HOST_TIMEOUT,
  );
});

describe.skipIf(skipHosts)("plugin-pack try --run-servers against codex 0.171.0 [host]", () => {
  let codex: string;
  beforeAll(async () => {
    codex = (await ensureHost({ host: "codex", version: "0.171.0" })).bin;
  }, INSTALL_TIMEOUT);

  it(
    "lists the tools of a server that answers and the stderr of one that crashes (exit 1), and says it runs the plugin's code",
    async () => {
      const work = tempDir();
      writeServerPlugin(join(work, "servers"));
      const result = await pluginPack(["try", "servers", "--host-bin", codex, "--run-servers"], work);
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toContain(
        "note: --run-servers starts the plugin's MCP servers: their code runs on this machine",
      );
      expect(result.stdout).toContain("MCP servers  broken, echo, remote");
      expect(result.stdout).toContain("✓ echo (stdio) echo 1.2.3: 1 tools, 0 resources, 0 prompts");
      expect(result.stdout).toContain("echo(text: string, times?: integer)");
      expect(result.stdout).toContain("✗ broken (stdio): initialize: exited with code 1");
      expect(result.stdout).toContain("stderr | Error: Cannot find module 'left-pad'");
      expect(result.stdout).toContain("- remote (http): not started, pass --network to connect");
      expect(result.stdout).toMatch(/failed +MCP server broken did not answer: initialize: exited with code 1/);
      const withoutProbe = await pluginPack(["try", "servers", "--host-bin", codex], work);
      expect(withoutProbe.exitCode, withoutProbe.stdout).toBe(0);
      expect(withoutProbe.stdout).not.toContain("echo(");
    },
    HOST_TIMEOUT,
  );
});

describe.skipIf(skipHosts)("plugin-pack try --watch against codex 0.171.0 [host]", () => {
  let codex: string;
  beforeAll(async () => {
    codex = (await ensureHost({ host: "codex", version: "0.171.0" })).bin;
  }, INSTALL_TIMEOUT);

  it(
    "runs again after an edit and shows what the host loads from the edited files, without a version bump",
    async () => {
      const work = tempDir();
      const dir = join(work, "watched");
      writeTree(dir, {
        ".codex-plugin/plugin.json": manifest("watched"),
        "skills/greet/SKILL.md": "---\nname: greet\ndescription: Say hello.\n---\n\nSteps.\n",
      });
      let stdout = "";
      const controller = new AbortController();
      const io = {
        cwd: work,
        env: inheritedEnv(),
        stdout: (text: string) => {
          stdout += text;
        },
        stderr: () => {},
        signal: controller.signal,
      };
      const until = async (done: () => boolean) => {
        const deadline = Date.now() + 60_000;
        while (!done()) {
          if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${stdout}`);
          await new Promise((wake) => setTimeout(wake, 200));
        }
      };
      const exit = runPluginPack(["try", "watched", "--host-bin", codex, "--watch", "--json"], io);
      await until(() => stdout.split("\n").filter(Boolean).length >= 1);
      writeFileSync(join(dir, "skills/greet/SKILL.md"), "---\nname: greet\ndescription: Say goodbye.\n---\n\nSteps.\n");
      await until(() => stdout.split("\n").filter(Boolean).length >= 2);
      controller.abort();
      expect(await exit).toBe(0);
      const reports = stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as TryReport);
      const shown = reports.map((report) => report.runs[0]!.plugins[0]!.skills[0]!.host?.description);
      expect(shown.slice(0, 2)).toEqual(["Say hello.", "Say goodbye."]);
      expect(reports.map((report) => report.runs[0]!.plugins[0]!.manifest.version)).toContain("1.0.0");
    },
    HOST_TIMEOUT,
  );
});

describe.skipIf(skipHosts)("plugin-pack try against claude-code 2.1.332 [host]", () => {
  let claude: string;
  beforeAll(async () => {
    claude = (await ensureHost({ host: "claude-code", version: "2.1.332" })).bin;
  }, INSTALL_TIMEOUT);

  it(
    "lists skills, agents and commands as Claude Code loads them",
    async () => {
      const work = tempDir();
      writeTree(join(work, "clean"), {
        ".claude-plugin/plugin.json": manifest("clean"),
        "skills/summarize/SKILL.md": "---\nname: summarize\ndescription: Summarize.\n---\n\nSteps.\n",
        "agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews changes\n---\n\nReview.\n",
        "commands/ship.md": "---\ndescription: Ship it\n---\n\nShip.\n",
      });
      const result = await pluginPack(["try", "clean", "--host", "claude-code", "--host-bin", claude, "--json"], work);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      const plugin = (JSON.parse(result.stdout) as TryReport).runs[0]!.plugins[0]!;
      expect(plugin.skills.map((skill) => [skill.path, skill.status])).toEqual([
        ["skills/summarize/SKILL.md", "loaded"],
      ]);
      expect(plugin.agents?.loaded).toHaveLength(1);
      expect(plugin.commands?.loaded).toHaveLength(1);
      expect(plugin.differences).toEqual([]);
    },
    HOST_TIMEOUT,
  );
});

/** A plugin for both hosts with a skill, an agent, a command, a hook and an MCP server (which never starts here). */
function fullPlugin(root: string): string {
  const dir = join(root, "full");
  writeTree(dir, {
    ".codex-plugin/plugin.json": manifest("full"),
    ".claude-plugin/plugin.json": manifest("full"),
    "skills/summarize/SKILL.md":
      "---\nname: summarize\ndescription: Summarize the changes in the working tree for a commit message.\n---\n\nRead git diff and write a summary.\n",
    "agents/reviewer.md":
      "---\nname: reviewer\ndescription: Reviews changes for bugs and style\n---\n\nReview the diff.\n",
    "commands/ship.md": "---\ndescription: Ship the current branch\n---\n\nRun the release.\n",
    "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo hi" }] }] } },
    ".mcp.json": { mcpServers: { echo: { command: "node", args: ["./server.mjs"] } } },
    "server.mjs": "process.exit(1);\n",
  });
  return dir;
}

describe.skipIf(skipHosts)("plugin-pack try: the context budget [host]", () => {
  let codex: string;
  let claude: string;
  beforeAll(async () => {
    codex = (await ensureHost({ host: "codex", version: "0.171.0" })).bin;
    claude = (await ensureHost({ host: "claude-code", version: "2.1.332" })).bin;
  }, INSTALL_TIMEOUT);

  it(
    "counts the skill lines Codex renders for examples/release-notes, the same text inspect builds from the files",
    async () => {
      const work = tempDir();
      cpSync(join(repoRoot, "examples/release-notes"), join(work, "release-notes"), { recursive: true });
      const result = await pluginPack(["try", "release-notes", "--host-bin", codex, "--json"], work);
      expect(result.exitCode, result.stderr).toBe(0);
      const budget = (JSON.parse(result.stdout) as TryReport).runs[0]!.plugins[0]!.budget!;
      expect(budget).toMatchObject({ host: "codex", tokenizer: "o200k_base", estimate: false, alwaysOn: 221 });
      expect(budget.components.map((c) => [c.name, c.textFrom, c.alwaysOn, c.onInvoke])).toEqual([
        ["release-notes:draft-release-notes", "host", 72, 881],
        ["release-notes:plan-version-bump", "host", 73, 609],
        ["release-notes:review-changelog-entry", "host", 76, 616],
      ]);
      const inspected = await pluginPack(["inspect", "release-notes", "--json", "--budget"], work);
      const fromFiles = (JSON.parse(inspected.stdout) as CapabilityReport).contextBudget!;
      expect(fromFiles.components.map((c) => c.text)).toEqual(budget.components.map((c) => c.text));
      expect(budget.components[0]!.text).toMatch(
        /^- release-notes:draft-release-notes: Draft user-facing release notes .* \(file: r1\/draft-release-notes\/SKILL\.md\)$/,
      );

      const over = await pluginPack(
        ["try", "release-notes", "--host-bin", codex, "--max-always-on-tokens", "220"],
        work,
      );
      expect(over.exitCode).toBe(1);
      expect(over.stdout).toContain(
        "over budget: release-notes: 221 always-on tokens (codex, o200k_base) is over --max-always-on-tokens 220; biggest: skill release-notes:review-changelog-entry (76), skill release-notes:plan-version-bump (73), skill release-notes:draft-release-notes (72)\nloaded whole, over the token budget (exit 1)\n",
      );
      const within = await pluginPack(
        ["try", "release-notes", "--host-bin", codex, "--max-always-on-tokens", "221", "--json"],
        work,
      );
      expect(within.exitCode, within.stderr).toBe(0);
      expect((JSON.parse(within.stdout) as TryReport).overBudget).toEqual([]);
    },
    HOST_TIMEOUT,
  );

  it(
    "shows Claude Code's inventory (agents, commands, hooks, MCP servers) and its own token figures beside the estimate",
    async () => {
      const work = tempDir();
      fullPlugin(work);
      const result = await pluginPack(["try", "full", "--host", "claude-code", "--host-bin", claude], work);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      const text = result.stdout;
      expect(text).toContain("    ✓ summarize  skills/summarize/SKILL.md\n");
      expect(text).toContain(
        '      "Summarize the changes in the working tree for a commit message." (the file\'s description;\n',
      );
      expect(text).toContain("  MCP servers  echo\n");
      expect(text).toContain("  hooks        SessionStart\n    SessionStart  echo hi\n");
      expect(text).toContain("  agents       reviewer\n");
      expect(text).toContain("  commands     ship\n");
      expect(text).toContain(
        "  context: 33 always-on tokens (o200k_base, an estimate: Claude Code's tokenizer is not public) · Claude Code's own estimate ~39\n",
      );
      expect(text).toContain("    skill    summarize  always-on 18  on invoke 8  Claude Code: ~20 / < 20\n");
      expect(text).toContain("    command  ship       always-on 7   on invoke 4  Claude Code: < 20 / < 20\n");
      expect(text).toContain("    agent    reviewer   always-on 8   on invoke 4  Claude Code: < 20 / < 20\n");
      expect(text).toContain(
        "    not counted: MCP server echo: tool schemas are resolved at runtime (Claude Code does not count them either)\n",
      );
    },
    HOST_TIMEOUT,
  );

  it(
    "--host all: one report per host, and the exit codes combined",
    async () => {
      const work = tempDir();
      fullPlugin(work);
      refusingPlugin(work);
      const bins = tempDir();
      symlinkSync(codex, join(bins, "codex"));
      symlinkSync(claude, join(bins, "claude"));
      const env = { PATH: `${bins}${delimiter}${process.env.PATH ?? ""}` };
      const whole = await pluginPack(["try", "full", "--host", "all", "--json"], work, env);
      expect(whole.exitCode, whole.stderr).toBe(0);
      const report = JSON.parse(whole.stdout) as TryReport;
      expect(report.runs.map((run) => [run.host, run.version, run.plugins[0]!.lost])).toEqual([
        ["codex", "0.171.0", false],
        ["claude-code", "2.1.332", false],
      ]);
      // Codex lists the command as a skill of its own making; the budget counts it as the command it came from.
      expect(report.runs[0]!.plugins[0]!.budget!.components.map((c) => [c.kind, c.name, c.textFrom])).toEqual([
        ["skill", "full:summarize", "host"],
        ["command", "full:source-command-ship", "host"],
        ["mcp", "echo", "files"],
      ]);
      expect(report.runs[1]!.plugins[0]!.budget!.hostAlwaysOn).toBe("~39");
      const text = await pluginPack(["try", "refusing", "--host", "all"], work, env);
      expect(text.exitCode).toBe(1);
      expect(text.stdout).toMatch(/^codex 0\.171\.0 · driver codex-cli@1 · /);
      expect(text.stdout).toContain("\nclaude-code 2.1.332 · driver claude-code-cli@1 · ");
      expect(text.stdout).toContain("lost     skill skills/broken/SKILL.md refused: missing field `description`");
      expect(text.stdout).toMatch(/the host lost something the plugin's files declare \(exit 1\)\n$/);
    },
    HOST_TIMEOUT,
  );
});
