/**
 * Marketplace findings whose severity depends on the Codex release or on what is lost: an error where the
 * host drops a plugin or the marketplace, a warning where it copes (see the host profiles' probes).
 */
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TargetSpec } from "@agent-plugin/core";
import { lint } from "../../lint.js";

const manifest = (name: string) => ({ name, version: "1.0.0", description: "A demo plugin." });
const entry = (name: string, source: unknown) => ({
  name,
  source,
  policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
  category: "Productivity",
});
const local = (path: string) => ({ source: "local", path });

function market(files: Record<string, string | object>): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, files);
  return dir;
}

/** `rule severity` of each finding of the given rule. */
async function findings(cwd: string, rule: string, target: TargetSpec): Promise<string[]> {
  const report = await lint({ paths: ["."], cwd, target, config: { rules: {}, ignores: [], baseDir: cwd } });
  return report.diagnostics.filter((d) => d.ruleId === rule).map((d) => `${d.ruleId} ${d.severity}`);
}

describe("marketplace severities follow what the host loses", () => {
  it("duplicate-name: a warning for a repeated entry of one plugin, an error when two plugins share a name", async () => {
    const plugins = {
      "plugins/demo/.codex-plugin/plugin.json": manifest("demo"),
      "plugins/other/.codex-plugin/plugin.json": manifest("demo"),
    };
    const same = market({
      ...plugins,
      ".agents/plugins/marketplace.json": {
        name: "m",
        plugins: [entry("demo", local("./plugins/demo")), entry("demo", local("./plugins/demo"))],
      },
    });
    const different = market({
      ...plugins,
      ".agents/plugins/marketplace.json": {
        name: "m",
        plugins: [entry("demo", local("./plugins/demo")), entry("demo", local("./plugins/other"))],
      },
    });
    expect(await findings(same, "marketplace/duplicate-name", "codex")).toEqual(["marketplace/duplicate-name warning"]);
    expect(await findings(different, "marketplace/duplicate-name", "codex")).toEqual([
      "marketplace/duplicate-name error",
    ]);
  });

  it("location: a Claude marketplace file alone is an error for Codex 0.117, which never lists it, a warning for 0.171", async () => {
    const cwd = market({
      "plugins/demo/.codex-plugin/plugin.json": manifest("demo"),
      ".claude-plugin/marketplace.json": {
        name: "m",
        owner: { name: "A" },
        plugins: [{ name: "demo", source: "./plugins/demo" }],
      },
    });
    expect(await findings(cwd, "marketplace/location", "codex@0.117")).toEqual(["marketplace/location error"]);
    expect(await findings(cwd, "marketplace/location", "codex")).toEqual(["marketplace/location warning"]);
  });

  it("location: a stray copy beside the file Codex reads is a warning; the only marketplace file misplaced is an error", async () => {
    const file = { name: "m", plugins: [entry("demo", local("./plugins/demo"))] };
    const plugin = { "plugins/demo/.codex-plugin/plugin.json": manifest("demo") };
    const beside = market({ ...plugin, ".agents/plugins/marketplace.json": file, "marketplace.json": file });
    const alone = market({ ...plugin, "marketplace.json": file });
    expect(await findings(beside, "marketplace/location", "codex")).toEqual(["marketplace/location warning"]);
    expect(await findings(alone, "marketplace/location", "codex")).toEqual(["marketplace/location error"]);
  });

  it("source: a git url source fails Codex 0.117's whole marketplace, and is read by 0.171", async () => {
    const cwd = market({
      "plugins/demo/.codex-plugin/plugin.json": manifest("demo"),
      ".agents/plugins/marketplace.json": {
        name: "m",
        plugins: [
          entry("demo", local("./plugins/demo")),
          entry("remote", { source: "url", url: "https://github.com/acme/remote.git" }),
        ],
      },
    });
    expect(await findings(cwd, "marketplace/source", "codex@0.117")).toEqual(["marketplace/source error"]);
    expect(await findings(cwd, "marketplace/source", "codex")).toEqual([]);
  });

  it("plugin-missing: Codex 0.171 installs a folder without a manifest (a warning), 0.117 refuses it (an error)", async () => {
    const cwd = market({
      "plugins/demo/README.md": "# Demo\n",
      ".agents/plugins/marketplace.json": { name: "m", plugins: [entry("demo", local("./plugins/demo"))] },
    });
    expect(await findings(cwd, "marketplace/plugin-missing", "codex")).toEqual(["marketplace/plugin-missing warning"]);
    expect(await findings(cwd, "marketplace/plugin-missing", "codex@0.117")).toEqual([
      "marketplace/plugin-missing error",
    ]);
  });
});
