/**
 * What each published package holds, from the tarball `pnpm pack` makes (the one `changeset publish` uploads, with
 * publishConfig applied): README, LICENSE and the third-party notices; no tests, sources or fixtures; exports that
 * point only into dist/; and declarations that import nothing a user of the package would not have installed.
 */
import { execa } from "execa";
import { pnpmCommand, publishedPackages, repoRoot, tempDir } from "@agent-plugin/test-utils";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";

interface Unpacked {
  files: string[];
  dir: string;
  pkg: Record<string, any>;
}

async function packAndUnpack(name: string): Promise<Unpacked> {
  const out = tempDir("package-contents-");
  const pnpm = pnpmCommand();
  await execa(pnpm.command, [...pnpm.args, "pack", "--pack-destination", out], {
    cwd: join(repoRoot, "packages", name),
  });
  const tarball = readdirSync(out).find((file) => file.endsWith(".tgz"))!;
  const dir = join(out, "unpacked");
  mkdirSync(dir);
  await execa("tar", ["-xzf", join(out, tarball), "-C", dir]);
  const root = join(dir, "package");
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      posix.relative(root.split("\\").join("/"), join(entry.parentPath, entry.name).split("\\").join("/")),
    )
    .sort();
  return { files, dir: root, pkg: JSON.parse(readFileSync(join(root, "package.json"), "utf8")) };
}

/** Module specifiers a declaration file imports or re-exports (`import ... from`, `export ... from`, `import("...")`). */
function importsOf(text: string): string[] {
  const found = [
    ...text.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm),
  ];
  return found.map((match) => (match[1] ?? match[2] ?? match[3])!);
}

const packageNameOf = (specifier: string): string =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;

describe("the published packages [slow]", () => {
  const rootLicense = readFileSync(join(repoRoot, "LICENSE"), "utf8");

  it.each(publishedPackages)(
    "%s: README, LICENSE and notices; no tests or sources; dist-only exports; self-contained types",
    {
      timeout: 120_000,
    },
    async (name) => {
      const { files, dir, pkg } = await packAndUnpack(name);
      expect(files).toEqual(
        expect.arrayContaining(["README.md", "LICENSE", "dist/THIRD_PARTY_NOTICES.md", "package.json"]),
      );
      expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(rootLicense);
      expect(pkg.license).toBe("MIT");
      expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# /);

      // create-agent-plugin's templates/ are shipped on purpose: they hold the generated plugin's sources and test.
      expect(
        files.filter(
          (file) =>
            !file.startsWith("templates/") &&
            /(^|\/)src\/|\.test\.|__snapshots__|(^|\/)fixtures\/|test-utils/.test(file),
        ),
      ).toEqual([]);

      const manifest = JSON.stringify(pkg);
      expect(manifest).not.toMatch(/"source"\s*:|\.\/src\/|workspace:/);
      expect(pkg.publishConfig?.provenance).toBeUndefined();
      // Every file an export points to (a value, not a subpath key such as "./cli") is in the package.
      for (const target of JSON.stringify(pkg.exports).match(/:"\.\/[^"*]+"/g) ?? []) {
        const path = JSON.parse(target.slice(1)).slice(2) as string;
        if (path !== "package.json") expect(files, `exports → ${path}`).toContain(path);
      }

      const allowed = new Set([
        pkg.name,
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ]);
      const problems: string[] = [];
      for (const file of files.filter((file) => file.endsWith(".d.ts"))) {
        for (const specifier of importsOf(readFileSync(join(dir, file), "utf8"))) {
          if (specifier.startsWith(".")) {
            const target = posix.join(posix.dirname(file), specifier).replace(/\.js$/, ".d.ts");
            if (!files.includes(target) && !files.includes(target.replace(/\.d\.ts$/, "/index.d.ts")))
              problems.push(`${file} imports ${specifier}, which is not published`);
          } else if (!specifier.startsWith("node:") && !builtinModules.includes(specifier)) {
            if (!allowed.has(packageNameOf(specifier)))
              problems.push(`${file} imports ${specifier}, which is not a dependency of ${pkg.name}`);
          }
        }
      }
      expect(problems).toEqual([]);
      // Nothing to report that is not there: a notice names each bundled package with its licence text.
      const notices = readFileSync(join(dir, "dist/THIRD_PARTY_NOTICES.md"), "utf8");
      expect(notices).toMatch(/^# Third-party notices\n/);
      if (pkg.bin) expect(notices).toMatch(/^## \S+ \d+\.\d+\.\d+\n\nLicence: \S+/m);
    },
  );

  it("asks for provenance in the release workflow, which has the OIDC token for it", () => {
    const workflow = readFileSync(join(repoRoot, ".github/workflows/release.yml"), "utf8");
    expect(workflow).toMatch(/^\s+NPM_CONFIG_PROVENANCE: true$/m);
    expect(workflow).toMatch(/^\s+id-token: write/m);
  });
});
