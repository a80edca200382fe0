import { applySetup, tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlugin } from "./load.js";
import { discoverStandardLayout } from "./standard-layout.js";
import { walk } from "./walk.js";

const skill = (name: string) => `---\nname: ${name}\ndescription: x\n---\n`;
const manifest = { $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json", name: "demo" };

function plugin(files: Record<string, string | object>, links: [string, string][] = []): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, files);
  applySetup(
    dir,
    links.map(([symlink, target]) => ({ symlink, target })),
  );
  return join(dir, "demo");
}

const layoutOf = (root: string) => discoverStandardLayout(root, walk(root));

describe("discoverStandardLayout", () => {
  it("finds skills exactly one level under skills/, following links that stay inside the plugin", () => {
    const root = plugin(
      {
        "demo/skills/a/SKILL.md": skill("a"),
        "demo/skills/a/templates/SKILL.md": skill("template"),
        "demo/skills/group/b/SKILL.md": skill("b"),
        "demo/skills/c/skill.md": skill("c"),
        "demo/skills/d/SKILL.md/notes.md": "not a skill",
        "demo/skills/SKILL.md": skill("top"),
        "demo/skills/README.md": "readme",
        "demo/shared/e/SKILL.md": skill("e"),
        "outside/f/SKILL.md": skill("f"),
      },
      [
        ["demo/skills/e", "../shared/e"],
        ["demo/skills/f", "../../outside/f"],
      ],
    );
    const layout = layoutOf(root);
    expect(layout.skills.state).toBe("ok");
    expect(layout.skillFiles).toEqual([join(root, "skills/a/SKILL.md"), join(root, "skills/e/SKILL.md")]);
    expect(layout.unloadedSkillFiles.map((f) => [f.path.slice(root.length + 1), f.reason])).toEqual([
      ["skills/SKILL.md", "in-skills-folder"],
      ["skills/a/templates/SKILL.md", "inside-skill"],
      ["skills/c/skill.md", "misnamed"],
      ["skills/d/SKILL.md", "not-a-file"],
      ["skills/group/b/SKILL.md", "nested"],
    ]);
  });

  it("says what is at each fixed location: absent, the wrong kind, or a link that leaves the plugin", () => {
    expect(layoutOf(plugin({ "demo/plugin.json": manifest })).skills.state).toBe("absent");
    const wrong = layoutOf(plugin({ "demo/skills": "x", "demo/mcp.json/a.json": {} }));
    expect([wrong.skills, wrong.mcp].map((l) => [l.state, l.found])).toEqual([
      ["wrong-kind", "a file"],
      ["wrong-kind", "a folder"],
    ]);
    const linked = layoutOf(
      plugin({ "outside/mcp.json": {}, "demo/plugin.json": manifest }, [["demo/mcp.json", "../outside/mcp.json"]]),
    );
    expect(linked.mcp.state).toBe("link-problem");
  });
});

describe("loadPlugin for the agent-plugins target", () => {
  it("reads root plugin.json, the discovered skills and mcp.json, and no host component", () => {
    const root = plugin({
      "demo/plugin.json": manifest,
      "demo/.codex-plugin/plugin.json": { name: "demo" },
      "demo/skills/a/SKILL.md": skill("a"),
      "demo/mcp.json": { mcpServers: {} },
      "demo/.mcp.json": { mcpServers: {} },
      "demo/hooks/hooks.json": { hooks: {} },
    });
    const model = loadPlugin(root, { host: "agent-plugins" });
    expect(model.manifest?.path).toBe(join(root, "plugin.json"));
    expect(model.otherManifests).toEqual([join(root, ".codex-plugin/plugin.json")]);
    expect(model.skills.map((s) => s.folderName)).toEqual(["a"]);
    expect(model.mcp?.path).toBe(join(root, "mcp.json"));
    expect(model.hooks).toEqual([]);
    expect(model.apps).toBeUndefined();
  });

  it("does not read a plugin.json that resolves out of the plugin", () => {
    const root = plugin({ "outside/plugin.json": manifest }, [["demo/plugin.json", "../outside/plugin.json"]]);
    const model = loadPlugin(root, { host: "agent-plugins" });
    expect(model.manifest).toBeUndefined();
    expect(model.fileProblems.map((p) => [p.path, p.reason])).toEqual([[join(root, "plugin.json"), "symlink-outside"]]);
  });
});
