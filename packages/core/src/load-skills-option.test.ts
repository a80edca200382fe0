import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { loadPlugin } from "./load.js";

describe("loadPlugin({ skills: false })", () => {
  it("reads the manifest and components but no SKILL.md, whatever the skills hold", () => {
    const root = tempDir();
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo." },
      ".mcp.json": { mcpServers: { s: { command: "node", args: ["./server.js"] } } },
      "skills/good/SKILL.md": "---\nname: good\ndescription: Fine.\n---\nBody.\n",
      // Invalid UTF-8: loading it would record a file problem.
      "skills/broken/SKILL.md": new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]),
    });
    const full = loadPlugin(root);
    expect(full.skills.map((skill) => skill.folderName)).toEqual(["good"]);
    expect(full.fileProblems.map((problem) => problem.path)).toEqual([`${root}/skills/broken/SKILL.md`]);

    const light = loadPlugin(root, { skills: false });
    expect(light.skills).toEqual([]);
    expect(light.fileProblems).toEqual([]);
    expect(light.manifest?.doc.value).toMatchObject({ name: "demo", version: "1.0.0" });
    expect(light.mcp?.doc.value).toMatchObject({ mcpServers: { s: { command: "node" } } });
  });
});
