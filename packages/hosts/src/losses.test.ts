import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { declaredComponents } from "./declared.js";
import { emptyInventory, type PluginInventory } from "./inventory.js";
import { findLosses } from "./losses.js";

function plugin(): string {
  const dir = tempDir();
  writeTree(dir, {
    ".codex-plugin/plugin.json": {
      name: "demo",
      skills: "./extra",
      interface: { displayName: "Demo", logo: "./logo.png", defaultPrompt: ["One", "Two"] },
    },
    ".claude-plugin/plugin.json": { name: "demo" },
    "skills/a/SKILL.md": "---\nname: a\ndescription: A\n---\n",
    "skills/b/SKILL.md": "---\nname: b\n---\n",
    "extra/c/SKILL.md": "---\nname: c\ndescription: C\n---\n",
    ".mcp.json": { mcpServers: { docs: { command: "node" }, search: { url: "https://example.com/mcp" } } },
    "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo" }] }] } },
    "agents/reviewer.md": "---\nname: reviewer\n---\n",
  });
  return dir;
}

const inventory = (fields: Partial<PluginInventory>): PluginInventory => ({
  ...emptyInventory("demo"),
  installed: true,
  ...fields,
});

describe("declaredComponents", () => {
  it("reads what the folder declares for the host's manifest", () => {
    const dir = plugin();
    expect(declaredComponents(dir, "codex")).toMatchObject({
      skills: ["extra/c/SKILL.md", "skills/a/SKILL.md", "skills/b/SKILL.md"],
      mcpServers: ["docs", "search"],
      hookEvents: ["SessionStart"],
      agents: ["agents/reviewer.md"],
    });
    // Claude Code's manifest names no extra skill folder.
    expect(declaredComponents(dir, "claude-code").skills).toEqual(["skills/a/SKILL.md", "skills/b/SKILL.md"]);
  });

  it("reads Claude Code's LSP servers and monitors, inline or in their files, and .MD agents", () => {
    const dir = tempDir();
    writeTree(dir, {
      ".claude-plugin/plugin.json": {
        name: "demo",
        lspServers: { inline: { command: "x" } },
        experimental: { monitors: [{ name: "watch", command: "tail -F x", description: "Watches" }] },
      },
      ".lsp.json": { fromFile: { command: "y" } },
      "monitors/monitors.json": [{ name: "ignored" }],
      "agents/Loud.MD": "---\nname: loud\n---\n",
    });
    const declared = declaredComponents(dir, "claude-code");
    expect(declared.lspServers).toEqual(["fromFile", "inline"]);
    // The manifest's monitors replace monitors/monitors.json.
    expect(declared.monitors).toEqual(["watch"]);
    expect(declared.agents).toEqual(["agents/Loud.MD"]);
    expect(findLosses(dir, "claude-code", inventory({ agents: ["loud"], lspServers: ["inline"] }))).toEqual([
      "LSP server fromFile dropped",
      "monitor watch dropped",
    ]);
  });

  it("calls a part unknown, not empty, when its file is not JSON", () => {
    const dir = plugin();
    writeTree(dir, { ".mcp.json": "{ not json" });
    expect(declaredComponents(dir, "codex").mcpServers).toBeUndefined();
  });
});

describe("findLosses", () => {
  it("names every refused or dropped component, and nothing for a plugin kept whole", () => {
    const dir = plugin();
    const whole = inventory({
      skills: ["extra/c", "skills/a", "skills/b"].map((folder) => ({
        name: `demo:${folder}`,
        path: `${folder}/SKILL.md`,
      })),
      mcpServers: ["docs", "search"],
      hooks: [{ event: "sessionStart" }],
      interface: { displayName: "Demo", logo: "logo.png", defaultPrompt: ["One", "Two"] },
    });
    expect(findLosses(dir, "codex", whole)).toEqual([]);
    expect(
      findLosses(dir, "codex", {
        ...whole,
        skills: [{ name: "demo:a", path: "skills/a/SKILL.md" }],
        refusedSkills: [{ path: "skills/b/SKILL.md", message: "missing field `description`" }],
        mcpServers: ["docs"],
        hooks: [],
        interface: { displayName: "Demo", defaultPrompt: ["One"] },
      }),
    ).toEqual([
      "skill skills/b/SKILL.md refused: missing field `description`",
      "skill extra/c/SKILL.md dropped",
      "MCP server search dropped",
      "hooks for SessionStart dropped",
      "interface.logo dropped",
      "1 of 2 default prompts dropped",
    ]);
  });

  it("counts skills when the host gives no paths (Claude Code), and says when the plugin did not install", () => {
    const dir = plugin();
    const kept = inventory({
      skills: [{ name: "a" }],
      mcpServers: ["docs", "search"],
      hooks: [{ event: "SessionStart" }],
      agents: [],
    });
    expect(findLosses(dir, "claude-code", kept)).toEqual(["1 of 2 skills dropped", "1 of 1 agents dropped"]);
    expect(findLosses(dir, "claude-code", { ...kept, installed: false, installError: "corrupt manifest" })).toEqual([
      "plugin not installed: corrupt manifest",
    ]);
  });

  it("compares apps only when asked: an entry without a usable id never loads", () => {
    const dir = plugin();
    writeTree(dir, {
      ".app.json": { apps: { linear: { id: "asdk_linear" }, copy: { id: " asdk_linear " }, bad: {} } },
    });
    const kept = inventory({
      skills: ["extra/c", "skills/a", "skills/b"].map((folder) => ({
        name: `demo:${folder}`,
        path: `${folder}/SKILL.md`,
      })),
      mcpServers: ["docs", "search"],
      hooks: [{ event: "SessionStart" }],
      interface: { displayName: "Demo", logo: "logo.png", defaultPrompt: ["One", "Two"] },
      apps: ["asdk_linear"],
    });
    expect(findLosses(dir, "codex", kept)).toEqual([]);
    expect(findLosses(dir, "codex", kept, { apps: true })).toEqual(["app <bad without an id> dropped"]);
    expect(findLosses(dir, "codex", { ...kept, apps: [] }, { apps: true })).toEqual([
      "app <bad without an id> dropped",
      "app asdk_linear dropped",
    ]);
  });
});
