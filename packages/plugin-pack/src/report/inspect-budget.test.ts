// `plugin-pack inspect` counts the context budget from the files, of a folder and of a packed archive, and enforces
// --max-always-on-tokens.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { inheritedEnv, repoRoot, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "../cli/index.js";
import type { CapabilityReport } from "./index.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });

describe("plugin-pack inspect: the context budget", () => {
  it("counts a folder and its archive the same, and exits 1 over --max-always-on-tokens naming the biggest", async () => {
    const work = tempDir();
    cpSync(join(repoRoot, "examples/release-notes"), join(work, "release-notes"), { recursive: true });
    const folder = await pluginPack(["inspect", "release-notes", "--json", "--budget"], work);
    expect(folder.exitCode, folder.stderr).toBe(0);
    // Only when asked: the tokenizer's tables cost more start-up than the rest of inspect.
    const plain = await pluginPack(["inspect", "release-notes", "--json"], work);
    expect((JSON.parse(plain.stdout) as { contextBudget?: unknown }).contextBudget).toBeUndefined();
    const budget = (JSON.parse(folder.stdout) as CapabilityReport).contextBudget!;
    expect(budget.components.map((c) => [c.name, c.alwaysOn, c.textFrom])).toEqual([
      ["release-notes:draft-release-notes", 72, "files"],
      ["release-notes:plan-version-bump", 73, "files"],
      ["release-notes:review-changelog-entry", 76, "files"],
    ]);

    const packed = await pluginPack(["pack", "release-notes", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
    const archive = "dist/release-notes-1.0.0.zip";
    const text = await pluginPack(["inspect", archive, "--budget"], work);
    expect(text.stdout).toContain(
      "Context budget: 221 always-on tokens (o200k_base, over the text Codex would render, built from the files)\n" +
        "  skill  release-notes:draft-release-notes     always-on 72  on invoke 881\n",
    );
    const over = await pluginPack(["inspect", archive, "--max-always-on-tokens", "200"], work);
    expect(over.exitCode).toBe(1);
    expect(over.stderr).toBe(
      `plugin-pack: ${archive}: 221 always-on tokens (codex, o200k_base) is over --max-always-on-tokens 200; biggest: skill release-notes:review-changelog-entry (76), skill release-notes:plan-version-bump (73), skill release-notes:draft-release-notes (72)\n`,
    );
    const within = await pluginPack(["inspect", archive, "--max-always-on-tokens", "221"], work);
    expect(within.exitCode, within.stderr).toBe(0);
    expect(within.stderr).toBe("");
  });

  it("counts a Claude Code plugin's agents and commands from an archive, as an estimate", async () => {
    const work = tempDir();
    writeTree(join(work, "claude-only"), {
      ".claude-plugin/plugin.json": { name: "claude-only", version: "1.0.0", description: "A test plugin." },
      "agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews changes for bugs and style\n---\n\nReview.\n",
      "commands/ship.md": "---\ndescription: Ship the current branch\n---\n\nShip.\n",
    });
    const packed = await pluginPack(
      ["pack", "claude-only", "--out", "dist", "--no-lint", "--target", "claude-code"],
      work,
    );
    expect(packed.exitCode, packed.stderr).toBe(0);
    const result = await pluginPack(["inspect", "dist/claude-only-1.0.0.zip", "--json", "--budget"], work);
    const budget = (JSON.parse(result.stdout) as CapabilityReport).contextBudget!;
    expect(budget).toMatchObject({ host: "claude-code", estimate: true });
    expect(budget.components.map((c) => [c.kind, c.text])).toEqual([
      ["command", "claude-only:ship Ship the current branch"],
      ["agent", "reviewer Reviews changes for bugs and style"],
    ]);
  });

  it("refuses a --max-always-on-tokens that is not a whole number, in one line", async () => {
    const work = tempDir();
    for (const value of ["abc", "1.5", " "]) {
      const result = await pluginPack(
        ["inspect", join(repoRoot, "examples/release-notes"), "--max-always-on-tokens", value],
        work,
      );
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(
        `plugin-pack: --max-always-on-tokens takes a whole number of 0 or more, not "${value}"\n`,
      );
      expect(result.stdout).toBe("");
    }
  });
});
