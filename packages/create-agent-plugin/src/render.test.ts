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

  it("is strict: a value the template names but the context lacks throws", () => {
    const dir = tempDir();
    writeTree(dir, { "a.md.hbs": "{{missing}}\n" });
    expect(() => renderTemplateDir(dir, "", {})).toThrow(/"missing" not defined/);
  });

  it("maps names: suffix stripped, leading _ of the file name only", () => {
    expect(outputPath("_mcp.json.hbs")).toBe(".mcp.json");
    expect(outputPath("_dir/_pluginignore")).toBe("_dir/.pluginignore");
    expect(outputPath("skills/x.md")).toBe("skills/x.md");
  });
});
