// PluginModel.readText: one read per file for the rules, and a pass over every file that does not keep them all.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
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

  it("refuses a file over a lower maxBytes before reading it, and keeps only what it read", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
      "big.md": "x".repeat(100),
      "small.md": "small",
    });
    const plugin = loadPlugin(root);
    const big = join(root, "big.md");
    const small = join(root, "small.md");
    expect(plugin.readText(big, { maxBytes: 10 })).toMatchObject({ ok: false, reason: "too-large", size: 100 });
    // The refusal is not kept: a rule with the usual limit still reads the file.
    expect(plugin.readText(big)).toMatchObject({ ok: true, size: 100 });
    // A file read whole before is served as it is, larger than the limit: the caller checks its size.
    expect(plugin.readText(big, { maxBytes: 10 })).toMatchObject({ ok: true, size: 100 });
    expect(plugin.readText(small, { maxBytes: 10 })).toMatchObject({ ok: true, text: "small" });
    writeFileSync(small, "changed");
    expect(plugin.readText(small)).toMatchObject({ text: "small" });
  });

  it("reads the files its walk listed as text, and still refuses one that became a folder or grew since", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
      "notes.md": "notes",
      "gone.md": "file",
      "grows.md": "small",
    });
    const plugin = loadPlugin(root);
    expect(plugin.files.files.map((file) => file.relative)).toContain("gone.md");
    rmSync(join(root, "gone.md"));
    mkdirSync(join(root, "gone.md"));
    writeFileSync(join(root, "grows.md"), "x".repeat(100_000));
    expect(plugin.readText(join(root, "notes.md"))).toEqual({ ok: true, text: "notes", size: 5 });
    expect(plugin.readText(join(root, "gone.md"))).toMatchObject({ ok: false, reason: "not-a-file" });
    expect(plugin.readText(join(root, "grows.md"), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: "too-large",
      size: 100_000,
    });
  });

  it("takes the files a prior load read from it, and reads the rest", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
      "notes.md": "first",
    });
    const prior = loadPlugin(root, { shallow: true });
    const manifestPath = join(root, ".codex-plugin/plugin.json");
    writeFileSync(manifestPath, JSON.stringify({ name: "changed", version: "1.0.0", description: "Demo." }));
    writeFileSync(join(root, "notes.md"), "second");
    const plugin = loadPlugin(root, { prior });
    // The manifest the shallow load parsed is the one the full load has: read once per run.
    expect(plugin.manifest?.doc.value).toMatchObject({ name: "demo" });
    // What the prior load never read is read now.
    expect(plugin.readText(join(root, "notes.md"))).toMatchObject({ ok: true, text: "second" });
    expect(plugin.files.files.map((file) => file.relative)).toEqual([".codex-plugin/plugin.json", "notes.md"]);
  });
});
