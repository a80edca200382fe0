// Bad input to `version` and `release` through the CLI (in-process; --json through the built bin): one line on
// stderr naming the file and what to do, exit 2, no stack trace, and no file changed.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bins, inheritedEnv, runCli, runInProcess, tempDir, treeSnapshot, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "../cli/index.js";

const plugin = (name: string, version = "1.0.0") => ({
  [`plugins/${name}/package.json`]: { name, version, private: true },
  [`plugins/${name}/.codex-plugin/plugin.json`]: { name, version, description: "Says hello." },
  [`plugins/${name}/skills/hello/SKILL.md`]:
    "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
});

function repo(files: Record<string, string | object> = {}): string {
  const root = tempDir();
  writeTree(root, {
    "package.json": { name: "market", private: true, workspaces: ["plugins/*"] },
    ".changeset/config.json": {},
    ...plugin("alpha"),
    ...files,
  });
  return root;
}

const cases: Array<{
  name: string;
  args: string[];
  files?: Record<string, string | object>;
  git?: boolean;
  env?: Record<string, string>;
  message: RegExp;
}> = [
  {
    name: "version outside a repo root",
    args: ["version", "nowhere"],
    message: /nowhere is not a folder: run in the repo root, or give its path/,
  },
  {
    name: "version with a package.json that is not JSON",
    args: ["version"],
    files: { "plugins/alpha/package.json": "{ name: alpha" },
    message: /plugins\/alpha\/package\.json is not valid JSON: fix it and run again/,
  },
  {
    name: "version with a plugin.json that is not JSON, before changesets runs",
    args: ["version"],
    files: {
      ".changeset/x.md": '---\n"alpha": patch\n---\n\nx\n',
      "plugins/alpha/.codex-plugin/plugin.json": '{"name": "alpha",',
    },
    message:
      /plugin\.json is not a valid JSON object: fix it \(plugin-lint shows where\) and run again; nothing was changed/,
  },
  {
    name: "version with a broken pnpm-workspace.yaml",
    args: ["version"],
    files: { "pnpm-workspace.yaml": "packages: [plugins/*\n" },
    message: /pnpm-workspace\.yaml is not valid YAML .*: fix it and run again/,
  },
  {
    name: "version without .changeset/",
    args: ["version"],
    files: { ".changeset/config.json": "" },
    message: /\.changeset not found: set up changesets first \(npx changeset init\), or pass --no-changesets/,
  },
  {
    name: "version with changesets pending but no @changesets/cli",
    args: ["version", "--no-lockfile"],
    files: { ".changeset/x.md": '---\n"alpha": patch\n---\n\nx\n' },
    message: /@changesets\/cli is not installed in .*: add it as a dev dependency/,
  },
  {
    name: "version with a plugin package without a version",
    args: ["version"],
    files: { "plugins/alpha/package.json": { name: "alpha" } },
    message: /plugins\/alpha\/package\.json has no "version": set one/,
  },
  {
    name: "release with no way to sign",
    args: ["release"],
    message: /release signs every archive: pass --sign <keyfile \| env:NAME> or --signer/,
  },
  {
    name: "release with both --sign and --unsigned",
    args: ["release", "--sign", "k.key", "--unsigned"],
    message: /--unsigned cannot be combined with --sign or --signer/,
  },
  {
    name: "release with an empty key variable",
    args: ["release", "--sign", "env:PLUGIN_SIGNING_KEY"],
    message: /environment variable PLUGIN_SIGNING_KEY is empty or not set/,
  },
  {
    name: "release outside git",
    args: ["release", "--unsigned"],
    message: /is not in a git repository: release tags each version \(git init, commit\), or pass --no-tag/,
  },
  {
    name: "release with two plugins of one package name",
    args: ["release", "--unsigned", "--no-tag"],
    files: { ...plugin("beta"), "plugins/beta/package.json": { name: "alpha", version: "1.0.0" } },
    message: /two plugin packages are named "alpha" \(plugins\/alpha and plugins\/beta\): give each its own name/,
  },
  {
    name: "release with an unknown flag",
    args: ["release", "--tag-prefix", "v"],
    message: /Unknown option '--tag-prefix'.*; see plugin-pack --help/,
  },
];

describe("version and release: bad input", () => {
  for (const testCase of cases) {
    it(`${testCase.name}: one line, exit 2, nothing changed`, async () => {
      const root = repo(testCase.files);
      if (testCase.files?.[".changeset/config.json"] === "") execFileSync("rm", ["-r", join(root, ".changeset")]);
      const before = treeSnapshot(root);
      const result = await runInProcess(runPluginPack, testCase.args, {
        cwd: root,
        env: { ...inheritedEnv(), PLUGIN_SIGNING_KEY: "", ...testCase.env },
      });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(testCase.message);
      expect(result.stderr).toMatch(/^plugin-pack: [^\n]+\n$/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(treeSnapshot(root)).toEqual(before);
    });
  }

  it("--json puts the error in the output too, through the built bin", async () => {
    const root = repo();
    const before = treeSnapshot(root);
    const result = await runCli(bins.pluginPack, ["release", "--json"], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: expect.stringMatching(/^release signs every archive/) });
    expect(result.stderr).toMatch(/^plugin-pack: release signs every archive[^\n]+$/);
    expect(treeSnapshot(root)).toEqual(before);
  });
});
