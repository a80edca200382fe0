// marketplace/name against what Claude Code 2.1.332's `plugin marketplace add` does: a reserved name is accepted
// only from GitHub's anthropics organisation (so a clone of one lints clean), an official-looking name never.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";
import { impersonatesOfficial } from "./reserved-names.js";
import type { TargetSpec } from "@agent-plugin/core";

function marketplace(name: string, remote?: string): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, {
    ".claude-plugin/marketplace.json": { name, owner: { name: "Owner" }, plugins: [] },
  });
  if (remote !== undefined) {
    execFileSync("git", ["init", "-q"], { cwd: dir });
    execFileSync("git", ["remote", "add", "origin", remote], { cwd: dir });
  }
  return dir;
}

async function nameFindings(dir: string) {
  const report = await lint({ paths: [dir], cwd: dir, target: "claude-code" });
  return report.diagnostics
    .filter((finding) => finding.ruleId === "marketplace/name")
    .map((finding) => `${finding.severity}: ${finding.message}`);
}

describe("marketplace/name for Claude Code", () => {
  it("refuses a reserved name from anywhere but GitHub's anthropics organisation", async () => {
    const refusal =
      'error: "claude-plugins-official" is a marketplace name Claude Code reserves for Anthropic: it accepts it only from a GitHub repository of the anthropics organisation, and refuses this marketplace from anywhere else; pick another name';
    expect(await nameFindings(marketplace("claude-plugins-official"))).toEqual([refusal]);
    expect(
      await nameFindings(marketplace("claude-plugins-official", "https://github.com/someone/claude-plugins-official")),
    ).toEqual([refusal]);
  });

  it("accepts it in a clone of Anthropic's own repository", async () => {
    for (const remote of [
      "https://github.com/anthropics/claude-plugins-official.git",
      "git@github.com:anthropics/claude-plugins-official.git",
    ])
      expect(await nameFindings(marketplace("claude-plugins-official", remote))).toEqual([]);
  });

  it("refuses official-looking names whatever the source", async () => {
    expect(
      await nameFindings(marketplace("claude-marketplace", "https://github.com/anthropics/claude-marketplace.git")),
    ).toEqual([
      'error: "claude-marketplace" reads as the name of an official Anthropic or Claude marketplace, which Claude Code refuses wherever the marketplace comes from: pick another name',
    ]);
  });

  it("tells official-looking names from others as Claude Code 2.1.332 did", () => {
    // Each verdict was seen from `claude plugin marketplace add` on a local folder.
    for (const name of ["claude-marketplace", "claude-official", "official-claude-tools"])
      expect(impersonatesOfficial(name), name).toBe(true);
    for (const name of ["anthropic-tools", "my-claude-plugins", "claude-plugins-official", "healthcare"])
      expect(impersonatesOfficial(name), name).toBe(false);
  });
});

function codexMarketplace(name: string, remote?: string): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, { ".agents/plugins/marketplace.json": { name, plugins: [] } });
  if (remote !== undefined) {
    execFileSync("git", ["init", "-q"], { cwd: dir });
    execFileSync("git", ["remote", "add", "origin", remote], { cwd: dir });
  }
  return dir;
}

async function codexNameFindings(dir: string, target: TargetSpec = "codex") {
  const report = await lint({ paths: [dir], cwd: dir, target });
  return report.diagnostics
    .filter((finding) => finding.ruleId === "marketplace/name")
    .map((finding) => `${finding.severity}: ${finding.message}`);
}

describe("marketplace/name for Codex", () => {
  // Every name Codex 0.171.0's `plugin marketplace add` refused as reserved, tried one by one on the binary.
  const reserved = [
    "openai-curated",
    "openai-api-curated",
    "openai-bundled",
    "openai-bundled-alpha",
    "openai-primary-runtime",
    "openai-curated-remote",
    "workspace-directory",
    "workspace-shared-with-me",
    "workspace-shared-with-me-private",
    "workspace-shared-with-me-unlisted",
  ];

  it("refuses each name Codex 0.171 reserves for OpenAI, from a folder or someone else's repository", async () => {
    for (const name of reserved)
      expect(await codexNameFindings(codexMarketplace(name)), name).toEqual([
        `error: "${name}" is a marketplace name Codex 0.171.0 keeps for OpenAI's own marketplaces: from any other source it refuses the marketplace or installs none of its plugins; pick another name`,
      ]);
    expect(
      await codexNameFindings(codexMarketplace("openai-curated", "https://github.com/someone/plugins.git")),
    ).toHaveLength(1);
  });

  it("accepts names Codex 0.171 added: near misses and the remote catalogue names it does not reserve", async () => {
    for (const name of ["openai", "openai-plugins", "my-openai-curated", "chatgpt-global", "OpenAI-Curated"])
      expect(await codexNameFindings(codexMarketplace(name)), name).toEqual([]);
  });

  it("accepts a reserved name in a clone of a repository of GitHub's openai organisation", async () => {
    for (const remote of ["https://github.com/openai/plugins.git", "git@github.com:openai/plugins.git"])
      expect(await codexNameFindings(codexMarketplace("openai-curated", remote)), remote).toEqual([]);
  });

  it("Codex 0.117 keeps only openai-curated; Claude Code is warned about Codex's names", async () => {
    expect(await codexNameFindings(codexMarketplace("openai-curated"), "codex@0.117.0")).toHaveLength(1);
    expect(await codexNameFindings(codexMarketplace("openai-bundled"), "codex@0.117.0")).toEqual([]);
    const claude = realpathSync(tempDir());
    writeTree(claude, {
      ".claude-plugin/marketplace.json": { name: "openai-curated", owner: { name: "O" }, plugins: [] },
    });
    expect(await codexNameFindings(claude, "claude-code")).toEqual([
      `warning: "openai-curated" is a marketplace name Codex keeps for OpenAI's own marketplaces: from any other source it refuses the marketplace or installs none of its plugins; pick another name`,
    ]);
  });

  it("still refuses a name with characters outside ASCII letters, digits, _ and -", async () => {
    expect(await codexNameFindings(codexMarketplace("Demo Market"))).toHaveLength(1);
  });
});
