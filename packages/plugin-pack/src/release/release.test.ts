import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { LintFailedError } from "../pack/index.js";
import { generateSigningKey, loadTrust, verifyArchive } from "../signing/index.js";
import { release } from "./release.js";
import { git, gitEnv, marketplaceRepo } from "./test-repo.js";
import { versionPackages } from "./version-packages.js";

const env = () => ({ ...process.env, ...gitEnv, PLUGIN_SIGNING_KEY: key.privateKeyPem });
const key = generateSigningKey();
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

describe("version and release, end to end with changesets 2 and git [slow]", () => {
  it("bumps exactly the changed plugins, releases exactly those, and releases nothing twice", {
    timeout: 60_000,
  }, async () => {
    const root = marketplaceRepo();
    // The baseline: every current version is released once.
    const first = await release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" });
    expect(first.released.map((r) => r.tag).sort()).toEqual(
      ["@examples/incident-postmortem@0.4.0", "@examples/pr-review@1.1.0", "@examples/release-notes@1.0.0"].sort(),
    );

    writeTree(root, {
      ".changeset/brave-pr.md": '---\n"@examples/pr-review": patch\n---\n\nRank security findings above style nits.\n',
      ".changeset/calm-incident.md":
        '---\n"@examples/incident-postmortem": minor\n---\n\nAdd a timeline template to the postmortem skill.\n',
    });
    const manifestBefore = readFileSync(join(root, "plugins/pr-review/.codex-plugin/plugin.json"), "utf8");
    const untouched = readFileSync(join(root, "plugins/release-notes/.codex-plugin/plugin.json"), "utf8");
    const versioned = await versionPackages({ cwd: root, env: env(), lockfile: false });

    expect(versioned.changesets).toMatchObject({ pending: 2, ran: true });
    expect(versioned.bumped).toEqual([
      { packageName: "@examples/incident-postmortem", from: "0.4.0", to: "0.5.0" },
      { packageName: "@examples/pr-review", from: "1.1.0", to: "1.1.1" },
    ]);
    expect(versioned.synced.map((s) => [s.packageName, s.from, s.to])).toEqual([
      ["@examples/incident-postmortem", "0.4.0", "0.5.0"],
      ["@examples/pr-review", "1.1.0", "1.1.1"],
    ]);
    // One value changed in plugin.json, every other byte kept.
    const manifestAfter = readFileSync(join(root, "plugins/pr-review/.codex-plugin/plugin.json"), "utf8");
    expect(manifestAfter).toBe(manifestBefore.replace('"version": "1.1.0"', '"version": "1.1.1"'));
    expect(readFileSync(join(root, "plugins/release-notes/.codex-plugin/plugin.json"), "utf8")).toBe(untouched);
    expect(readFileSync(join(root, "plugins/pr-review/CHANGELOG.md"), "utf8")).toContain(
      "## 1.1.1\n\n### Patch Changes\n\n- Rank security findings above style nits.",
    );
    expect(readFileSync(join(root, "plugins/incident-postmortem/CHANGELOG.md"), "utf8")).toContain("### Minor Changes");
    expect(existsSync(join(root, "plugins/release-notes/CHANGELOG.md"))).toBe(false);
    expect(readdirSync(join(root, ".changeset")).sort()).toEqual(["README.md", "config.json"]);

    git(root, "add", "-A");
    git(root, "commit", "-qm", "Release plugins");
    const second = await release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" });
    expect(second.released.map((r) => r.tag)).toEqual([
      "@examples/incident-postmortem@0.5.0",
      "@examples/pr-review@1.1.1",
    ]);
    expect(second.skipped.map((s) => s.tag)).toEqual(["@examples/release-notes@1.0.0"]);

    // SHA256SUMS checks with coreutils; every archive verifies against the key; the tags exist.
    const out = join(root, "dist/release");
    expect(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" })).toContain(
      "pr-review-1.1.1.zip: OK",
    );
    const trust = loadTrust([key.publicKey], { cwd: root });
    for (const item of second.released) {
      const report = await verifyArchive(join(root, item.archive), { trust, cwd: root });
      expect(report.ok, item.archive).toBe(true);
    }
    expect(git(root, "tag", "--list").trim().split("\n").sort()).toEqual([
      "@examples/incident-postmortem@0.4.0",
      "@examples/incident-postmortem@0.5.0",
      "@examples/pr-review@1.1.0",
      "@examples/pr-review@1.1.1",
      "@examples/release-notes@1.0.0",
    ]);
    const manifest = readJson(join(out, "release.json")) as {
      released: { tag: string; notes: string }[];
      checksums: string;
    };
    expect(manifest.released.map((r) => r.tag)).toEqual([
      "@examples/incident-postmortem@0.5.0",
      "@examples/pr-review@1.1.1",
    ]);
    expect(manifest.checksums).toBe("dist/release/SHA256SUMS");
    expect(readFileSync(join(root, manifest.released[1]!.notes), "utf8")).toMatch(
      /^### Patch Changes\n\n- Rank security findings above style nits\.\n/,
    );

    // Again: nothing is packed, no archive changes, release.json lists nothing.
    const archives = readdirSync(out)
      .filter((name) => name.endsWith(".zip"))
      .map((name) => [name, readFileSync(join(out, name)).toString("base64")]);
    const third = await release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" });
    expect(third.released).toEqual([]);
    expect(third.skipped).toHaveLength(3);
    expect(
      readdirSync(out)
        .filter((name) => name.endsWith(".zip"))
        .map((name) => [name, readFileSync(join(out, name)).toString("base64")]),
    ).toEqual(archives);
    expect(readJson(join(out, "release.json"))).toEqual({ released: [], checksums: null });
  });

  it("stops before any archive or tag when one plugin fails lint", { timeout: 30_000 }, async () => {
    const root = marketplaceRepo();
    const file = join(root, "plugins/pr-review/.codex-plugin/plugin.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"name": "pr-review"', '"name": "PR Review!"'));
    git(root, "commit", "-qam", "break");
    await expect(release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" })).rejects.toThrow(
      /lint found \d+ errors?; fix them and release again/,
    );
    expect(existsSync(join(root, "dist"))).toBe(false);
    expect(git(root, "tag", "--list")).toBe("");
  });

  it("refuses a plugin.json whose version lags its package.json, naming the command that fixes it", async () => {
    const root = marketplaceRepo();
    const file = join(root, "plugins/pr-review/package.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"1.1.0"', '"1.2.0"'));
    git(root, "commit", "-qam", "bump by hand");
    await expect(release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" })).rejects.toThrow(
      /says version "1\.1\.0" but .*package\.json says "1\.2\.0": run plugin-pack version/,
    );
    const synced = await versionPackages({ cwd: root, env: env(), changesets: false, lockfile: false });
    expect(synced.synced.map((s) => [s.from, s.to])).toEqual([["1.1.0", "1.2.0"]]);
  });

  it("updates marketplace entries that carry a version, and inserts a missing plugin.json version after the name", async () => {
    const root = marketplaceRepo();
    const claudeMarketplace =
      '{\n  "name": "team",\n  "owner": { "name": "t" },\n  "plugins": [\n    { "name": "pr-review", "source": "./plugins/pr-review", "version": "1.0.0" },\n    { "name": "incident-postmortem", "source": "./plugins/incident-postmortem" }\n  ]\n}\n';
    writeTree(root, { ".claude-plugin/marketplace.json": claudeMarketplace });
    const manifestFile = join(root, "plugins/release-notes/.codex-plugin/plugin.json");
    writeFileSync(manifestFile, readFileSync(manifestFile, "utf8").replace(/\n {2}"version": "1\.0\.0",/, ""));
    const report = await versionPackages({ cwd: root, env: env(), changesets: false, lockfile: false });
    expect(report.synced.map((s) => [s.file.slice(root.length + 1), s.from, s.to])).toEqual([
      ["plugins/release-notes/.codex-plugin/plugin.json", null, "1.0.0"],
      [".claude-plugin/marketplace.json", "1.0.0", "1.1.0"],
    ]);
    expect(readFileSync(join(root, ".claude-plugin/marketplace.json"), "utf8")).toBe(
      claudeMarketplace.replace('"version": "1.0.0"', '"version": "1.1.0"'),
    );
    expect(readFileSync(manifestFile, "utf8")).toMatch(/"name": "release-notes",\n {2}"version": "1\.0\.0",\n/);
  });
});

describe("release: plugins for Claude Code", () => {
  const skill =
    "---\nname: hello\ndescription: Greets the user by name when they ask for a greeting.\n---\nSay hello.\n";
  function repo(files: Record<string, string | object>): string {
    const root = tempDir();
    writeTree(root, { "package.json": { name: "market", private: true, workspaces: ["plugins/*"] }, ...files });
    return root;
  }

  it("lints and packs a Claude Code-only plugin as Claude Code reads it", async () => {
    const root = repo({
      "plugins/cc/package.json": { name: "cc", version: "1.0.0", private: true },
      "plugins/cc/.claude-plugin/plugin.json": {
        name: "cc",
        version: "1.0.0",
        description: "Says hello in Claude Code.",
      },
      "plugins/cc/skills/hello/SKILL.md": skill,
    });
    const report = await release({ cwd: root, env: env(), unsigned: true, tag: false });
    expect(report.lint).toEqual({ errorCount: 0, warningCount: 0 });
    expect(report.released.map((r) => [r.name, r.archive])).toEqual([["cc", "dist/release/cc-1.0.0.zip"]]);
  });

  it("lints a plugin for both hosts under both: a Claude Code manifest error stops the release", async () => {
    const root = repo({
      "plugins/both/package.json": { name: "both", version: "1.0.0", private: true },
      "plugins/both/.codex-plugin/plugin.json": { name: "both", version: "1.0.0", description: "Says hello." },
      "plugins/both/.claude-plugin/plugin.json": {
        name: "both",
        version: "1.0.0",
        description: "Says hello.",
        hooks: 42,
      },
      "plugins/both/skills/hello/SKILL.md": skill,
    });
    const failure = await release({ cwd: root, env: env(), unsigned: true, tag: false }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LintFailedError);
    const report = (failure as LintFailedError).report;
    expect(report.diagnostics.map((d) => [d.file.slice(root.length + 1), d.ruleId])).toContainEqual([
      "plugins/both/.claude-plugin/plugin.json",
      "manifest/schema",
    ]);
    expect(existsSync(join(root, "dist"))).toBe(false);
  });
});

describe("release: one plugin at the repo root", () => {
  it("releases, then finds the tag, even when git does not ignore the output folder", async () => {
    const root = tempDir();
    writeTree(root, {
      "package.json": { name: "solo", version: "0.3.0", private: true },
      ".codex-plugin/plugin.json": { name: "solo", version: "0.3.0", description: "Says hello." },
      "skills/hello/SKILL.md":
        "---\nname: hello\ndescription: Greets the user by name when they ask for a greeting.\n---\nSay hello.\n",
    });
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "solo");
    const first = await release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" });
    expect(first.released.map((r) => [r.tag, r.archive])).toEqual([["solo@0.3.0", "dist/release/solo-0.3.0.zip"]]);
    expect(git(root, "status", "--porcelain")).toBe("?? dist/\n");
    const second = await release({ cwd: root, env: env(), sign: "env:PLUGIN_SIGNING_KEY" });
    expect(second.released).toEqual([]);
    expect(second.skipped.map((s) => s.tag)).toEqual(["solo@0.3.0"]);
  });
});
