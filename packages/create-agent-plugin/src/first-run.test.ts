/**
 * What a user does first in a generated plugin, without a registry: the README's `test` script and its key step
 * work as written, and only a plugin with a local server depends on esbuild. (The registry end-to-end test in
 * internal/registry-e2e runs the same steps with the published packages.)
 */
import { lint } from "@agent-plugin/plugin-lint";
import { bins, repoRoot, runInProcess, tempDir } from "@agent-plugin/test-utils";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type CliIo, runCli as runCreateCli } from "./cli.js";
import { ESBUILD_RANGE, TEST_ARCHIVE_DIR } from "./package-json.js";

const snapshots = join(repoRoot, "packages/create-agent-plugin/src/__snapshots__");
const readJson = (path: string): any => JSON.parse(readFileSync(path, "utf8"));

function environment(userAgent = "npm/10.9.0 node/v20.19.0 linux x64") {
  const home = tempDir("create-agent-plugin-home-");
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n");
  return {
    home,
    env: {
      HOME: home,
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: "1",
      npm_config_user_agent: userAgent,
      CREATE_AGENT_PLUGIN_NODE_VERSION: "20.19.0",
    },
  };
}

/** Creates a plugin in this process (the steps after it run the built bins); `env` is also set in process.env. */
async function create(args: readonly string[], env: Record<string, string>): Promise<string> {
  const cwd = tempDir();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const result = await runInProcess<CliIo>(runCreateCli, [...args, "--yes", "--no-git", "--no-install"], { cwd, env });
  expect(result, result.stderr).toMatchObject({ exitCode: 0 });
  return join(cwd, readdirSync(cwd)[0]!);
}

/** Runs a package.json script's `a && b` commands in order, with the toolchain's bins from this workspace. */
function runScript(dir: string, script: string): string {
  let output = "";
  for (const command of script.split(" && ")) {
    const [bin, ...args] = command.split(" ");
    const path = bin === "plugin-lint" ? bins.pluginLint : bin === "plugin-pack" ? bins.pluginPack : undefined;
    if (!path) throw new Error(`unexpected command in the script: ${command}`);
    try {
      output += execFileSync(process.execPath, [path, ...args], { cwd: dir, encoding: "utf8", env: { NO_COLOR: "1" } });
    } catch (error) {
      const { status, stdout } = error as { status: number; stdout: string };
      throw new Error(`${command} exited ${status}:\n${stdout}`);
    }
  }
  return output;
}

describe("a generated plugin's first run", () => {
  it("has a test script in every golden package.json, including the skills-only ones", () => {
    const cases = readdirSync(snapshots);
    expect(cases.length).toBeGreaterThanOrEqual(14);
    for (const name of cases) {
      const pkg = readJson(join(snapshots, name, "package.json"));
      expect(pkg.scripts?.test, `${name}/package.json scripts.test`).toEqual(expect.stringContaining("plugin-lint"));
    }
  });

  it("`npm test` in the default plugin lints with no warnings allowed and packs into dist/test/", async () => {
    const dir = await create(["release-notes"], environment().env);
    const pkg = readJson(join(dir, "package.json"));
    expect(pkg.scripts.test).toBe(`plugin-lint --max-warnings 0 && plugin-pack . --out ${TEST_ARCHIVE_DIR} --no-lint`);
    const output = runScript(dir, pkg.scripts.test);
    expect(output).toContain("release-notes-0.1.0.zip");
    expect(existsSync(join(dir, TEST_ARCHIVE_DIR, "release-notes-0.1.0.zip"))).toBe(true);
    // dist/ stays out of git and out of the next archive.
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toMatch(/^dist\/$/m);
    expect(readFileSync(join(dir, ".pluginignore"), "utf8")).toMatch(/^\/dist\/$/m);
  });

  it("`npm test` fails when the plugin has a lint warning, not only an error", async () => {
    const dir = await create(["release-notes"], environment().env);
    const manifestPath = join(dir, ".codex-plugin/plugin.json");
    const manifest = readJson(manifestPath);
    manifest.interface.brandColor = "teal"; // manifest/brand-color: a warning
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    expect(() => runScript(dir, readJson(join(dir, "package.json")).scripts.test)).toThrow(
      /^plugin-lint --max-warnings 0 exited 1:\n[\s\S]*manifest\/brand-color/,
    );
  });

  it("depends on esbuild only with a local server, and tells npm and pnpm not to run its install script", async () => {
    const skillsOnly = readJson(join(await create(["release-notes"], environment().env), "package.json"));
    expect(JSON.stringify(skillsOnly)).not.toContain("esbuild");

    const npm = readJson(join(await create(["todo-scout", "--mcp", "stdio"], environment().env), "package.json"));
    expect(npm.devDependencies.esbuild).toBe(ESBUILD_RANGE);
    expect(npm.allowScripts).toEqual({ esbuild: false });
    expect(npm.pnpm).toBeUndefined();

    const pnpmEnv = environment("pnpm/10.34.8 npm/? node/v20.19.0 linux x64").env;
    const pnpm = readJson(join(await create(["todo-scout", "--mcp", "stdio"], pnpmEnv), "package.json"));
    expect(pnpm.devDependencies.esbuild).toBe(ESBUILD_RANGE);
    expect(pnpm.pnpm).toEqual({ ignoredBuiltDependencies: ["esbuild"] });
    expect(pnpm.allowScripts).toBeUndefined();

    // The range plugin-pack accepts as its optional peer dependency.
    const pluginPack = readJson(join(repoRoot, "packages/plugin-pack/package.json"));
    expect(pluginPack.peerDependencies.esbuild).toBe(ESBUILD_RANGE);
  });

  it("the README's key step keeps the private key outside the plugin, which still lints clean", async () => {
    const { home, env } = environment();
    const dir = await create(["release-notes"], env);
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    const block = /Before the first release[^`]*```sh\n([^`]*)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The README's commands, with npx's plugin-pack being this workspace's build.
    const script = block!.replace(/npx @agent-plugin\/plugin-pack /g, `"${process.execPath}" "${bins.pluginPack}" `);
    execFileSync("sh", ["-c", script], { cwd: dir, env: { ...process.env, ...env }, stdio: "pipe" });
    expect(existsSync(join(home, ".agent-plugin/keys/release-notes.key"))).toBe(true);
    expect(readdirSync(join(dir, "keys"))).toEqual(["release-notes.pub"]);
    const report = await lint({ paths: [dir], cwd: dir });
    expect(report.results).toEqual([]);
  });
});
