// release --npm before anything reaches a registry: the settings, the package names, and the dry run's contents;
// and version moving npm ranges in the repo's marketplaces.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { PackError } from "../errors.js";
import { release } from "./release.js";
import { syncVersions } from "./sync-versions.js";
import { widenedRange } from "./npm-ranges.js";
import { readWorkspace } from "./workspace.js";

const entry = (name: string, version: string) => ({
  name,
  source: { source: "npm", package: `@acme/${name}`, version },
  policy: { installation: "AVAILABLE", authentication: "ON_USE" },
  category: "Productivity",
});

function repo(settings: unknown = { npm: { scope: "@acme" } }): string {
  const root = tempDir();
  writeTree(root, {
    "package.json": { name: "acme-plugins", private: true, workspaces: ["plugins/*"], agentPlugin: settings },
    "plugins/alpha/package.json": { name: "@acme-src/alpha", version: "1.1.0", private: true },
    "plugins/alpha/.codex-plugin/plugin.json": { name: "alpha", version: "1.1.0", description: "Alpha." },
    "plugins/alpha/skills/greet/SKILL.md": "---\nname: greet\ndescription: Greets the user.\n---\n\nHello.\n",
    "plugins/alpha/notes.log": "left out by default\n",
    "plugins/beta/package.json": { name: "@acme-src/beta", version: "0.2.0" },
    "plugins/beta/.codex-plugin/plugin.json": { name: "beta", version: "0.2.0", description: "Beta." },
    "plugins/beta/skills/wave/SKILL.md": "---\nname: wave\ndescription: Waves at the user.\n---\n\nWave.\n",
    ".agents/plugins/marketplace.json": `${JSON.stringify(
      { name: "acme", plugins: [entry("alpha", "^1.0.0"), entry("beta", "^0.1.0")] },
      null,
      2,
    )}\n`,
  });
  return root;
}

describe("release --npm", () => {
  it("--dry-run lists each package and every file it would hold, and publishes nothing", async () => {
    const root = repo();
    const report = await release({ cwd: root, npm: true, unsigned: true, tag: false, dryRun: true, env: {} });
    expect(report.planned.map((p) => [p.tag, p.npm?.package])).toEqual([
      ["@acme-src/alpha@1.1.0", "@acme/alpha"],
      ["@acme-src/beta@0.2.0", "@acme/beta"],
    ]);
    expect(report.planned[0]!.npm!.files).toEqual([
      ".codex-plugin/plugin.json",
      ".plugin-pack/manifest.json",
      "package.json",
      "skills/greet/SKILL.md",
    ]);
    expect(report.released).toEqual([]);
  });

  it("refuses --npm without the settings, with the line to add", async () => {
    const root = repo({});
    await expect(release({ cwd: root, npm: true, unsigned: true, tag: false, env: {} })).rejects.toThrow(
      new UsageError(
        `--npm needs the npm settings in ${join(root, "package.json")}: add "agentPlugin": {"npm": {"scope": "@your-scope"}} (see docs/releasing.md)`,
      ),
    );
  });

  it("refuses bad settings before linting or packing anything", async () => {
    const root = repo({ npm: { scope: "acme" } });
    const error = await release({ cwd: root, npm: true, unsigned: true, tag: false, env: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(PackError);
    expect(error.message).toMatch(/package\.json: "agentPlugin\.npm\.scope" must be an npm scope in lower case/);
  });

  it("refuses --provenance outside a CI job that can prove where it ran", async () => {
    const root = repo();
    await expect(
      release({ cwd: root, npm: true, provenance: true, unsigned: true, tag: false, dryRun: true, env: {} }),
    ).rejects.toThrow(/--provenance needs a GitHub Actions job with an OIDC token/);
  });
});

describe("version and npm ranges", () => {
  it("moves a range that excludes the new version (0.x included) and keeps one that admits it", async () => {
    const root = repo();
    const file = join(root, ".agents/plugins/marketplace.json");
    const before = readFileSync(file, "utf8");
    const changes = syncVersions(await readWorkspace(root));
    expect(changes.filter((c) => c.file === file)).toEqual([
      { file, packageName: "@acme-src/beta", from: "^0.1.0", to: "^0.2.0" },
    ]);
    // One value changed; every other byte kept.
    expect(readFileSync(file, "utf8")).toBe(before.replace('"version": "^0.1.0"', '"version": "^0.2.0"'));
  });

  it("keeps the kind of range", () => {
    expect(widenedRange("^1.0.0", "2.0.0")).toBe("^2.0.0");
    expect(widenedRange("~1.2.0", "1.3.0")).toBe("~1.3.0");
    expect(widenedRange("1.2.0", "1.3.0")).toBe("1.3.0");
    expect(widenedRange(">=1 <2", "2.0.0")).toBe("^2.0.0");
  });
});
