// PluginModel.readText: one read per file for the rules, and a pass over every file that does not keep them all.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlugin } from "./load.js";

describe("PluginModel.readText", () => {
  it("serves a file from memory once read, and does not keep one read with keep: false", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
      "kept.md": "first",
      "passing.md": "first",
    });
    const plugin = loadPlugin(root);
    const kept = join(root, "kept.md");
    const passing = join(root, "passing.md");
    expect(plugin.readText(kept)).toMatchObject({ ok: true, text: "first" });
    expect(plugin.readText(passing, { keep: false })).toMatchObject({ ok: true, text: "first" });
    writeFileSync(kept, "second");
    writeFileSync(passing, "second");
    // A kept file is read once however many rules ask; it is also what a keep: false pass gets.
    expect(plugin.readText(kept)).toMatchObject({ text: "first" });
    expect(plugin.readText(kept, { keep: false })).toMatchObject({ text: "first" });
    // A file the pass did not keep is read afresh by the next rule that asks, and kept from then on.
    expect(plugin.readText(passing)).toMatchObject({ text: "second" });
    writeFileSync(passing, "third");
    expect(plugin.readText(passing)).toMatchObject({ text: "second" });
  });
});
