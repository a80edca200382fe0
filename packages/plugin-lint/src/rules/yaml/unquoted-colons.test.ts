import type { TargetSpec } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

async function syntaxFindings(frontmatter: string, target: TargetSpec) {
  const cwd = tempDir();
  writeTree(cwd, {
    "demo/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    "demo/skills/notes/SKILL.md": `---\nname: notes\n${frontmatter}\n---\nBody.\n`,
  });
  const report = await lint({ paths: ["demo"], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
  return report.diagnostics.filter((d) => d.ruleId === "yaml/syntax");
}

describe("yaml/syntax for a value with an unquoted colon follows the release", () => {
  const colon = "description: Drafts notes. Use when: the user asks";

  it("is a warning where the host reads it as text, an error where it skips the skill", async () => {
    const [current] = await syntaxFindings(colon, "codex");
    expect(current).toMatchObject({ severity: "warning", line: 3 });
    expect(current?.message).toContain("Codex 0.171.0 reads it as text");
    expect(await syntaxFindings(colon, "claude-code")).toMatchObject([{ severity: "warning" }]);
    expect(await syntaxFindings(colon, "codex@0.117")).toMatchObject([{ severity: "error" }]);
  });

  it("stays an error when something else is broken too", async () => {
    const found = await syntaxFindings(`${colon}\nmetadata:\n\tshort-description: x`, "codex");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.severity === "error")).toBe(true);
  });
});
