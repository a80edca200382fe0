/** release() of a plugin in the Agent Plugins layout: linted for the standard, packed from root plugin.json, tagged. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { verifyArchive } from "../signing/index.js";
import { release } from "./release.js";
import { git, gitEnv } from "./test-repo.js";

const SCHEMA = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json";

function repo(manifestVersion: string): string {
  const root = tempDir();
  writeTree(root, {
    "package.json": { name: "market", private: true, workspaces: ["plugins/*"] },
    ".changeset/config.json": {},
    "plugins/demo/package.json": { name: "demo", version: "1.1.0", private: true },
    "plugins/demo/plugin.json": { $schema: SCHEMA, name: "demo", version: manifestVersion, description: "Says hello." },
    "plugins/demo/skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
  });
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-qm", "initial");
  return root;
}

describe("release: the Agent Plugins layout", () => {
  it("releases a plugin whose only manifest is the standard's plugin.json, at its version", async () => {
    const root = repo("1.1.0");
    const report = await release({ cwd: root, env: { ...process.env, ...gitEnv }, unsigned: true });
    expect(report.released.map((plugin) => [plugin.name, plugin.version, plugin.tag])).toEqual([
      ["demo", "1.1.0", "demo@1.1.0"],
    ]);
    expect(report.lint.errorCount).toBe(0);
    const verified = await verifyArchive(join(root, report.released[0]!.archive), { trust: [], allowUnsigned: true });
    expect(verified).toMatchObject({ ok: true, plugin: { name: "demo", version: "1.1.0" } });
    expect(execFileSync("git", ["tag", "--list"], { cwd: root, encoding: "utf8" })).toBe("demo@1.1.0\n");
  });

  it("refuses a plugin.json whose version is not the package's, naming plugin-pack version", async () => {
    const root = repo("1.0.0");
    await expect(release({ cwd: root, env: { ...process.env, ...gitEnv }, unsigned: true })).rejects.toThrow(
      /plugins\/demo\/plugin\.json says version "1\.0\.0" but .*package\.json says "1\.1\.0": run plugin-pack version/,
    );
  });
});
