/**
 * esbuild is an optional peer dependency: a plugin without a local MCP server packs without it, and one with a local
 * server stops with one line naming the install command. The built CLI runs from a copy where no esbuild can be
 * found, as it does in a skills-only plugin's node_modules.
 */
import { repoRoot, runCli, tempDir, writeTree } from "@agent-plugin/test-utils";
import { cpSync, existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESBUILD_RANGE, isEsbuildMissing } from "./esbuild-missing.js";

const packageDir = join(repoRoot, "packages/plugin-pack");

/**
 * The published files of plugin-pack (its bin bundles everything but esbuild and a few lazily loaded packages),
 * with the deflate it loads at run time as an install has it, somewhere esbuild cannot be resolved.
 */
function copyWithoutEsbuild(): string {
  const dir = join(tempDir("plugin-pack-no-esbuild-"), "plugin-pack");
  for (const part of ["bin", "dist", "package.json"])
    cpSync(join(packageDir, part), join(dir, part), { recursive: true });
  const deflate = "node_modules/@hazae41/foras";
  cpSync(realpathSync(join(packageDir, deflate)), join(dir, deflate), { recursive: true });
  return join(dir, "bin/plugin-pack.cjs");
}

const MANIFEST = { name: "demo", version: "1.0.0", description: "A demo plugin." };

describe("plugin-pack without esbuild installed", () => {
  it("keeps esbuild an optional peer dependency, in the range it reports", () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    expect(pkg.dependencies.esbuild).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ esbuild: ESBUILD_RANGE });
    expect(pkg.peerDependenciesMeta).toEqual({ esbuild: { optional: true } });
  });

  it("packs a plugin without a local server", async () => {
    const bin = copyWithoutEsbuild();
    const plugin = join(tempDir(), "demo");
    writeTree(plugin, {
      ".codex-plugin/plugin.json": MANIFEST,
      "skills/demo/SKILL.md": "---\nname: demo\ndescription: Demo things.\n---\n\nDo the demo.\n",
      ".mcp.json": { mcpServers: { remote: { type: "http", url: "https://example.com/mcp" } } },
    });
    const result = await runCli(bin, [plugin, "--out", join(plugin, "dist"), "--no-lint"], { cwd: plugin });
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(existsSync(join(plugin, "dist/demo-1.0.0.zip"))).toBe(true);
  });

  it.each([
    ["no lockfile (npm)", {}, 'npm install --save-dev "esbuild@^0.28.2"'],
    ["pnpm-lock.yaml", { "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" }, 'pnpm add --save-dev "esbuild@^0.28.2"'],
  ])("stops on a local server with one line naming the install command: %s", async (_name, files, command) => {
    const bin = copyWithoutEsbuild();
    const plugin = join(tempDir(), "demo");
    writeTree(plugin, {
      ...files,
      ".codex-plugin/plugin.json": MANIFEST,
      ".mcp.json": { mcpServers: { demo: { command: "node", args: ["./server/index.mjs"], cwd: "." } } },
      "server/index.mjs": 'console.error("demo server");\n',
    });
    const result = await runCli(bin, [plugin, "--out", join(plugin, "dist"), "--no-lint"], { cwd: plugin });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `plugin-pack: the local MCP server "demo" (server/index.mjs) is bundled with esbuild, which is not installed: run ${command} in ${plugin}, then run it again`,
    );
    expect(existsSync(join(plugin, "dist"))).toBe(false);
  });

  it("tells a missing esbuild from a broken one", () => {
    const missing = Object.assign(new Error("Cannot find package 'esbuild' imported from /x/dist/cli.js"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const broken = Object.assign(new Error("Cannot find module '/x/node_modules/esbuild/lib/main.js'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    expect(isEsbuildMissing(missing)).toBe(true);
    expect(isEsbuildMissing(broken)).toBe(false);
    expect(isEsbuildMissing(new Error("other"))).toBe(false);
  });
});
