// With no target given, a marketplace folder is linted for the host whose marketplace file it has: a folder with only
// .claude-plugin/marketplace.json is Claude Code's, and the plugins it lists are linted too.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { lint } from "./lint.js";

describe("the default host of a marketplace folder", () => {
  it("lints a Claude Code marketplace and the plugins it lists, without --target", async () => {
    const root = tempDir();
    writeTree(root, {
      ".claude-plugin/marketplace.json": {
        name: "team-tools",
        owner: { name: "Team" },
        plugins: [{ name: "notes", source: "./plugins/notes", description: "Notes." }],
      },
      "plugins/notes/.claude-plugin/plugin.json": { name: "notes", version: "1.0.0", description: "Notes." },
      // A skill without a description: Claude Code cannot list it.
      "plugins/notes/skills/take/SKILL.md": "---\nname: take\n---\nTake notes.\n",
    });
    const report = await lint({ paths: [root], cwd: root });
    expect(report.targets.map((target) => target.kind)).toEqual(["marketplace"]);
    const found = report.results.flatMap((result) =>
      result.messages.map((message) => `${result.filePath.slice(root.length + 1)} ${message.ruleId}`),
    );
    expect(found).toContain("plugins/notes/skills/take/SKILL.md skill/description");
    const explicit = await lint({ paths: [root], cwd: root, target: "claude-code" });
    expect(report.errorCount).toBe(explicit.errorCount);
    expect(report.warningCount).toBe(explicit.warningCount);
  });
});
