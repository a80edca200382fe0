// The release flow's acceptance, through the built CLIs and real git: a marketplace monorepo (examples/marketplace
// plus a third plugin no changeset touches) is versioned with changesets 2, released, released again, and one
// archive is installed into a second marketplace repo; a tampered copy installs nothing. A release that fails
// half-way runs in-process.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bins, inheritedEnv, runCli, runInProcess, tempDir, treeSnapshot } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "../cli/index.js";
import { git, gitEnv, marketplaceRepo } from "./test-repo.js";

const read = (path: string) => readFileSync(path, "utf8");
const versionOf = (path: string) => (JSON.parse(read(path)) as { version: string }).version;

function monorepo(): string {
  const root = marketplaceRepo();
  // The versions already out: release-notes stays at its tag; the other two get changesets below.
  for (const tag of [
    "@examples/pr-review@1.1.0",
    "@examples/incident-postmortem@0.4.0",
    "@examples/release-notes@1.0.0",
  ])
    git(root, "tag", tag);
  return root;
}

describe("plugin-pack version, release and install, end to end [slow]", () => {
  it("versions and releases exactly the changed plugins, once, and installs one into another marketplace", {
    timeout: 90_000,
  }, async () => {
    const root = monorepo();
    const keys = tempDir("keys-");
    const keygen = await runCli(bins.pluginPack, ["keygen", "--out", keys, "--name", "release"], { cwd: keys });
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    const env = { ...gitEnv, PLUGIN_SIGNING_KEY: read(join(keys, "release.key")) };
    const pluginPack = (args: string[], cwd = root) => runCli(bins.pluginPack, args, { cwd, env });

    writeFileSync(
      join(root, ".changeset/brave-pr.md"),
      '---\n"@examples/pr-review": patch\n---\n\nRank security findings above style nits.\n',
    );
    writeFileSync(
      join(root, ".changeset/calm-incident.md"),
      '---\n"@examples/incident-postmortem": minor\n---\n\nAdd a timeline template.\n',
    );
    const untouched = read(join(root, "plugins/release-notes/.codex-plugin/plugin.json"));

    // The version PR: package.json, plugin.json and CHANGELOG.md move for exactly the two plugins.
    const versioned = await pluginPack(["version", "--no-lockfile"]);
    expect(versioned, versioned.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(versioned.stdout).toBe(
      [
        "changesets: 2 applied by changeset version",
        "  @examples/incident-postmortem 0.4.0 → 0.5.0",
        "  @examples/pr-review 1.1.0 → 1.1.1",
        "  synced plugins/incident-postmortem/.codex-plugin/plugin.json: 0.4.0 → 0.5.0",
        "  synced plugins/pr-review/.codex-plugin/plugin.json: 1.1.0 → 1.1.1",
      ].join("\n"),
    );
    for (const [plugin, version] of [
      ["pr-review", "1.1.1"],
      ["incident-postmortem", "0.5.0"],
    ] as const) {
      expect(versionOf(join(root, `plugins/${plugin}/package.json`))).toBe(version);
      expect(versionOf(join(root, `plugins/${plugin}/.codex-plugin/plugin.json`))).toBe(version);
      expect(read(join(root, `plugins/${plugin}/CHANGELOG.md`))).toContain(`## ${version}`);
    }
    expect(read(join(root, "plugins/release-notes/.codex-plugin/plugin.json"))).toBe(untouched);
    expect(existsSync(join(root, "plugins/release-notes/CHANGELOG.md"))).toBe(false);
    expect((await runCli(bins.pluginLint, ["."], { cwd: root })).exitCode).toBe(0);

    // Before the version commit, release refuses: the archives must match the tagged commit.
    const dirty = await pluginPack(["release", "--sign", "env:PLUGIN_SIGNING_KEY"]);
    expect(dirty.exitCode).toBe(2);
    expect(dirty.stderr).toMatch(
      /^plugin-pack: uncommitted changes in the plugins \(.*\): commit them so the archives match the tagged commit, or pass --allow-dirty$/,
    );
    git(root, "add", "-A");
    git(root, "commit", "-qm", "Release plugins");

    const dryRun = await pluginPack(["release", "--dry-run", "--unsigned"]);
    expect(dryRun.stdout).toContain(
      "would release @examples/incident-postmortem@0.5.0 from plugins/incident-postmortem\nwould release @examples/pr-review@1.1.1 from plugins/pr-review\n",
    );
    expect(existsSync(join(root, "dist"))).toBe(false);

    const released = await pluginPack(["release", "--sign", "env:PLUGIN_SIGNING_KEY", "--json"]);
    expect(released.exitCode, released.stderr).toBe(0);
    const report = JSON.parse(released.stdout) as {
      released: Array<{ tag: string; archive: string; sha256: string }>;
      skipped: Array<{ tag: string }>;
    };
    expect(report.released.map((r) => r.tag)).toEqual([
      "@examples/incident-postmortem@0.5.0",
      "@examples/pr-review@1.1.1",
    ]);
    expect(report.skipped.map((s) => s.tag)).toEqual(["@examples/release-notes@1.0.0"]);
    const out = join(root, "dist/release");
    expect(readdirSync(out).sort()).toEqual([
      "SHA256SUMS",
      "incident-postmortem-0.5.0.md",
      "incident-postmortem-0.5.0.zip",
      "pr-review-1.1.1.md",
      "pr-review-1.1.1.zip",
      "release.json",
    ]);
    expect(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" })).toBe(
      "incident-postmortem-0.5.0.zip: OK\npr-review-1.1.1.zip: OK\n",
    );
    expect(git(root, "tag", "--list", "--contains", "HEAD").trim().split("\n")).toEqual([
      "@examples/incident-postmortem@0.5.0",
      "@examples/pr-review@1.1.1",
    ]);
    for (const item of report.released) {
      const verified = await pluginPack(["verify", item.archive, "--trust", join(keys, "release.pub")]);
      expect(verified.exitCode, verified.stdout).toBe(0);
    }

    // Again: nothing to pack, nothing changes.
    const archiveBytes = read(join(out, "pr-review-1.1.1.zip"));
    const again = await pluginPack(["release", "--sign", "env:PLUGIN_SIGNING_KEY"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("nothing to release: every plugin version already has its tag");
    expect(read(join(out, "pr-review-1.1.1.zip"))).toBe(archiveBytes);
    expect(JSON.parse(read(join(out, "release.json")))).toEqual({ released: [], checksums: null });

    // A consumer's marketplace repo: the archive installs, lints clean, and gets an entry with the right policy.
    const consumer = tempDir("consumer-");
    const installed = await pluginPack(
      ["install", join(out, "pr-review-1.1.1.zip"), "--trust", join(keys, "release.pub"), "--marketplace", consumer],
      consumer,
    );
    expect(installed.exitCode, installed.stderr).toBe(0);
    expect(installed.stdout).toContain("installed pr-review 1.1.1");
    const marketplace = JSON.parse(read(join(consumer, ".agents/plugins/marketplace.json"))) as { plugins: unknown[] };
    expect(marketplace.plugins).toEqual([
      {
        name: "pr-review",
        source: { source: "local", path: "./plugins/pr-review" },
        policy: { installation: "AVAILABLE", authentication: "ON_USE" },
        category: "Developer Tools",
      },
    ]);
    const linted = await runCli(bins.pluginLint, ["."], { cwd: consumer });
    expect(linted, linted.stdout).toMatchObject({ exitCode: 0 });

    // A tampered archive (one byte of a stored file flipped) installs nothing: same files, same marketplace.
    const tampered = join(consumer, "incident-postmortem-0.5.0.zip");
    const bytes = readFileSync(join(out, "incident-postmortem-0.5.0.zip"));
    const flipAt = bytes.indexOf(Buffer.from("incident-postmortem")) + 2;
    bytes[flipAt] = bytes[flipAt]! ^ 0x01;
    writeFileSync(tampered, bytes);
    const before = treeSnapshot(consumer);
    const refused = await pluginPack(["install", tampered, "--trust", join(keys, "release.pub")], consumer);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^plugin-pack: .*incident-postmortem-0\.5\.0\.zip failed verification/m);
    expect(treeSnapshot(consumer)).toEqual(before);
  });

  it("stops the whole release when one plugin cannot be packed: no archive, no tag", { timeout: 30_000 }, async () => {
    const root = monorepo();
    // Two plugins pending; the last one packed has a local MCP server that esbuild cannot bundle (lint passes:
    // JavaScript syntax is not its business), so the failure comes after the first archive was staged.
    git(root, "tag", "-d", "@examples/pr-review@1.1.0");
    git(root, "tag", "-d", "@examples/release-notes@1.0.0");
    writeFileSync(
      join(root, "plugins/release-notes/.mcp.json"),
      `${JSON.stringify({ mcpServers: { notes: { command: "node", args: ["./server/index.mjs"], cwd: "." } } }, null, 2)}\n`,
    );
    mkdirSync(join(root, "plugins/release-notes/server"));
    writeFileSync(join(root, "plugins/release-notes/server/index.mjs"), "export const broken = ;\n");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "a broken server");
    const result = await runInProcess(runPluginPack, ["release", "--unsigned"], {
      cwd: root,
      env: { ...inheritedEnv(), ...gitEnv },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^plugin-pack: @examples\/release-notes@1\.0\.0: .*; nothing was released\n$/);
    expect(existsSync(join(root, "dist"))).toBe(false);
    expect(git(root, "tag", "--list")).toBe("@examples/incident-postmortem@0.4.0\n");
  });
});
