// A marketplace's checks read its plugins shallowly (manifests and component files, no walk), and a plugin linted for
// several targets is walked once: what each load reads, and that the rest of the model is what a whole load gives.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMarketplace, loadPlugin } from "./load.js";
import { walk } from "./walk.js";

function plugin(dir: string): void {
  writeTree(dir, {
    ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    ".claude-plugin/plugin.json": { name: "demo", version: "1.0.0" },
    ".mcp.json": { mcpServers: { search: { command: "node", args: ["server.mjs"] } } },
    "skills/triage/SKILL.md": "---\nname: triage\ndescription: Triage issues.\n---\n\nTriage.\n",
    "commands/run.md": "---\ndescription: Run\n---\n\nRun.\n",
  });
}

describe("a shallow load", () => {
  it("reads the manifests and the MCP file a whole load reads, and walks nothing", () => {
    const dir = realpathSync(tempDir());
    plugin(dir);
    for (const host of ["codex", "claude-code"] as const) {
      const whole = loadPlugin(dir, { host });
      const shallow = loadPlugin(dir, { host, shallow: true });
      expect(shallow.manifest?.doc.value).toEqual(whole.manifest?.doc.value);
      expect(shallow.manifestPath).toBe(whole.manifestPath);
      expect(shallow.otherManifests).toEqual(whole.otherManifests);
      expect(shallow.mcp?.path).toBe(join(dir, ".mcp.json"));
      expect(shallow.mcp?.doc.value).toEqual(whole.mcp?.doc.value);
      expect(whole.skills.map((skill) => skill.folderName)).toEqual(["triage"]);
      expect(whole.files.files.length).toBe(5);
      expect(shallow.skills).toEqual([]);
      expect(shallow.files.files).toEqual([]);
      expect(shallow.claude).toBeUndefined();
    }
    expect(loadPlugin(dir, { host: "claude-code" }).claude?.markdown.map((component) => component.kind)).toEqual([
      "command",
    ]);
  });

  it("is how a marketplace loads its plugins when asked, with each Claude Code entry kept as its manifest", () => {
    const dir = realpathSync(tempDir());
    plugin(join(dir, "plugins/demo"));
    writeTree(dir, {
      ".claude-plugin/marketplace.json": {
        name: "market",
        owner: { name: "Team" },
        plugins: [
          { name: "demo", source: "./plugins/demo" },
          { name: "gone", source: "./plugins/gone" },
        ],
      },
    });
    const whole = loadMarketplace(dir, { host: "claude-code" });
    const shallow = loadMarketplace(dir, { host: "claude-code", shallow: true });
    expect(whole.entries[0]?.plugin?.skills.length).toBe(1);
    expect(shallow.entries[0]?.plugin?.skills).toEqual([]);
    expect(shallow.entries[0]?.plugin?.manifest?.doc.value).toEqual(whole.entries[0]?.plugin?.manifest?.doc.value);
    // The entry document, with its positions in marketplace.json: what `LoadOptions.entry` takes.
    const entry = shallow.entries[0]?.entryManifest;
    expect(entry?.path).toBe(join(dir, ".claude-plugin/marketplace.json"));
    expect(entry?.doc.value).toEqual({ name: "demo", source: "./plugins/demo" });
    const root = entry!.doc.root!;
    expect(JSON.parse(entry!.doc.text.slice(root.offset, root.offset + root.length))).toEqual(entry?.doc.value);
    // A Codex marketplace's entries are never manifests.
    expect(loadMarketplace(dir, { host: "codex", shallow: true }).entries[0]?.entryManifest).toBeUndefined();
  });
});

describe("a load given the plugin's walk", () => {
  it("uses it instead of walking again: what is not in it is not found", () => {
    const dir = realpathSync(tempDir());
    plugin(dir);
    const files = walk(dir);
    expect(loadPlugin(dir, { host: "codex", files }).skills.map((skill) => skill.folderName)).toEqual(["triage"]);
    const without = { ...files, files: files.files.filter((file) => !file.relative.startsWith("skills/")) };
    expect(loadPlugin(dir, { host: "codex", files: without }).skills).toEqual([]);
  });
});
