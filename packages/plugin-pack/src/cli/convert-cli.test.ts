/** `plugin-pack convert` on the command line: exit 0 when everything is carried, 1 when something is not, 2 on bad input. */
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { inheritedEnv, repoRoot, runInProcess, tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "./index.js";

const run = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });

function example(name: string): string {
  const work = tempDir();
  cpSync(join(repoRoot, "examples", name), join(work, name), { recursive: true });
  return work;
}

describe("plugin-pack convert", () => {
  it("exits 1 and lists what was not carried, after writing the converted plugin", async () => {
    const work = example("repo-insights");
    const result = await run(["convert", "repo-insights", "--to", "agent-plugins"], work);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("converted repo-insights from codex to agent-plugins\n");
    expect(result.stdout).toContain("Not carried (6): agent-plugins has no place for\n");
    expect(result.stdout).toContain(
      '  .mcp.json  server "github" bearer_token_env_var: the token from $GITHUB_MCP_PAT: the standard has no way to name a credential (§9.2); its hosts ask the user or sign in\n',
    );
    expect(readdirSync(join(work, "repo-insights-agent-plugins/repo-insights")).sort()).toContain("mcp.json");
  });

  it("exits 0 when everything is carried, and prints the library's data with --json", async () => {
    const work = example("todo-scout");
    const result = await run(
      ["convert", "todo-scout", "--to", "claude-code", "--out", "out/todo-scout", "--json"],
      work,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: "todo-scout",
      from: "agent-plugins",
      to: "claude-code",
      dir: join(work, "out/todo-scout"),
      written: [".claude-plugin/plugin.json", ".mcp.json"],
      removed: ["plugin.json"],
      servers: ["todo-scout"],
      notCarried: [],
    });
  });

  it("exits 2 with one line on standard error for a missing or unknown --to, a missing folder or an existing layout", async () => {
    const work = example("todo-scout");
    for (const [args, message] of [
      [["convert", "todo-scout"], "plugin-pack: convert needs --to agent-plugins, codex or claude-code"],
      [
        ["convert", "todo-scout", "--to", "cursor"],
        'plugin-pack: unknown --to "cursor": use agent-plugins, codex or claude-code',
      ],
      [
        ["convert", "nothere", "--to", "codex"],
        "plugin-pack: nothere does not exist: give the plugin folder to convert",
      ],
      [
        ["convert", "todo-scout", "--to", "codex"],
        "plugin-pack: todo-scout already has the codex layout (.codex-plugin/plugin.json): nothing to convert; give another --to",
      ],
      [
        ["convert", "todo-scout", "--to", "claude-code", "--out", "x", "--in-place"],
        "plugin-pack: --out and --in-place exclude each other: give one",
      ],
    ] as const) {
      const result = await run([...args], work);
      expect(result, args.join(" ")).toMatchObject({ exitCode: 2, stdout: "", stderr: `${message}\n` });
    }
    expect(readdirSync(work)).toEqual(["todo-scout"]);
  });
});
