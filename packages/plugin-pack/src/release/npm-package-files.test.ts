// The npm package of every example holds exactly the files of its archive: the same selection, the same bytes,
// apart from package.json, which release settles (and adds when the plugin has none) before signing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readNpmTarball } from "@agent-plugin/core";
import { repoRoot, tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { readArchive } from "../archive/index.js";
import { pack } from "../pack/index.js";
import { npmPackageOf, stageTarball } from "./npm-release.js";
import { readWorkspace } from "./workspace.js";

const examples = [
  ...["issue-triage", "release-notes", "repo-insights", "todo-scout"].map((name) => join(repoRoot, "examples", name)),
  ...readdirSync(join(repoRoot, "examples/marketplace/plugins")).map((name) =>
    join(repoRoot, "examples/marketplace/plugins", name),
  ),
];
const config = { scope: "@examples-npm", access: "public", tag: "latest" } as const;

describe("npm packages of the examples [slow]", () => {
  it.each(examples.map((dir) => [dir.slice(repoRoot.length + 1), dir]))(
    "%s: the tarball's files are the archive's, with the settled package.json",
    { timeout: 60_000 },
    async (_, dir) => {
      const [plugin] = (await readWorkspace(dir)).plugins;
      expect(plugin, "the example is a plugin package").toBeDefined();
      const out = tempDir();
      const plain = await pack({ dir, cwd: dir, outDir: join(out, "plain"), lint: false, target: plugin!.hosts[0]! });
      const npm = npmPackageOf(plugin!, config);
      const settled = await pack({
        dir,
        cwd: dir,
        outDir: join(out, "npm"),
        lint: false,
        target: plugin!.hosts[0]!,
        packageJson: npm.packageJson,
      });
      const staged = await stageTarball(settled, { name: npm.name, version: plugin!.version }, out);
      const inTarball = await readNpmTarball(readFileSync(staged.tarball), staged.tarball);
      const inArchive = (await readArchive(plain.archive)).entries;

      const byPath = (files: readonly { path: string; data: Uint8Array }[]) =>
        new Map(files.map((f) => [f.path, Buffer.from(f.data).toString("base64")]));
      const archiveFiles = byPath(inArchive);
      const tarballFiles = byPath(inTarball);
      // The manifest lists package.json's hash, so it differs too; every other file is byte for byte the same.
      const own = [".plugin-pack/manifest.json", "package.json"];
      expect([...tarballFiles.keys()].filter((p) => !own.includes(p)).sort()).toEqual(
        [...archiveFiles.keys()].filter((p) => !own.includes(p)).sort(),
      );
      for (const [path, data] of tarballFiles) if (!own.includes(path)) expect(data, path).toBe(archiveFiles.get(path));
      expect(tarballFiles.has("package.json")).toBe(true);
      expect(tarballFiles.has(".plugin-pack/manifest.json")).toBe(true);
      // No node_modules, ever; and nothing npm would run.
      expect([...tarballFiles.keys()].some((p) => p.split("/").includes("node_modules"))).toBe(false);
      const packageJson = JSON.parse(Buffer.from(tarballFiles.get("package.json")!, "base64").toString("utf8"));
      expect(packageJson).toMatchObject({ name: npm.name, version: plugin!.version });
      expect(packageJson.private).toBeUndefined();
      expect(packageJson.scripts).toBeUndefined();
    },
  );
});
