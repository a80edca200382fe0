import { runInProcess, tempDir } from "@agent-plugin/test-utils";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CliIo, runCli } from "./cli.js";

/**
 * A plugin written for Codex and Claude Code (`--target codex,claude-code --hooks --mcp stdio`), its hook and its
 * local MCP server started the way each host starts them: from the user's workspace, not the plugin folder, with
 * the plugin installed under a path that has a space in it. Each host finds its files where it really looks:
 * Codex through the paths in its manifest, Claude Code at its defaults (`hooks/hooks.json`, `.mcp.json`).
 */

const readJson = (path: string): any => JSON.parse(readFileSync(path, "utf8"));

/** The command of the plugin's one SessionStart hook. */
const sessionStartCommand = (hooksFile: string): string => readJson(hooksFile).hooks.SessionStart[0].hooks[0].command;

/** Claude Code substitutes its variable in hook commands and MCP configs, and also exports it to the process. */
const claudeSubstitute = (text: string, root: string): string => text.replaceAll("${CLAUDE_PLUGIN_ROOT}", root);

interface Setup {
  dir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Creates the plugin under "Application Support/" and a workspace repository elsewhere (temporary folders are per test). */
async function prepare(): Promise<Setup> {
  const home = tempDir("create-agent-plugin-home-");
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n");
  // Neither host's variable leaks in from the environment running the tests: each test sets its own.
  const { PLUGIN_ROOT: _codexRoot, CLAUDE_PLUGIN_ROOT: _claudeRoot, ...inherited } = process.env;
  const env = { ...inherited, HOME: home, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1" };
  const installRoot = join(tempDir(), "Application Support");
  mkdirSync(installRoot);
  // npm as the package manager that runs create, whichever runs these tests: the launcher's message names it.
  const createEnv = {
    HOME: home,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: "1",
    npm_config_user_agent: "npm/10.9.0 node/v20.19.0 linux x64",
  };
  // In this process: git and the home folder read process.env, restored when the test ends.
  for (const [name, value] of Object.entries(createEnv)) vi.stubEnv(name, value);
  const created = await runInProcess<CliIo>(
    runCli,
    ["todo-scout", "--target", "codex,claude-code", "--hooks", "--mcp", "stdio", "--yes", "--no-git", "--no-install"],
    { cwd: installRoot, env: createEnv },
  );
  expect(created, created.stderr).toMatchObject({ exitCode: 0 });
  // The user's workspace: a repository with one commit, where the hosts run hooks and servers.
  const workspace = join(tempDir(), "shop-api");
  mkdirSync(workspace);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: workspace, env, stdio: "ignore" });
  git("init", "-q", "--initial-branch=main");
  writeFileSync(join(workspace, "README.md"), "# Shop API\n");
  git("add", "README.md");
  git("commit", "-q", "-m", "Start the shop API");
  writeFileSync(join(workspace, "notes.txt"), "uncommitted\n");
  return { dir: join(installRoot, "todo-scout"), workspace, env };
}

describe.skipIf(process.platform === "win32")(
  "create-agent-plugin --target codex,claude-code: each host runs the plugin's files",
  () => {
    /** Runs a hook command through `sh -c` in the workspace, with the payload on stdin, as both hosts do. */
    function runHook(setup: Setup, command: string, env: NodeJS.ProcessEnv) {
      const payload = JSON.stringify({ hook_event_name: "SessionStart", source: "startup", cwd: setup.workspace });
      return spawnSync("sh", ["-c", command], {
        cwd: setup.workspace,
        env: { ...setup.env, ...env },
        input: payload,
        encoding: "utf8",
        timeout: 20_000,
      });
    }

    const expectedContext = (setup: Setup): string =>
      [
        "Todo Scout context (from the todo-scout plugin):",
        `- Repository: ${basename(setup.workspace)}, branch main, 1 uncommitted change(s)`,
        "- Last commit: ",
      ].join("\n");

    it("Codex: the hook file its manifest names runs the script through ${PLUGIN_ROOT}", async () => {
      const setup = await prepare();
      const manifest = readJson(join(setup.dir, ".codex-plugin/plugin.json"));
      expect(manifest.hooks).toBe("./hooks/codex-hooks.json");
      const command = sessionStartCommand(resolve(setup.dir, manifest.hooks));
      expect(command).toBe('"${PLUGIN_ROOT}/hooks/session-start.sh"');
      const result = runHook(setup, command, { PLUGIN_ROOT: setup.dir });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(expectedContext(setup));
    });

    it("Claude Code: hooks/hooks.json runs the script through ${CLAUDE_PLUGIN_ROOT}", async () => {
      const setup = await prepare();
      // No hooks path in Claude Code's manifest: it reads hooks/hooks.json.
      expect(readJson(join(setup.dir, ".claude-plugin/plugin.json")).hooks).toBeUndefined();
      const command = sessionStartCommand(join(setup.dir, "hooks/hooks.json"));
      expect(command).toBe('"${CLAUDE_PLUGIN_ROOT}/hooks/session-start.sh"');
      const result = runHook(setup, claudeSubstitute(command, setup.dir), { CLAUDE_PLUGIN_ROOT: setup.dir });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(expectedContext(setup));
    });

    /** How each host spawns the stdio server: the command and arguments, and the folder it runs in. */
    function serverLaunches(setup: Setup): Record<"codex" | "claude-code", { args: string[]; cwd: string }> {
      const manifest = readJson(join(setup.dir, ".codex-plugin/plugin.json"));
      expect(manifest.mcpServers).toBe("./.codex-mcp.json");
      const codex = readJson(resolve(setup.dir, manifest.mcpServers)).mcpServers["todo-scout"];
      const claude = readJson(join(setup.dir, ".mcp.json")).mcpServers["todo-scout"];
      expect([codex.command, claude.command]).toEqual(["node", "node"]);
      return {
        // Codex resolves a relative cwd against the plugin root.
        codex: { args: codex.args, cwd: resolve(setup.dir, codex.cwd) },
        // Claude Code ignores cwd (anthropics/claude-code#17565): the server starts in the workspace.
        "claude-code": {
          args: (claude.args as string[]).map((arg) => claudeSubstitute(arg, setup.dir)),
          cwd: setup.workspace,
        },
      };
    }

    it("both hosts start the local MCP server's launcher, which finds the compiled server next to itself", async () => {
      const setup = await prepare();
      for (const [host, launch] of Object.entries(serverLaunches(setup))) {
        // Before a build, the launcher itself runs and says what to do (not node's "Cannot find module .../server/index.mjs").
        const unbuilt = spawnSync(process.execPath, launch.args, {
          cwd: launch.cwd,
          env: { ...setup.env, CLAUDE_PLUGIN_ROOT: setup.dir },
          encoding: "utf8",
          timeout: 20_000,
        });
        expect(unbuilt.status, host).toBe(1);
        expect(unbuilt.stderr, host).toMatch(
          /^cannot start the MCP server: .*\nRun `npm install` and `npm run build` in the plugin folder first\.\n$/s,
        );
      }
      // A stand-in for the compiled server (npm run build), reporting which file was started.
      const compiled = join(setup.dir, "server/dist/src/index.js");
      mkdirSync(join(compiled, ".."), { recursive: true });
      writeFileSync(compiled, "process.stdout.write(import.meta.url);\n");
      for (const [host, launch] of Object.entries(serverLaunches(setup))) {
        const started = spawnSync(process.execPath, launch.args, {
          cwd: launch.cwd,
          env: setup.env,
          encoding: "utf8",
          timeout: 20_000,
        });
        expect(started.stderr, host).toBe("");
        expect(started.stdout, host).toBe(pathToFileURL(compiled).href);
      }
    });
  },
);
