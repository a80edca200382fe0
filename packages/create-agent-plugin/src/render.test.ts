import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputPath, renderTemplateDir } from "./render.js";

describe("renderTemplateDir", () => {
  it("renders only .hbs files, copies the rest byte for byte (so {{ survives), and maps _ to .", () => {
    const dir = tempDir();
    writeTree(dir, {
      "README.md.hbs": "# {{displayName}}\n",
      "references/prompt.md": "Reply with {{summary}} and {{#each items}}.\n",
      _gitignore: "node_modules/\n",
      "run.sh": "#!/bin/sh\n",
    });
    chmodSync(join(dir, "run.sh"), 0o755);
    const files = renderTemplateDir(dir, "skills/a", { displayName: "Acme" });
    expect(files.map((file) => [file.path, Buffer.from(file.data).toString("utf8"), file.mode.toString(8)])).toEqual([
      ["skills/a/README.md", "# Acme\n", "644"],
      ["skills/a/.gitignore", "node_modules/\n", "644"],
      ["skills/a/references/prompt.md", "Reply with {{summary}} and {{#each items}}.\n", "644"],
      ["skills/a/run.sh", "#!/bin/sh\n", "755"],
    ]);
  });

  it("writes the extensionless files of _githooks/ as executables, whatever their template mode", () => {
    const dir = tempDir();
    writeTree(dir, { "_githooks/pre-commit": "#!/bin/sh\n", "_githooks/enable.mjs": "export {};\n" });
    const files = renderTemplateDir(dir, "", {});
    expect(files.map((file) => [file.path, file.mode.toString(8)])).toEqual([
      [".githooks/enable.mjs", "644"],
      [".githooks/pre-commit", "755"],
    ]);
    // A hook rendered from a template is named by its output: pre-commit.hbs is the pre-commit hook.
    const rendered = tempDir();
    writeTree(rendered, { "_githooks/pre-commit.hbs": "#!/bin/sh\n{{#if both}}exit 1{{/if}}\n" });
    expect(renderTemplateDir(rendered, "", { both: false }).map((file) => [file.path, file.mode.toString(8)])).toEqual([
      [".githooks/pre-commit", "755"],
    ]);
  });

  it("is strict: a value the template names but the context lacks throws", () => {
    const dir = tempDir();
    writeTree(dir, { "a.md.hbs": "{{missing}}\n" });
    expect(() => renderTemplateDir(dir, "", {})).toThrow(/"missing" not defined/);
  });

  it("maps names: suffix stripped, a leading _ of each file or folder name becomes .", () => {
    expect(outputPath("_mcp.json.hbs")).toBe(".mcp.json");
    expect(outputPath("_github/workflows/ci.yml.hbs")).toBe(".github/workflows/ci.yml");
    expect(outputPath("_dir/_pluginignore")).toBe(".dir/.pluginignore");
    expect(outputPath("a_b/c_d.md")).toBe("a_b/c_d.md");
    expect(outputPath("skills/x.md")).toBe("skills/x.md");
  });
});
