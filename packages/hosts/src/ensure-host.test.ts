import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultCacheDir, ensureHost, ensureInstalled } from "./ensure-host.js";
import { HostError } from "./errors.js";

let tarballRoot: string;
let tarball: string;

/** A real npm tarball of a one-file package, so installs run offline: packed once, as npm only reads it. */
beforeAll(() => {
  tarballRoot = mkdtempSync(join(tmpdir(), "ensure-host-tarball-"));
  writeTree(join(tarballRoot, "pkg"), {
    "package.json": { name: "fake-host", version: "1.0.0", bin: { "fake-host": "bin.js" } },
    "bin.js": "#!/usr/bin/env node\nconsole.log('fake host');\n",
  });
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", tarballRoot], {
    cwd: join(tarballRoot, "pkg"),
    encoding: "utf8",
  }).trim();
  tarball = join(tarballRoot, name);
});
afterAll(() => rmSync(tarballRoot, { recursive: true, force: true }));

const localTarball = (): string => tarball;

const usable = (prefix: string) => existsSync(join(prefix, "node_modules/fake-host/bin.js"));

describe("ensureInstalled", () => {
  it("gives two callers that ask at the same time the same finished install, leaving no staging folder or lock", async () => {
    const spec = localTarball();
    const cache = tempDir();
    const dir = join(cache, "fake@1.0.0");
    const options = { dir, spec, isUsable: usable, unusable: "no bin", timeoutMs: 120_000 };
    const [first, second] = await Promise.all([ensureInstalled(options), ensureInstalled(options)]);
    expect(first).toBe(dir);
    expect(second).toBe(dir);
    expect(readFileSync(join(dir, "node_modules/fake-host/bin.js"), "utf8")).toContain("fake host");
    // No staging folder and no lock left behind: only the finished install.
    expect(readdirSync(cache)).toEqual(["fake@1.0.0"]);
  }, 120_000);

  it("replaces a leftover folder that has no completion marker", async () => {
    const cache = tempDir();
    const dir = join(cache, "fake@1.0.0");
    mkdirSync(join(dir, "half"), { recursive: true });
    await ensureInstalled({ dir, spec: localTarball(), isUsable: usable, unusable: "no bin", timeoutMs: 120_000 });
    expect(existsSync(join(dir, "half"))).toBe(false);
    expect(usable(dir)).toBe(true);
  }, 120_000);

  it("fails with one line naming the package and leaves nothing behind", async () => {
    const cache = tempDir();
    const dir = join(cache, "missing@1.0.0");
    const missing = join(cache, "no-such-package.tgz");
    const failure = ensureInstalled({ dir, spec: missing, isUsable: usable, unusable: "no bin", timeoutMs: 120_000 });
    await expect(failure).rejects.toThrow(HostError);
    await expect(failure).rejects.toThrow(/^npm install .*no-such-package\.tgz failed: \S/);
    expect(readdirSync(cache)).toEqual([]);
  }, 120_000);

  it("refuses an install that lacks what the caller needs", async () => {
    const cache = tempDir();
    const failure = ensureInstalled({
      dir: join(cache, "fake@1.0.0"),
      spec: localTarball(),
      isUsable: () => false,
      unusable: "fake-host@1.0.0 has no native binary for this platform",
      timeoutMs: 120_000,
    });
    await expect(failure).rejects.toThrow("fake-host@1.0.0 has no native binary for this platform");
    expect(readdirSync(cache)).toEqual([]);
  }, 120_000);
});

describe("ensureHost", () => {
  it("refuses a version range or an unknown host before touching npm", async () => {
    const cacheDir = tempDir();
    await expect(ensureHost({ host: "codex", version: "^0.171.0", cacheDir })).rejects.toThrow(
      'codex version "^0.171.0" is not an exact version such as 0.171.0: pin one version',
    );
    await expect(ensureHost({ host: "cursor" as "codex", version: "1.0.0", cacheDir })).rejects.toThrow(
      'unknown host "cursor"',
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});

describe("defaultCacheDir", () => {
  it("is AGENT_PLUGIN_HOSTS_CACHE when set, else node_modules/.cache in the nearest folder with node_modules", () => {
    const root = tempDir();
    mkdirSync(join(root, "node_modules"));
    mkdirSync(join(root, "a/b"), { recursive: true });
    vi.stubEnv("AGENT_PLUGIN_HOSTS_CACHE", "");
    expect(defaultCacheDir(join(root, "a/b"))).toBe(join(root, "node_modules/.cache/agent-plugin-hosts"));
    vi.stubEnv("AGENT_PLUGIN_HOSTS_CACHE", join(root, "elsewhere"));
    expect(defaultCacheDir(join(root, "a/b"))).toBe(join(root, "elsewhere"));
  });
});
