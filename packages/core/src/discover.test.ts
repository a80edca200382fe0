import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { declaredTargets, discoverTargets, findPluginRoot } from "./discover.js";
import { walk, walkedKinds } from "./walk.js";

const manifest = { name: "demo", version: "1.0.0", description: "..." };

function repo(): string {
  const root = realpathSync(tempDir());
  writeTree(root, {
    "market/.agents/plugins/marketplace.json": {
      name: "m",
      plugins: [{ name: "a", source: { source: "local", path: "./plugins/a" } }],
    },
    "market/plugins/a/.codex-plugin/plugin.json": { ...manifest, name: "a" },
    "market/plugins/a/skills/x/SKILL.md": "---\ndescription: x\n---\n",
    "claude/.claude-plugin/plugin.json": { name: "claude" },
    "lone-skill/SKILL.md": "---\ndescription: x\n---\n",
    "loose/notes.txt": "n",
  });
  return root;
}

describe("discoverTargets", () => {
  it("classifies marketplaces, plugins, skills, missing and unowned paths", () => {
    const cwd = repo();
    const found = discoverTargets(
      ["market", "market/plugins/a/skills/x/SKILL.md", "claude", "lone-skill", "loose/notes.txt", "nope"],
      { cwd },
    );
    expect(found.targets).toEqual([
      { kind: "marketplace", root: join(cwd, "market") },
      { kind: "plugin", root: join(cwd, "market/plugins/a") },
      { kind: "plugin", root: join(cwd, "claude") },
      { kind: "skill", path: join(cwd, "lone-skill/SKILL.md") },
    ]);
    expect(found.missing).toEqual(["nope"]);
    expect(found.unowned).toEqual(["loose/notes.txt"]);
  });

  it("gives each plugin once, however many of its files are passed", () => {
    const cwd = repo();
    const found = discoverTargets(
      [
        "market/plugins/a/skills/x/SKILL.md",
        "market/plugins/a/.codex-plugin/plugin.json",
        "market/plugins/a",
        "market/plugins/a/skills",
      ],
      { cwd },
    );
    expect(found.targets).toEqual([{ kind: "plugin", root: join(cwd, "market/plugins/a") }]);
  });

  it("takes the marketplace file itself for its marketplace, and no path for the cwd", () => {
    const cwd = repo();
    expect(discoverTargets(["market/.agents/plugins/marketplace.json"], { cwd }).targets).toEqual([
      { kind: "marketplace", root: join(cwd, "market") },
    ]);
    expect(discoverTargets([], { cwd: join(cwd, "claude") }).targets).toEqual([
      { kind: "plugin", root: join(cwd, "claude") },
    ]);
  });

  it("findPluginRoot climbs to the nearest folder with a manifest", () => {
    const cwd = repo();
    expect(findPluginRoot(join(cwd, "market/plugins/a/skills/x"))).toBe(join(cwd, "market/plugins/a"));
    expect(findPluginRoot(join(cwd, "loose"))).toBeUndefined();
  });
});

describe("the Agent Plugins manifest", () => {
  const standard = { $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json", name: "std" };

  it("findPluginRoot takes a root plugin.json that names the standard, never one in a host folder or without $schema", () => {
    const cwd = realpathSync(tempDir());
    writeTree(cwd, {
      "std/plugin.json": standard,
      "std/skills/hello/SKILL.md": "---\nname: hello\ndescription: x\n---\n",
      "plain/plugin.json": { name: "plain" },
      "plain/skills/hello/SKILL.md": "---\nname: hello\ndescription: x\n---\n",
      "host/.codex-plugin/plugin.json": standard,
    });
    expect(findPluginRoot(join(cwd, "std/skills/hello"))).toBe(join(cwd, "std"));
    expect(findPluginRoot(join(cwd, "plain/skills/hello"))).toBeUndefined();
    // The host folder's own plugin.json makes its parent the root, not the host folder.
    expect(findPluginRoot(join(cwd, "host/.codex-plugin"))).toBe(join(cwd, "host"));
    expect(discoverTargets(["std/skills/hello/SKILL.md"], { cwd }).targets).toEqual([
      { kind: "plugin", root: join(cwd, "std") },
    ]);
  });

  it("declaredTargets lists the standard and each host whose manifest the plugin has, in a fixed order", () => {
    const cwd = realpathSync(tempDir());
    writeTree(cwd, {
      "all/.claude-plugin/plugin.json": { name: "all" },
      "all/.codex-plugin/plugin.json": { name: "all" },
      "all/plugin.json": `${JSON.stringify(standard).slice(0, -1)},}`,
      "claude/.claude-plugin/plugin.json": { name: "claude" },
      "none/README.md": "readme",
    });
    // A trailing comma does not change what the manifest declares.
    expect(declaredTargets(join(cwd, "all"))).toEqual(["agent-plugins", "codex", "claude-code"]);
    expect(declaredTargets(join(cwd, "claude"))).toEqual(["claude-code"]);
    expect(declaredTargets(join(cwd, "none"))).toEqual([]);
    // The same answers from the plugin's walk, which a lint has already.
    for (const [name, expected] of [
      ["all", ["agent-plugins", "codex", "claude-code"]],
      ["claude", ["claude-code"]],
      ["none", []],
    ] as const) {
      const root = join(cwd, name);
      expect(declaredTargets(root, walkedKinds(walk(root)))).toEqual(expected);
    }
  });
});
