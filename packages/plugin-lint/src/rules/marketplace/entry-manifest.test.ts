// A Claude Code marketplace entry that defines its plugin (no plugin.json in the folder): the entry is checked as
// the plugin's manifest, with findings placed in marketplace.json.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadMarketplace } from "@agent-plugin/core";
import { lint } from "../../lint.js";

function market(entry: Record<string, unknown>): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, {
    ".claude-plugin/marketplace.json": {
      name: "demo-market",
      owner: { name: "Demo Team" },
      description: "Demo.",
      plugins: [
        {
          name: "demo",
          source: "./plugins/demo",
          description: "Runs the checks.",
          version: "1.0.0",
          strict: false,
          category: "development",
          ...entry,
        },
      ],
    },
    "plugins/demo/commands/run-checks.md": "---\ndescription: Run the checks\n---\n\nRun them.\n",
    "plugins/demo/agents/team/helper.md": "---\nname: helper\ndescription: Helps\n---\n\nHelp.\n",
  });
  return dir;
}

async function findings(dir: string) {
  const report = await lint({ paths: [dir], cwd: dir, target: "claude-code" });
  return report.diagnostics.map((finding) => {
    const file = finding.file.slice(dir.length + 1);
    return `${finding.ruleId} ${file}:${finding.line}:${finding.column}`;
  });
}

describe("a plugin defined by its Claude Code marketplace entry", () => {
  it("is a plugin with a manifest: the entry's own fields are no unknown manifest fields", async () => {
    const dir = market({ commands: ["./commands/run-checks.md"] });
    // Only the nested agent, which Claude Code does not load, is wrong here.
    expect(await findings(dir)).toEqual(["agents/location plugins/demo/agents/team/helper.md:1:1"]);
  });

  it("has its entry checked as the manifest, at the entry's place in marketplace.json", async () => {
    const dir = market({ commands: ["./commands/missing.md"], version: 1, colour: "blue" });
    expect(await findings(dir)).toEqual([
      "manifest/schema .claude-plugin/marketplace.json:12:18",
      "path/not-found .claude-plugin/marketplace.json:16:9",
      "manifest/unknown-field .claude-plugin/marketplace.json:18:7",
      "agents/location plugins/demo/agents/team/helper.md:1:1",
    ]);
  });

  it("is only read from Claude Code's own marketplace file, not from a Codex one", () => {
    const dir = realpathSync(tempDir());
    writeTree(dir, {
      ".agents/plugins/marketplace.json": {
        name: "demo-market",
        plugins: [{ name: "demo", source: { source: "local", path: "./plugins/demo" }, version: "1.0.0" }],
      },
      "plugins/demo/.codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    });
    const codexFile = loadMarketplace(dir, { host: "claude-code" });
    expect(codexFile.entries[0]?.plugin?.manifestFromEntry).toBeUndefined();
    expect(codexFile.entries[0]?.plugin?.manifest).toBeUndefined();
    const claudeFile = loadMarketplace(market({}), { host: "claude-code" });
    expect(claudeFile.entries[0]?.plugin?.manifestFromEntry).toBe(true);
  });
});
