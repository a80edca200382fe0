/**
 * The lifecycle commands' refusals, on host homes laid out as Codex 0.171 and Claude Code 2.1.332 lay them out
 * (lifecycle-hosts.test.ts runs the real hosts): one line, exit 2, and nothing written.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, treeSnapshot, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/index.js";

async function pluginPack(args: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, {
    cwd: tempDir(),
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

/** A Codex home with demo@team installed (its table and its copy) and a Claude Code home with it installed. */
function homes() {
  const root = tempDir();
  const codex = join(root, "codex");
  const claude = join(root, "claude");
  const config = '# mine\n[plugins."demo@team"]\nenabled = true # on\n';
  writeTree(codex, {
    "config.toml": config,
    "plugins/cache/team/demo/1.0.0/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0" },
  });
  writeTree(claude, {
    "settings.json": '{\n    "theme": "dark"\n}\n',
    "plugins/installed_plugins.json": {
      version: 2,
      plugins: { "demo@team": [{ scope: "user", installPath: "/x", version: "1.0.0" }] },
    },
  });
  const auditLog = join(root, "audit.jsonl");
  return {
    root,
    codex,
    claude,
    config,
    auditLog,
    env: { HOME: join(root, "home"), CODEX_HOME: codex, CLAUDE_CONFIG_DIR: claude, AGENT_PLUGIN_AUDIT_LOG: auditLog },
  };
}

describe("enable and disable: refusals", () => {
  it("needs --host and a <plugin>@<marketplace>", async () => {
    const h = homes();
    const cases: [string[], string][] = [
      [["disable", "demo@team"], "plugin-pack: disable needs --host codex or --host claude-code\n"],
      [
        ["disable", "demo@team", "--host", "cursor"],
        'plugin-pack: --host must be codex or claude-code, not "cursor"\n',
      ],
      [
        ["enable", "demo", "--host", "codex"],
        'plugin-pack: enable needs <plugin>@<marketplace>, such as demo@team-tools (as codex plugin list and claude plugin list name it), not "demo"\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const result = await pluginPack(args, h.env);
      expect(result, args.join(" ")).toMatchObject({ exitCode: 2, stdout: "", stderr });
    }
    expect(readFileSync(join(h.codex, "config.toml"), "utf8")).toBe(h.config);
  });

  it("adds the plugin to Claude Code's enabledPlugins when settings.json has none, keeping its indentation", async () => {
    const h = homes();
    const result = await pluginPack(["disable", "demo@team", "--host", "claude-code"], h.env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(h.claude, "settings.json"), "utf8")).toBe(
      '{\n    "theme": "dark",\n    "enabledPlugins": { "demo@team": false }\n}\n',
    );
  });

  it("refuses a settings.json that is not JSON, and a broken audit log, changing nothing", async () => {
    const h = homes();
    writeFileSync(join(h.claude, "settings.json"), '{ "enabledPlugins": { "demo@team": true }, }\n');
    const before = treeSnapshot(h.root);
    const json = await pluginPack(["disable", "demo@team", "--host", "claude-code"], h.env);
    expect(json.exitCode).toBe(2);
    expect(json.stderr).toBe(
      `plugin-pack: ${join(h.claude, "settings.json")} is not a valid JSON object: fix it (Claude Code cannot read it either); nothing was changed\n`,
    );
    writeFileSync(h.auditLog, '{"seq":1}\n');
    const withLog = treeSnapshot(h.root);
    const audit = await pluginPack(["disable", "demo@team", "--host", "codex"], h.env);
    expect(audit.exitCode).toBe(2);
    expect(audit.stderr).toContain(
      `the audit log ${h.auditLog} fails its check at line 1 (not an audit record); nothing was changed`,
    );
    expect(treeSnapshot(h.root)).toEqual(withLog);
    const { "audit.jsonl": _log, ...rest } = withLog;
    expect(rest).toEqual(before);
  });
});

describe("status", () => {
  it("lists each host's plugins, and names a marketplace it cannot read as unknown, not as drift", async () => {
    const h = homes();
    const result = await pluginPack(["status", "--json"], h.env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      hosts: [
        {
          host: "codex",
          home: h.codex,
          plugins: [
            {
              plugin: "demo@team",
              installed: "1.0.0",
              enabled: true,
              listed: null,
              state: "unknown",
              detail: "marketplace team is not a local folder",
            },
          ],
        },
        {
          host: "claude-code",
          home: h.claude,
          plugins: [
            {
              plugin: "demo@team",
              installed: "1.0.0",
              enabled: false,
              listed: null,
              state: "unknown",
              detail: "marketplace team is not a local folder",
            },
          ],
        },
      ],
      drift: 0,
    });
  });

  it("reports a plugin its local marketplace moved past, or no longer lists, as drift (exit 1)", async () => {
    const h = homes();
    const market = join(h.root, "market");
    writeTree(market, {
      ".agents/plugins/marketplace.json": {
        name: "team",
        plugins: [{ name: "demo", source: { source: "local", path: "./plugins/demo" } }],
      },
      "plugins/demo/.codex-plugin/plugin.json": { name: "demo", version: "1.1.0" },
    });
    writeFileSync(
      join(h.codex, "config.toml"),
      `${h.config}\n[marketplaces.team]\nsource_type = "local"\nsource = ${JSON.stringify(market)}\n`,
    );
    const outdated = await pluginPack(["status", "--host", "codex"], h.env);
    expect(outdated.exitCode).toBe(1);
    expect(outdated.stdout).toContain("demo@team  1.0.0  enabled  outdated: the marketplace lists 1.1.0");
    expect(outdated.stdout).toContain("✖ 1 plugin drifted from their marketplace");
    writeTree(market, { ".agents/plugins/marketplace.json": { name: "team", plugins: [] } });
    const gone = await pluginPack(["status", "--host", "codex", "--json"], h.env);
    expect(JSON.parse(gone.stdout).hosts[0].plugins[0]).toMatchObject({ state: "not-listed", listed: null });
  });
});
