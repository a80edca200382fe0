import type { TargetSpec } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

// A duplicate of a field the release reads fails the whole manifest; one it ignores leaves the plugin loaded.
const manifest = (extra: string) =>
  `{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n  ${extra}\n}\n`;

async function duplicates(extra: string, target: TargetSpec) {
  const cwd = tempDir();
  writeTree(cwd, { "demo/.codex-plugin/plugin.json": manifest(extra) });
  const report = await lint({ paths: ["demo"], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
  return report.diagnostics.filter((d) => d.ruleId === "json/duplicate-key");
}

describe("json/duplicate-key follows what the release reads", () => {
  it("is an error for a field the release reads, a warning for one Codex 0.117 ignores", async () => {
    expect(await duplicates('"version": "1.1.0"', "codex")).toMatchObject([{ severity: "error", line: 5 }]);
    const [ignored] = await duplicates('"version": "1.1.0"', "codex@0.117");
    expect(ignored).toMatchObject({ severity: "warning", line: 5 });
    expect(ignored?.message).toContain("Codex 0.117.0 does not read");
    expect(await duplicates('"description": "Again."', "codex@0.117")).toMatchObject([{ severity: "error" }]);
  });

  it("keeps a nested duplicate an error even when its key matches an ignored top-level field", async () => {
    const found = await duplicates('"interface": {"version": "a", "version": "b"}', "codex@0.117");
    expect(found).toMatchObject([{ severity: "error" }]);
  });
});
