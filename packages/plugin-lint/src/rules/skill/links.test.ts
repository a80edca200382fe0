// skill/link with Claude Code's variables: a link through ${CLAUDE_SKILL_DIR} or ${CLAUDE_PLUGIN_ROOT} names a file
// in the skill's or the plugin's folder, since Claude Code replaces both in the skill's text.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

const skill = [
  "---",
  "name: notes",
  "description: Writes release notes.",
  "---",
  "",
  "Read [the guide](${CLAUDE_SKILL_DIR}/references/guide.md) and [the style](${CLAUDE_PLUGIN_ROOT}/docs/style.md).",
  "Not [here](${CLAUDE_SKILL_DIR}/references/missing.md), nor [out](${CLAUDE_PLUGIN_ROOT}/../outside.md).",
  "",
].join("\n");

async function linkFindings(target: "claude-code" | "codex") {
  const dir = realpathSync(tempDir());
  writeTree(dir, {
    ".claude-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    "skills/notes/SKILL.md": skill,
    "skills/notes/references/guide.md": "# Guide\n",
    "docs/style.md": "# Style\n",
  });
  const report = await lint({ paths: [dir], cwd: dir, target });
  return report.diagnostics.filter((finding) => finding.ruleId === "skill/link").map((finding) => finding.message);
}

describe("skill/link and Claude Code's variables", () => {
  it("resolves ${CLAUDE_SKILL_DIR} to the skill's folder and ${CLAUDE_PLUGIN_ROOT} to the plugin's", async () => {
    expect(await linkFindings("claude-code")).toEqual([
      'link target "${CLAUDE_SKILL_DIR}/references/missing.md" does not exist: fix the path (it is relative to the skill\'s folder) or add the file',
      'link target "${CLAUDE_PLUGIN_ROOT}/../outside.md" is outside the plugin, which is all that gets installed: move the file into the plugin',
    ]);
  });

  it("keeps them broken for Codex, which replaces neither", async () => {
    expect(await linkFindings("codex")).toHaveLength(4);
  });
});
