import { join } from "node:path";
import { repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { contextBudget, overBudget } from "./context-budget.js";

/** A plugin for both hosts with a skill, a command, an agent, a hook and an MCP server. */
function fullPlugin(): string {
  const dir = join(tempDir(), "full");
  writeTree(dir, {
    ".codex-plugin/plugin.json": { name: "full", version: "1.0.0", description: "A test plugin." },
    ".claude-plugin/plugin.json": { name: "full", version: "1.0.0", description: "A test plugin." },
    "skills/summarize/SKILL.md":
      "---\nname: summarize\ndescription: Summarize the changes in the working tree\n  for a commit message.\n---\n\nRead git diff and write a summary.\n",
    "agents/reviewer.md":
      "---\nname: reviewer\ndescription: Reviews changes for bugs and style\n---\n\nReview the diff.\n",
    "commands/ship.md": "---\ndescription: Ship the current branch\n---\n\nRun the release.\n",
    "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo hi" }] }] } },
    ".mcp.json": { mcpServers: { "echo-server": { command: "node", args: ["server.mjs"] } } },
  });
  return dir;
}

describe("contextBudget from the files (no host)", () => {
  it("builds Codex's skill, migrated command and MCP lines and counts them with o200k_base", async () => {
    const budget = await contextBudget({ dir: fullPlugin(), host: "codex" });
    expect(budget).toMatchObject({ host: "codex", tokenizer: "o200k_base", estimate: false });
    expect(budget.components).toEqual([
      {
        kind: "skill",
        name: "full:summarize",
        path: "skills/summarize/SKILL.md",
        text: "- full:summarize: Summarize the changes in the working tree for a commit message. (file: r1/summarize/SKILL.md)",
        textFrom: "files",
        alwaysOn: 33,
        onInvoke: 32,
      },
      {
        kind: "command",
        name: "full:source-command-ship",
        path: "commands/ship.md",
        text: "- full:source-command-ship: Ship the current branch (file: r1/source-command-ship/SKILL.md)",
        textFrom: "files",
        alwaysOn: 26,
        onInvoke: 13,
      },
      { kind: "mcp", name: "echo-server", text: "- mcp__echo_server", textFrom: "files", alwaysOn: 6 },
    ]);
    expect(budget.alwaysOn).toBe(65);
    expect(budget.notCounted).toEqual([
      "MCP server echo-server: its instructions (always-on) and its tool definitions (on use), which come from the running server",
    ]);
    const probed = await contextBudget({
      dir: fullPlugin(),
      host: "codex",
      servers: { "echo-server": { instructions: "Echoes text back.", tools: [] } },
    });
    expect(probed.components[2]).toMatchObject({ text: "- mcp__echo_server: Echoes text back.", onInvoke: 1 });
    expect(probed.notCounted).toEqual([]);
  });

  it("builds Claude Code's component texts, labelled as an estimate", async () => {
    const budget = await contextBudget({ dir: fullPlugin(), host: "claude-code" });
    expect(budget.estimate).toBe(true);
    expect(
      budget.components.map(({ kind, name, text, alwaysOn, onInvoke }) => [kind, name, text, alwaysOn, onInvoke]),
    ).toEqual([
      ["skill", "summarize", "full:summarize Summarize the changes in the working tree for a commit message.", 18, 8],
      ["command", "ship", "full:ship Ship the current branch", 7, 4],
      ["agent", "reviewer", "reviewer Reviews changes for bugs and style", 8, 4],
    ]);
    expect(budget.alwaysOn).toBe(33);
    expect(budget.notCounted).toEqual([
      "MCP server echo-server: tool schemas are resolved at runtime (Claude Code does not count them either)",
    ]);
  });

  it("takes the host's own text and figures when given", async () => {
    const dir = fullPlugin();
    const codex = await contextBudget({
      dir,
      host: "codex",
      hostContext: {
        lines: [
          { kind: "skill", name: "full:summarize", text: "- full:summarize: Summarize. (file: r1/x)" },
          { kind: "mcp", name: "echo-server", text: "- mcp__echo_server: Echoes text back." },
        ],
      },
      servers: { "echo-server": { tools: [{ name: "echo", inputSchema: { type: "object" } }] } },
    });
    expect(codex.components.map((c) => [c.name, c.textFrom, c.alwaysOn, c.onInvoke])).toEqual([
      ["full:summarize", "host", 17, 32],
      ["echo-server", "host", 12, 14],
    ]);
    expect(codex.notCounted).toEqual([]);
    const claude = await contextBudget({
      dir,
      host: "claude-code",
      hostContext: {
        lines: [],
        tokens: { alwaysOn: "~39", components: [{ name: "summarize", alwaysOn: "~20", onInvoke: "< 20" }] },
      },
    });
    expect(claude.hostAlwaysOn).toBe("~39");
    expect(claude.components[0]?.hostFigures).toEqual({ alwaysOn: "~20", onInvoke: "< 20" });
    expect(claude.components[1]?.hostFigures).toBeUndefined();
  });

  it("leaves out a skill Codex would refuse, and counts special tokens as text", async () => {
    const dir = join(tempDir(), "odd");
    writeTree(dir, {
      ".codex-plugin/plugin.json": { name: "odd", version: "1.0.0", description: "d" },
      "skills/nodesc/SKILL.md": "---\nname: nodesc\n---\n\nBody.\n",
      "skills/special/SKILL.md": "---\nname: special\ndescription: Ends a text with <|endoftext|>.\n---\n\nBody.\n",
    });
    const budget = await contextBudget({ dir, host: "codex" });
    expect(budget.components.map((component) => component.name)).toEqual(["odd:special"]);
    expect(budget.alwaysOn).toBeGreaterThan(0);
  });

  it("says which components to trim when over a limit", async () => {
    const budget = await contextBudget({ dir: join(repoRoot, "examples/release-notes"), host: "codex" });
    expect(overBudget(budget, budget.alwaysOn)).toBeUndefined();
    expect(overBudget(budget, 10, "release-notes")).toMatch(
      new RegExp(
        `^release-notes: ${budget.alwaysOn} always-on tokens \\(codex, o200k_base\\) is over --max-always-on-tokens 10; biggest: skill release-notes:\\S+ \\(\\d+\\), skill release-notes:\\S+ \\(\\d+\\), skill release-notes:\\S+ \\(\\d+\\)$`,
      ),
    );
  });
});
