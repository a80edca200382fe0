import { loadTrust, unpack, verifyArchive } from "@agent-plugin/plugin-pack";
import { bins, offline, repoRoot, runCli, tempDir } from "@agent-plugin/test-utils";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * The environment for npm and pnpm: without the npm_* variables of the `pnpm test` that runs this file, so the
 * generated plugin installs as it would in a user's shell, and with a fresh HOME and git identity.
 */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n");
  // npm's cache stays where it is (a warm cache keeps the install fast); only git's identity is pinned.
  return { ...env, NO_COLOR: "1", GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1" };
}

/**
 * The toolchain as it will be published: `pnpm pack` turns workspace:* ranges into versions. Those versions are not
 * on the registry yet, so the generated package.json points at the tarballs, and overrides resolve the packages'
 * own dependencies on each other to the tarballs too. Everything else (the MCP SDK, zod, TypeScript, esbuild)
 * comes from the registry.
 */
async function packToolchain(dir: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const names = ["core", "plugin-lint", "plugin-pack"] as const;
  await Promise.all(
    names.map((name) =>
      run("pnpm", ["--filter", `@agent-plugin/${name}`, "pack", "--pack-destination", dir], { cwd: repoRoot, env }),
    ),
  );
  const version = (
    JSON.parse(readFileSync(join(repoRoot, "packages/plugin-pack/package.json"), "utf8")) as { version: string }
  ).version;
  return Object.fromEntries(
    names.map((name) => [`@agent-plugin/${name}`, `file:${join(dir, `agent-plugin-${name}-${version}.tgz`)}`]),
  );
}

interface JsonRpcResponse {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Starts a server as Codex does (`node <entry>` in the plugin folder) and sends newline-delimited JSON-RPC requests. */
async function talkTo(
  entry: string,
  cwd: string,
  requests: Array<{ method: string; params?: unknown }>,
): Promise<JsonRpcResponse[]> {
  const child = spawn(process.execPath, [entry], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const responses: JsonRpcResponse[] = [];
  try {
    send({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "0.0.0" } },
    });
    await lines.next();
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    for (const [index, request] of requests.entries()) {
      send({ jsonrpc: "2.0", id: index + 1, ...request });
      const line = await lines.next();
      if (line.done) throw new Error(`the server closed stdout; stderr: ${stderr}`);
      responses.push(JSON.parse(line.value) as JsonRpcResponse);
    }
  } finally {
    child.kill();
  }
  return responses;
}

// The one test here installs from the npm registry: AGENT_PLUGIN_OFFLINE=1 skips it.
describe.skipIf(offline)("create-agent-plugin --mcp stdio, end to end [slow]", () => {
  it("installs from the registry, passes its own test over stdio, packs, verifies, the bundle answers, and versions and releases it with its own scripts", {
    timeout: 180_000,
  }, async () => {
    const started = Date.now();
    const home = tempDir("create-agent-plugin-home-");
    const env = cleanEnv(home);
    const cwd = tempDir();
    // Created as `npm create agent-plugin` would (whichever package manager runs these tests): its scripts run npm.
    const created = await runCli(
      bins.createAgentPlugin,
      ["--name", "todo-scout", "--mcp", "stdio", "--yes", "--no-install"],
      {
        cwd,
        env: {
          HOME: home,
          GIT_CONFIG_GLOBAL: env.GIT_CONFIG_GLOBAL!,
          GIT_CONFIG_NOSYSTEM: "1",
          npm_config_user_agent: "npm/10.9.0 node/v20.19.0 linux x64",
        },
      },
    );
    expect(created, created.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    const dir = join(cwd, "todo-scout");

    const tarballs = await packToolchain(tempDir("toolchain-"), env);
    const manifestPath = join(dir, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      devDependencies: Record<string, string>;
      overrides?: Record<string, string>;
    };
    manifest.devDependencies["@agent-plugin/plugin-lint"] = tarballs["@agent-plugin/plugin-lint"]!;
    manifest.devDependencies["@agent-plugin/plugin-pack"] = tarballs["@agent-plugin/plugin-pack"]!;
    manifest.overrides = {
      "@agent-plugin/core": tarballs["@agent-plugin/core"]!,
      "@agent-plugin/plugin-lint": "$@agent-plugin/plugin-lint",
    };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    const npm = (args: string[]) => run("npm", args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
    await npm(["install", "--no-audit", "--no-fund"]);
    const installed = Date.now();

    // The generated test: builds, starts `node ./server/index.mjs` and calls list_todos through the SDK's client.
    const tested = await npm(["test"]);
    expect(tested.stdout).toMatch(/^# pass 4$/m);
    expect(tested.stdout).toMatch(/^# fail 0$/m);

    // `npm run pack`: the build, then the plugin-pack CLI from the installed tarball.
    const packed = await npm(["run", "pack"]);
    expect(packed.stdout).toContain("bundled    todo-scout: server/index.mjs → .plugin-pack/bundles/todo-scout.mjs");
    expect(packed.stdout).toContain("lint       clean");
    const archive = join(dir, "dist/todo-scout-0.1.0.zip");
    const verified = await verifyArchive(archive, { trust: [], allowUnsigned: true });
    expect(verified).toMatchObject({ ok: true, problems: [] });

    // Installed elsewhere, with no node_modules and no server/ folder: the bundle alone answers.
    const installedDir = join(tempDir(), "todo-scout");
    await unpack(archive, installedDir, { trust: [], allowUnsigned: true });
    expect(existsSync(join(installedDir, "server"))).toBe(false);
    expect(existsSync(join(installedDir, "node_modules"))).toBe(false);
    expect(JSON.parse(readFileSync(join(installedDir, ".mcp.json"), "utf8"))).toEqual({
      mcpServers: { "todo-scout": { command: "node", args: ["./.plugin-pack/bundles/todo-scout.mjs"], cwd: "." } },
    });
    const workspace = tempDir();
    mkdirSync(join(workspace, "lib"));
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

    // The release flow, through the generated scripts: version-packages runs the changesets installed from the
    // registry (the major that runs on this Node), which versions the private package and writes its notes, and
    // brings plugin.json along; release packs, signs with the key from the environment, and tags.
    writeFileSync(join(dir, ".changeset/list-fixme.md"), '---\n"todo-scout": minor\n---\n\nList FIXME comments too.\n');
    const versioned = await npm(["run", "version-packages"]);
    expect(versioned.stdout).toContain("todo-scout 0.1.0 → 0.2.0");
    expect(JSON.parse(readFileSync(manifestPath, "utf8"))).toMatchObject({
      name: "todo-scout",
      version: "0.2.0",
      private: true,
    });
    expect(JSON.parse(readFileSync(join(dir, ".codex-plugin/plugin.json"), "utf8"))).toMatchObject({
      version: "0.2.0",
    });
    expect(readFileSync(join(dir, "CHANGELOG.md"), "utf8")).toMatch(
      /^# Changelog\n\n## 0\.2\.0\n\n### Minor Changes\n\n- List FIXME comments too\.\n\n## 0\.1\.0\n\n- Initial release/,
    );
    expect(existsSync(join(dir, ".changeset/list-fixme.md"))).toBe(false);

    const git = (args: string[]) =>
      run("git", args, {
        cwd: dir,
        env: { ...env, GIT_AUTHOR_EMAIL: "ada@example.com", GIT_COMMITTER_EMAIL: "ada@example.com" },
      });
    if (!existsSync(join(dir, ".git"))) await git(["init", "-q", "-b", "main"]);
    await git(["add", "-A"]);
    await git(["commit", "-qm", "Release todo-scout"]);
    const keys = tempDir("keys-");
    await run(process.execPath, [bins.pluginPack, "keygen", "--out", keys, "--name", "release"], { env });
    const released = await run("npm", ["run", "release"], {
      cwd: dir,
      env: { ...env, PLUGIN_SIGNING_KEY: readFileSync(join(keys, "release.key"), "utf8") },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(released.stdout).toContain("released todo-scout@0.2.0");
    const releaseManifest = JSON.parse(readFileSync(join(dir, "dist/release/release.json"), "utf8")) as {
      released: Array<{ tag: string; archive: string }>;
    };
    expect(releaseManifest.released.map((r) => [r.tag, r.archive])).toEqual([
      ["todo-scout@0.2.0", "dist/release/todo-scout-0.2.0.zip"],
    ]);
    expect((await git(["tag", "--list"])).stdout.trim()).toBe("todo-scout@0.2.0");
    const releasedReport = await verifyArchive(join(dir, "dist/release/todo-scout-0.2.0.zip"), {
      trust: loadTrust([join(keys, "release.pub")], { cwd: dir }),
    });
    expect(releasedReport).toMatchObject({ ok: true, signature: { keyId: expect.any(String) } });

    // Timings go to the test log: npm install dominates, and depends on the registry and the npm cache.
    console.info(
      `mcp-stdio e2e: npm install ${((installed - started) / 1000).toFixed(1)} s (with create and pnpm pack), the rest ${((Date.now() - installed) / 1000).toFixed(1)} s`,
    );
  });
});
