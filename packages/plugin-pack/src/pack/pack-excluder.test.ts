/**
 * plugin-lint's file/secret asks core's packExcluder() whether plugin-pack would pack a file; plugin-pack decides
 * with selectFiles(). Both read the same defaults and .pluginignore: this checks that they agree, file by file.
 */
import { packExcluder } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { selectFiles } from "./select.js";

/** Every regular file under `root`, as POSIX paths relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

describe("packExcluder() agrees with selectFiles()", () => {
  it("on defaults, .pluginignore folders, negations and re-included files", () => {
    const root = tempDir();
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo plugin." },
      ".pluginignore": "# notes\n/keys/\n/drafts/\n!/drafts/keep.md\n*.bak\n!important.bak\ndocs/**/internal/\n",
      "keys/plugin-signing.key": "k",
      "keys/plugin-signing.pub": "p",
      "signing/release.key": "k",
      "drafts/keep.md": "d",
      "drafts/other.md": "d",
      "notes.bak": "b",
      "important.bak": "b",
      "docs/a/internal/x.md": "x",
      "docs/a/public.md": "x",
      ".env.local": "E=1",
      "config/.npmrc": "t",
      "skills/demo/SKILL.md": "---\nname: demo\ndescription: d\n---\n",
      "package-lock.json": "{}",
      "app.log": "l",
    });
    const packed = new Set(selectFiles(root).files.map((file) => file.path));
    const excluded = packExcluder(root);
    const verdicts = filesUnder(root).map((path) => ({ path, packed: packed.has(path), excluder: !excluded(path) }));
    expect(verdicts.filter((verdict) => verdict.packed !== verdict.excluder)).toEqual([]);
    // The cases that matter to file/secret: the keys are out, a re-included file is in.
    expect(excluded("keys/plugin-signing.key")).toBe(true);
    expect(excluded("signing/release.key")).toBe(true);
    expect(excluded("important.bak")).toBe(false);
    expect(packed.has("skills/demo/SKILL.md")).toBe(true);
  });
});
