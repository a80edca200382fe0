import type { TargetSpec } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

// A `skills` path that names nothing: Codex 0.171 reads it instead of skills/, 0.117 reads skills/ as well.
async function missingSkillsPath(target: TargetSpec) {
  const cwd = tempDir();
  writeTree(cwd, {
    "demo/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo.", skills: "./skill" },
    "demo/skills/a/SKILL.md": "---\nname: a\ndescription: Use when testing.\n---\nBody.\n",
  });
  const report = await lint({ paths: ["demo"], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
  return report.diagnostics.filter((d) => d.ruleId === "path/not-found");
}

describe("path/not-found on a skills path follows whether the release still reads skills/", () => {
  it("is an error where the path replaces skills/, a warning where skills/ is read as well", async () => {
    const [current] = await missingSkillsPath("codex");
    expect(current).toMatchObject({ severity: "error" });
    expect(current?.message).toContain("instead of ./skills/");
    const [older] = await missingSkillsPath("codex@0.117");
    expect(older).toMatchObject({ severity: "warning" });
    expect(older?.message).toContain("Codex 0.117.0 still reads ./skills/");
  });
});
