/**
 * The first run, as a user does it: the toolchain published to a local registry (Verdaccio) by the repository's
 * own release command, then, in an empty folder with a fresh HOME, `npm create agent-plugin@latest`, the install,
 * `npm test`, the lint, a commit through the generated pre-commit hook, the README's key step, a changeset, the
 * version and release scripts, `plugin-pack verify`, and `plugin-pack install` into a second marketplace. Once with
 * npm (a plugin with a local MCP server), once with pnpm (skills only), and once interactively in a terminal.
 * Every other package comes from the public registry through Verdaccio, so this needs the network. The users share
 * one npm cache and one pnpm, installed at the start, as on a machine where npm has run before: the third-party
 * packages are downloaded and unpacked once, not once per user.
 */
import { offline, repoRoot } from "@agent-plugin/test-utils";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { talkTo } from "./mcp-client.js";
import { hasScript, takeEveryDefault } from "./terminal.js";
import { makeUser, PNPM_SPEC, type User, type UserOptions } from "./user.js";
import { startRegistry, type LocalRegistry } from "./verdaccio.js";

const TOOLCHAIN = [
  "@agent-plugin/core",
  "@agent-plugin/plugin-lint",
  "@agent-plugin/plugin-pack",
  "create-agent-plugin",
];
const version = (
  JSON.parse(readFileSync(join(repoRoot, "packages/create-agent-plugin/package.json"), "utf8")) as {
    version: string;
  }
).version;

const readJson = (path: string): any => JSON.parse(readFileSync(path, "utf8"));

/** The README's "create the signing key" commands, run as written (npx resolves the installed plugin-pack). */
async function runReadmeKeyStep(user: User, dir: string): Promise<void> {
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const block = /Before the first release[^`]*```sh\n([^`]*)```/.exec(readme)?.[1];
  expect(block, "the README's key step").toBeDefined();
  await user.ok("sh", ["-c", block!], dir);
}

/** A commit through the plugin's own pre-commit hook (git runs .githooks/pre-commit, which lints). */
async function commit(user: User, dir: string, message: string) {
  await user.ok("git", ["add", "-A"], dir);
  return user.run("git", ["commit", "-q", "-m", message], dir);
}

/** The hook refuses a commit that breaks the manifest, then the change is undone. */
async function expectHookRefusesBrokenManifest(user: User, dir: string): Promise<void> {
  const manifestPath = join(dir, ".codex-plugin/plugin.json");
  const manifest = readFileSync(manifestPath, "utf8");
  // Codex 0.171 refuses to install a version with a "/" (it names a folder after it).
  writeFileSync(manifestPath, manifest.replace(/"version": "[^"]+"/, '"version": "1/0"'));
  const refused = await commit(user, dir, "Break the version");
  expect(refused.exitCode, refused.output).not.toBe(0);
  expect(refused.output).toContain("manifest/");
  await user.ok("git", ["reset", "-q"], dir);
  writeFileSync(manifestPath, manifest);
}

/** No changeset warning about the base branch (and no stack trace): the repository is on the branch it names. */
function expectNoBaseBranchTrouble(output: string): void {
  expect(output).not.toMatch(/diverged|baseBranch|\n\s+at \S+ \(/);
}

describe.skipIf(offline || process.platform === "win32")(
  "create-agent-plugin from a local registry, as a user runs it [slow] [network]",
  () => {
    let root: string;
    let registry: LocalRegistry | undefined;
    let shared: UserOptions;
    const started = Date.now();
    const timings: string[] = [];
    const lap = (what: string, since: number) => timings.push(`${what} ${((Date.now() - since) / 1000).toFixed(0)} s`);

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "registry-e2e-"));
      registry = await startRegistry(join(root, "verdaccio"));
      shared = { npmCache: join(root, "npm-cache"), pnpm: join(root, "pnpm/bin/pnpm") };
      // The repository's own publish step (the root `release` script after its build), pointed at the local
      // registry with a throwaway user's token: changesets publishes to npm_config_registry (else to npmjs.org).
      // --no-git-tag: the repository under test is not tagged.
      const publisher = makeUser(join(root, "publisher"), registry.url, shared);
      const npmrc = join(root, "publisher/home/.npmrc");
      writeFileSync(
        npmrc,
        `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${registry.token}\ncache=${shared.npmCache}\n`,
      );
      let since = Date.now();
      // pnpm, installed as its users install it (`npm install -g pnpm@10`), from the registry; changesets publishes
      // this pnpm workspace with it.
      await publisher.ok("npm", ["install", "--global", "--prefix", join(root, "pnpm"), PNPM_SPEC], root);
      lap("pnpm install", since);
      since = Date.now();
      const published = await publisher.run(
        join(repoRoot, "node_modules/.bin/changeset"),
        ["publish", "--no-git-tag"],
        repoRoot,
        { NPM_CONFIG_USERCONFIG: npmrc, npm_config_registry: registry.url },
      );
      expect(published.exitCode, `${published.output}\n${registry.log()}`).toBe(0);
      for (const name of TOOLCHAIN) expect(published.output).toContain(`${name}@${version}`);
      lap("publish", since);
    }, 300_000);

    afterAll(async () => {
      await registry?.stop();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      console.info(`registry e2e: ${timings.join(", ")}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
      // Removing three users' node_modules took over a minute on a busy machine.
    }, 180_000);

    it("npm: a plugin with a local MCP server, from npm create to an install in a second marketplace", {
      timeout: 900_000,
    }, async () => {
      const since = Date.now();
      const user = makeUser(join(root, "npm-user"), registry!.url, shared);
      const work = join(root, "npm-user/work");
      mkdirSync(work);
      const created = await user.ok(
        "npm",
        ["create", "agent-plugin@latest", "todo-scout", "--", "--yes", "--mcp", "stdio"],
        work,
      );
      expect(created.output).toContain("Installed the dependencies with npm");
      const dir = join(work, "todo-scout");
      expect((await user.ok("git", ["symbolic-ref", "--short", "HEAD"], dir)).stdout).toBe("main");
      expect((await user.ok("git", ["config", "core.hooksPath"], dir)).stdout).toBe(".githooks");

      // A fresh install says nothing about esbuild's install script (npm 11 lists unreviewed ones).
      rmSync(join(dir, "node_modules"), { recursive: true });
      const installed = await user.ok("npm", ["install"], dir);
      expect(installed.output).not.toMatch(/install-scripts|allowScripts|esbuild/);
      expect(existsSync(join(dir, "node_modules/esbuild"))).toBe(true);

      const tested = await user.ok("npm", ["test"], dir);
      expect(tested.stdout).toMatch(/^# pass 4$/m);
      expect(tested.stdout).toMatch(/^# fail 0$/m);
      expect(tested.stdout).toContain("bundled    todo-scout: server/index.mjs → .plugin-pack/bundles/todo-scout.mjs");
      expect((await user.ok("npm", ["run", "lint"], dir)).stdout).toContain("no problems");

      expect(await commit(user, dir, "Create todo-scout")).toMatchObject({ exitCode: 0 });
      await expectHookRefusesBrokenManifest(user, dir);

      // The README's key step: the private key outside the repository, the public one committed.
      await runReadmeKeyStep(user, dir);
      const key = join(user.home, ".agent-plugin/keys/todo-scout.key");
      expect(existsSync(key)).toBe(true);
      // What the README used to say, keygen --out keys in the plugin, no longer stops a commit: git ignores the
      // key and plugin-pack leaves it out, so plugin-lint does not report it.
      await user.ok("npx", ["@agent-plugin/plugin-pack", "keygen", "--out", "keys"], dir);
      const keyCommit = await commit(user, dir, "Add the public signing key");
      expect(keyCommit.exitCode, keyCommit.output).toBe(0);
      expect((await user.ok("git", ["ls-files", "keys"], dir)).stdout.split("\n").sort()).toEqual([
        "keys/plugin-signing.pub",
        "keys/todo-scout.pub",
      ]);

      writeFileSync(
        join(dir, ".changeset/list-fixme.md"),
        '---\n"todo-scout": minor\n---\n\nList FIXME comments too.\n',
      );
      const status = await user.ok("npx", ["changeset", "status"], dir);
      expect(status.output).toContain("todo-scout");
      expectNoBaseBranchTrouble(status.output);
      expect(await commit(user, dir, "Add a changeset")).toMatchObject({ exitCode: 0 });

      const versioned = await user.ok("npm", ["run", "version-packages"], dir);
      expect(versioned.output).toContain("todo-scout 0.1.0 → 0.2.0");
      expectNoBaseBranchTrouble(versioned.output);
      expect(readJson(join(dir, ".codex-plugin/plugin.json")).version).toBe("0.2.0");
      expect(readJson(join(dir, "package.json"))).toMatchObject({
        name: "todo-scout",
        version: "0.2.0",
        private: true,
      });
      expect(readFileSync(join(dir, "CHANGELOG.md"), "utf8")).toMatch(
        // The changeset was committed, so changesets names its commit.
        /^# Changelog\n\n## 0\.2\.0\n\n### Minor Changes\n\n- [0-9a-f]{7}: List FIXME comments too\.\n\n## 0\.1\.0\n/,
      );
      expect(existsSync(join(dir, ".changeset/list-fixme.md"))).toBe(false);
      expect(await commit(user, dir, "Release todo-scout 0.2.0")).toMatchObject({ exitCode: 0 });

      const released = await user.ok("npm", ["run", "release"], dir, {
        PLUGIN_SIGNING_KEY: readFileSync(key, "utf8"),
      });
      expect(released.output).toContain("released todo-scout@0.2.0");
      expect((await user.ok("git", ["tag", "--list"], dir)).stdout).toBe("todo-scout@0.2.0");
      const archive = "dist/release/todo-scout-0.2.0.zip";
      expect(readJson(join(dir, "dist/release/release.json")).released).toMatchObject([
        { tag: "todo-scout@0.2.0", archive },
      ]);
      const verified = await user.ok(
        "npx",
        ["@agent-plugin/plugin-pack", "verify", archive, "--trust", "keys/todo-scout.pub"],
        dir,
      );
      expect(verified.output).toMatch(/signature\s+valid/);

      // Installed into another marketplace, the bundled server answers without node_modules or server/.
      const marketplace = join(user.home, "team-plugins");
      mkdirSync(marketplace);
      await user.ok(
        "npx",
        [
          "@agent-plugin/plugin-pack",
          "install",
          archive,
          "--trust",
          "keys/todo-scout.pub",
          "--marketplace",
          marketplace,
        ],
        dir,
      );
      const entry = readJson(join(marketplace, ".agents/plugins/marketplace.json")).plugins[0];
      expect(entry).toMatchObject({ name: "todo-scout", source: { source: "local", path: "./plugins/todo-scout" } });
      const installedDir = join(marketplace, "plugins/todo-scout");
      expect(readdirSync(installedDir).sort()).toEqual([
        ".codex-plugin",
        ".mcp.json",
        ".plugin-pack",
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "assets",
        "package.json",
        "skills",
      ]);
      expect(readJson(join(installedDir, ".mcp.json"))).toEqual({
        mcpServers: { "todo-scout": { command: "node", args: ["./.plugin-pack/bundles/todo-scout.mjs"], cwd: "." } },
      });
      const workspace = join(root, "npm-user/shop");
      mkdirSync(join(workspace, "lib"), { recursive: true });
      writeFileSync(join(workspace, "lib/util.js"), "// FIXME: remove the retry loop\nexport {};\n");
      const [list, call] = await talkTo("./.plugin-pack/bundles/todo-scout.mjs", installedDir, [
        { method: "tools/list" },
        { method: "tools/call", params: { name: "list_todos", arguments: { path: workspace } } },
      ]);
      expect((list?.result?.tools as Array<{ name: string }> | undefined)?.map((tool) => tool.name)).toEqual([
        "list_todos",
      ]);
      expect(call?.result?.structuredContent).toEqual({
        root: workspace,
        todos: [{ file: "lib/util.js", line: 1, marker: "FIXME", text: "remove the retry loop" }],
        filesScanned: 1,
        truncated: false,
      });
      lap("npm", since);
    });

    it("pnpm: a skills-only plugin installs no esbuild, and releases the same way", { timeout: 900_000 }, async () => {
      const since = Date.now();
      const user = makeUser(join(root, "pnpm-user"), registry!.url, shared);
      const work = join(root, "pnpm-user/work");
      mkdirSync(work);
      const pnpm = (args: readonly string[], cwd: string, env?: Record<string, string>) =>
        user.ok("pnpm", args, cwd, env);
      const created = await pnpm(["create", "agent-plugin@latest", "release-notes", "--yes"], work);
      expect(created.output).toContain("Installed the dependencies with pnpm");
      const dir = join(work, "release-notes");
      expect((await user.ok("git", ["symbolic-ref", "--short", "HEAD"], dir)).stdout).toBe("main");

      rmSync(join(dir, "node_modules"), { recursive: true });
      const installed = await pnpm(["install"], dir);
      expect(installed.output).not.toMatch(/Ignored build scripts|esbuild/);
      expect(readdirSync(join(dir, "node_modules/.pnpm")).filter((name) => name.includes("esbuild"))).toEqual([]);

      const tested = await pnpm(["test"], dir);
      expect(tested.output).toContain("packed release-notes 0.1.0");
      expect((await pnpm(["run", "lint"], dir)).output).toContain("no problems");
      expect(await commit(user, dir, "Create release-notes")).toMatchObject({ exitCode: 0 });
      await expectHookRefusesBrokenManifest(user, dir);

      await runReadmeKeyStep(user, dir);
      const key = join(user.home, ".agent-plugin/keys/release-notes.key");
      expect(await commit(user, dir, "Add the public signing key")).toMatchObject({ exitCode: 0 });

      writeFileSync(join(dir, ".changeset/first.md"), '---\n"release-notes": patch\n---\n\nFirst fixes.\n');
      const status = await pnpm(["changeset", "status"], dir);
      expect(status.output).toContain("release-notes");
      expectNoBaseBranchTrouble(status.output);
      expect(await commit(user, dir, "Add a changeset")).toMatchObject({ exitCode: 0 });
      const versioned = await pnpm(["run", "version-packages"], dir);
      expect(versioned.output).toContain("release-notes 0.1.0 → 0.1.1");
      expect(await commit(user, dir, "Release release-notes 0.1.1")).toMatchObject({ exitCode: 0 });

      const released = await pnpm(["run", "release"], dir, { PLUGIN_SIGNING_KEY: readFileSync(key, "utf8") });
      expect(released.output).toContain("released release-notes@0.1.1");
      const archive = "dist/release/release-notes-0.1.1.zip";
      await user.ok("npx", ["@agent-plugin/plugin-pack", "verify", archive, "--trust", "keys/release-notes.pub"], dir);
      const marketplace = join(user.home, "team-plugins");
      mkdirSync(marketplace);
      await user.ok(
        "npx",
        [
          "@agent-plugin/plugin-pack",
          "install",
          archive,
          "--trust",
          "keys/release-notes.pub",
          "--marketplace",
          marketplace,
        ],
        dir,
      );
      expect(readJson(join(marketplace, ".agents/plugins/marketplace.json")).plugins[0]).toMatchObject({
        name: "release-notes",
      });
      expect(existsSync(join(marketplace, "plugins/release-notes/.codex-plugin/plugin.json"))).toBe(true);
      lap("pnpm", since);
    });

    it.skipIf(!hasScript)("npm create in a terminal, taking every default", { timeout: 600_000 }, async () => {
      const since = Date.now();
      const user = makeUser(join(root, "tty-user"), registry!.url, shared);
      const work = join(root, "tty-user/work");
      mkdirSync(work);
      const run = await takeEveryDefault(
        ["npm", "create", "agent-plugin@latest", "hello-tty"],
        work,
        user.env,
        480_000,
      );
      expect(run.exitCode, run.screen).toBe(0);
      expect(run.screen).toContain("Installed the dependencies with npm");
      const dir = join(work, "hello-tty");
      expect((await user.ok("git", ["symbolic-ref", "--short", "HEAD"], dir)).stdout).toBe("main");
      const tested = await user.ok("npm", ["test"], dir);
      expect(tested.output).toContain("packed hello-tty 0.1.0");
      expect(await commit(user, dir, "Create hello-tty")).toMatchObject({ exitCode: 0 });
      lap(`interactive (${run.enters} Enter presses)`, since);
    });
  },
);
