/**
 * enable and disable against the pinned real hosts, in throwaway homes: Codex 0.171 reads the config.toml plugin-pack
 * edited (`codex plugin list --json`), and Claude Code 2.1.332 the settings.json (`claude plugin list --json`). The
 * edit changes that one value only; a malformed config.toml is refused with its line and left as it was.
 * Skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { currentPin, ensureHost } from "@agent-plugin/hosts";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { beforeAll, describe, expect, it } from "vitest";
import { readAuditChain } from "../audit/index.js";
import { runCli } from "../cli/index.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";
const INSTALL_TIMEOUT = 15 * 60 * 1000;
const run = promisify(execFile);

interface Home {
  work: string;
  env: Record<string, string>;
  auditLog: string;
  host(args: string[]): Promise<string>;
}

/** A throwaway HOME, host config folder and working folder; the host runs with no telemetry and no login. */
function home(bin: string, configVariable: "CODEX_HOME" | "CLAUDE_CONFIG_DIR"): Home {
  const root = tempDir();
  const folders = { home: join(root, "home"), config: join(root, "config"), work: join(root, "work") };
  for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: folders.home,
    [configVariable]: folders.config,
    NO_COLOR: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    AGENT_PLUGIN_ACTOR: "ops@example",
  };
  return {
    work: root,
    env,
    auditLog: join(root, "audit.jsonl"),
    host: async (args) => (await run(bin, args, { cwd: folders.work, env, timeout: 120_000 })).stdout,
  };
}

async function pluginPack(args: string[], h: Home) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args[0] === "status" ? args : [...args, "--audit-log", h.auditLog], {
    cwd: h.work,
    env: h.env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

/** A marketplace with plugin demo, for Codex (`.agents/`) and Claude Code (`.claude-plugin/`). */
function marketplace(root: string): string {
  const dir = join(root, "team-market");
  writeTree(dir, {
    ".agents/plugins/marketplace.json": {
      name: "team",
      plugins: [
        {
          name: "demo",
          source: { source: "local", path: "./plugins/demo" },
          policy: { installation: "AVAILABLE", authentication: "ON_USE" },
          category: "Productivity",
        },
      ],
    },
    ".claude-plugin/marketplace.json": {
      name: "team",
      owner: { name: "Team" },
      plugins: [{ name: "demo", source: "./plugins/demo", version: "1.0.0" }],
    },
    "plugins/demo/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
    "plugins/demo/.claude-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
    "plugins/demo/skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user.\n---\nSay hello.\n",
  });
  return dir;
}

// Each test starts the host several times; Claude Code takes seconds per start on a busy machine.
const HOST_TEST_TIMEOUT = 180_000;

describe.skipIf(skipHosts)(
  `enable and disable in Codex ${currentPin("codex").version} [host]`,
  { timeout: HOST_TEST_TIMEOUT },
  () => {
    let bin = "";
    beforeAll(async () => {
      bin = (await ensureHost({ host: "codex", version: currentPin("codex").version })).bin;
    }, INSTALL_TIMEOUT);

    const enabledInCodex = async (h: Home) => {
      const list = JSON.parse(await h.host(["plugin", "list", "--json"])) as {
        installed: { pluginId: string; enabled: boolean }[];
      };
      return list.installed.find((plugin) => plugin.pluginId === "demo@team")?.enabled;
    };

    it("disable, then enable: Codex lists the plugin disabled, then enabled; only that value changes", async () => {
      const h = home(bin, "CODEX_HOME");
      await h.host(["plugin", "marketplace", "add", marketplace(h.work)]);
      await h.host(["plugin", "add", "demo@team"]);
      const file = join(h.env.CODEX_HOME!, "config.toml");
      // A config a person has edited: comments, blank lines, other tables and keys around the plugin's table.
      const original = `# my Codex settings\nmodel = "o3"  # the default model\n\n${readFileSync(file, "utf8").replace(
        "enabled = true",
        "# switched by plugin-pack\nenabled = true   # keep this comment",
      )}\n[plugins."other@team"]\nenabled = false\n\n[profiles.fast]\nmodel_reasoning_effort = "low"\n`;
      writeFileSync(file, original);
      expect(await enabledInCodex(h)).toBe(true);

      const disabled = await pluginPack(["disable", "demo@team", "--host", "codex"], h);
      expect(disabled.exitCode, disabled.stderr).toBe(0);
      expect(disabled.stdout).toContain("✔ disabled demo@team 1.0.0 in Codex");
      expect(readFileSync(file, "utf8")).toBe(
        original.replace("enabled = true   # keep this comment", "enabled = false   # keep this comment"),
      );
      expect(await enabledInCodex(h)).toBe(false);

      const enabled = await pluginPack(["enable", "demo@team", "--host", "codex"], h);
      expect(enabled.exitCode, enabled.stderr).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(original);
      expect(await enabledInCodex(h)).toBe(true);

      const again = await pluginPack(["enable", "demo@team", "--host", "codex"], h);
      expect(again.stdout).toContain("is already enabled in Codex; nothing changed");

      const { records, problem } = readAuditChain(h.auditLog);
      expect(problem).toBeUndefined();
      expect(records.map((r) => [r.action, r.host, r.plugin, r.marketplace, r.to, r.actor])).toEqual([
        ["disable", "codex", "demo", "team", "1.0.0", "ops@example"],
        ["enable", "codex", "demo", "team", "1.0.0", "ops@example"],
      ]);

      // other@team has a table but no installed copy: drift, so status exits 1.
      const status = await pluginPack(["status", "--host", "codex", "--json"], h);
      expect(status.exitCode, status.stderr).toBe(1);
      expect(JSON.parse(status.stdout).drift).toBe(1);
      expect(JSON.parse(status.stdout).hosts[0].plugins).toEqual([
        { plugin: "demo@team", installed: "1.0.0", enabled: true, listed: "1.0.0", state: "in-sync" },
        expect.objectContaining({ plugin: "other@team", state: "not-installed" }),
      ]);
    });

    it("uninstall --host codex: the marketplace entry and folder go, and Codex no longer lists the plugin", async () => {
      const h = home(bin, "CODEX_HOME");
      const market = marketplace(h.work);
      await h.host(["plugin", "marketplace", "add", market]);
      await h.host(["plugin", "add", "demo@team"]);
      const listed = async () =>
        (JSON.parse(await h.host(["plugin", "list", "--json"])) as { installed: { pluginId: string }[] }).installed.map(
          (plugin) => plugin.pluginId,
        );
      expect(await listed()).toEqual(["demo@team"]);
      const result = await pluginPack(["uninstall", "demo@team", "--marketplace", market, "--host", "codex"], h);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('removed from Codex: [plugins."demo@team"]');
      expect(await listed()).toEqual([]);
      expect(existsSync(join(market, "plugins/demo"))).toBe(false);
      expect(existsSync(join(h.env.CODEX_HOME!, "plugins/cache/team/demo"))).toBe(false);
      expect(readFileSync(join(h.env.CODEX_HOME!, "config.toml"), "utf8")).not.toContain("demo@team");
      expect(readAuditChain(h.auditLog).records.map((r) => [r.action, r.host, r.from])).toEqual([
        ["uninstall", "codex", "1.0.0"],
      ]);
    });

    it("refuses a malformed config.toml with its line, and leaves it unchanged; refuses a plugin Codex has not installed", async () => {
      const h = home(bin, "CODEX_HOME");
      await h.host(["plugin", "marketplace", "add", marketplace(h.work)]);
      await h.host(["plugin", "add", "demo@team"]);
      const file = join(h.env.CODEX_HOME!, "config.toml");
      const broken = `${readFileSync(file, "utf8")}\n[plugins."demo@team"]\nenabled = false\n`;
      writeFileSync(file, broken);
      const duplicate = await pluginPack(["disable", "demo@team", "--host", "codex"], h);
      expect(duplicate.exitCode).toBe(2);
      const line = broken.split("\n").lastIndexOf('[plugins."demo@team"]') + 1;
      expect(duplicate.stderr).toBe(
        `plugin-pack: ${file}:${line}:10: duplicate key; fix it first (Codex cannot read it either); nothing was changed\n`,
      );
      expect(readFileSync(file, "utf8")).toBe(broken);

      const unclosed = `${broken.slice(0, broken.lastIndexOf("[plugins"))}x = [\n`;
      writeFileSync(file, unclosed);
      const result = await pluginPack(["enable", "demo@team", "--host", "codex"], h);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`${file}:${unclosed.split("\n").length - 1}:`);
      expect(result.stderr).toContain("unclosed array");
      expect(readFileSync(file, "utf8")).toBe(unclosed);

      writeFileSync(file, broken.slice(0, broken.lastIndexOf("[plugins")));
      const missing = await pluginPack(["disable", "nothere@team", "--host", "codex"], h);
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toContain("nothere@team is not installed in Codex");
      expect(readAuditChain(h.auditLog).records).toEqual([]);
    });
  },
);

describe.skipIf(skipHosts)(
  `enable and disable in Claude Code ${currentPin("claude-code").version} [host]`,
  { timeout: HOST_TEST_TIMEOUT },
  () => {
    let bin = "";
    beforeAll(async () => {
      bin = (await ensureHost({ host: "claude-code", version: currentPin("claude-code").version })).bin;
    }, INSTALL_TIMEOUT);

    it("disable, then enable: claude plugin list shows it disabled, then enabled; settings.json keeps its layout", async () => {
      const h = home(bin, "CLAUDE_CONFIG_DIR");
      await h.host(["plugin", "marketplace", "add", marketplace(h.work)]);
      await h.host(["plugin", "install", "demo@team"]);
      const enabledInClaude = async () => {
        const list = JSON.parse(await h.host(["plugin", "list", "--json"])) as { id: string; enabled: boolean }[];
        return list.find((plugin) => plugin.id === "demo@team")?.enabled;
      };
      const file = join(h.env.CLAUDE_CONFIG_DIR!, "settings.json");
      const original = readFileSync(file, "utf8");
      expect(JSON.parse(original).enabledPlugins).toEqual({ "demo@team": true });
      expect(await enabledInClaude()).toBe(true);

      const disabled = await pluginPack(["disable", "demo@team", "--host", "claude-code"], h);
      expect(disabled.exitCode, disabled.stderr).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(original.replace('"demo@team": true', '"demo@team": false'));
      expect(await enabledInClaude()).toBe(false);

      const enabled = await pluginPack(["enable", "demo@team", "--host", "claude-code"], h);
      expect(enabled.exitCode, enabled.stderr).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(original);
      expect(await enabledInClaude()).toBe(true);
      expect(readAuditChain(h.auditLog).records.map((r) => [r.action, r.host])).toEqual([
        ["disable", "claude-code"],
        ["enable", "claude-code"],
      ]);

      const status = await pluginPack(["status", "--host", "claude-code", "--json"], h);
      expect(JSON.parse(status.stdout).hosts[0].plugins).toEqual([
        { plugin: "demo@team", installed: "1.0.0", enabled: true, listed: "1.0.0", state: "in-sync" },
      ]);
    });

    it("uninstall --host claude-code: claude plugin list no longer shows it; settings.json keeps everything else", async () => {
      const h = home(bin, "CLAUDE_CONFIG_DIR");
      const market = marketplace(h.work);
      await h.host(["plugin", "marketplace", "add", market]);
      await h.host(["plugin", "install", "demo@team"]);
      const ids = async () =>
        (JSON.parse(await h.host(["plugin", "list", "--json"])) as { id: string }[]).map((plugin) => plugin.id);
      expect(await ids()).toContain("demo@team");
      const settings = join(h.env.CLAUDE_CONFIG_DIR!, "settings.json");
      const before = JSON.parse(readFileSync(settings, "utf8"));
      const result = await pluginPack(["uninstall", "demo@team", "--marketplace", market, "--host", "claude-code"], h);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('removed from Claude Code: plugins["demo@team"] in ');
      expect(await ids()).not.toContain("demo@team");
      expect(JSON.parse(readFileSync(settings, "utf8"))).toEqual({ ...before, enabledPlugins: {} });
      expect(existsSync(join(h.env.CLAUDE_CONFIG_DIR!, "plugins/cache/team/demo"))).toBe(false);
      expect(existsSync(join(market, "plugins/demo"))).toBe(false);
    });
  },
);
