// Generated plugins depend on `^<create-agent-plugin's version>` for plugin-lint and plugin-pack. That holds only
// while the published packages share one version, which the changesets `fixed` group keeps true.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publishedPackages, repoRoot } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { TOOLCHAIN_RANGE, VERSION } from "./version.js";

const PUBLISHED = publishedPackages;
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    private?: boolean;
  };

describe("the toolchain range generated plugins depend on", () => {
  it("names the version every published package has", () => {
    for (const dir of PUBLISHED) expect(manifest(dir), dir).toMatchObject({ version: VERSION });
    expect(TOOLCHAIN_RANGE).toBe(`^${VERSION}`);
  });

  it("stays true after a release: changesets versions the published packages as one fixed group", () => {
    const config = JSON.parse(readFileSync(join(repoRoot, ".changeset/config.json"), "utf8")) as { fixed: string[][] };
    expect(config.fixed).toHaveLength(1);
    expect([...config.fixed[0]!].sort()).toEqual(PUBLISHED.map((dir) => manifest(dir).name).sort());
  });
});

describe("the create-agent-plugin package", () => {
  it("has no runtime dependencies: `npm create agent-plugin` fetches one package, its bundle holds the rest", () => {
    const own = JSON.parse(readFileSync(join(repoRoot, "packages/create-agent-plugin/package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    expect(own.dependencies ?? {}).toEqual({});
  });
});
