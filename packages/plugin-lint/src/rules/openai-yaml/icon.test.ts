import type { TargetSpec } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

async function iconFindings(icon: string, target: TargetSpec) {
  const cwd = tempDir();
  writeTree(cwd, {
    "demo/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    "demo/assets/logo.svg": "<svg/>",
    "demo/shared/logo.svg": "<svg/>",
    "demo/skills/notes/SKILL.md": "---\nname: notes\ndescription: Use when taking notes.\n---\nBody.\n",
    "demo/skills/notes/agents/openai.yaml": `interface:\n  display_name: Notes\n  icon_small: "${icon}"\n`,
  });
  const report = await lint({ paths: ["demo"], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
  return report.diagnostics.filter((d) => d.ruleId === "openai-yaml/icon");
}

describe("openai-yaml/icon with '..' follows the release", () => {
  it("accepts a path into the plugin's assets/ on Codex 0.171, not on 0.117", async () => {
    expect(await iconFindings("../../assets/logo.svg", "codex")).toEqual([]);
    const [older] = await iconFindings("../../assets/logo.svg", "codex@0.117");
    expect(older?.message).toContain("Codex 0.117.0 ignores");
  });

  it("still reports '..' that leads elsewhere, or into assets/ but to no file", async () => {
    const [elsewhere] = await iconFindings("../../shared/logo.svg", "codex");
    expect(elsewhere?.message).toContain("does not lead into the plugin's assets/ folder");
    const [missing] = await iconFindings("../../assets/none.svg", "codex");
    expect(missing?.message).toContain("does not exist");
  });
});
