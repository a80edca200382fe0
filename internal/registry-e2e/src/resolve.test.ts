// plugin-lint --resolve against a real registry: Verdaccio on 127.0.0.1 holds a plugin published in two versions, and
// the marketplace reaches it through a project .npmrc, as a local registry must be reached (an http `registry` in
// the entry is what Codex skips). The built bin runs npm pack with that config.
import { bins, offline, runCli, writeTree } from "@agent-plugin/test-utils";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRegistry, startRegistry } from "./verdaccio.js";

// Only the local registry has @agent-plugin/* (never proxied), so a missing one is a real 404.
const PACKAGE = "@agent-plugin/resolve-demo";

const entry = (name: string, source: Record<string, unknown>) => ({
  name,
  source: { source: "npm", ...source },
  policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
  category: "Productivity",
});

interface JsonResult {
  messages: { ruleId: string; severity: number; message: string; line: number }[];
}

describe.skipIf(offline || process.platform === "win32")(
  "plugin-lint --resolve from a local registry [slow] [network]",
  () => {
    let root: string;
    let registry: LocalRegistry | undefined;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "resolve-e2e-"));
      registry = await startRegistry(join(root, "verdaccio"));
      const userconfig = join(root, "publisher.npmrc");
      writeFileSync(userconfig, `//${new URL(registry.url).host}/:_authToken=${registry.token}\n`);
      for (const [version, brandColor] of [
        ["1.0.0", "#0B7A75"],
        ["1.1.0", "teal"],
      ] as const) {
        const dir = join(root, `package-${version}`);
        writeTree(dir, {
          "package.json": { name: PACKAGE, version, files: [".codex-plugin"] },
          ".codex-plugin/plugin.json": {
            name: "resolve-demo",
            version,
            description: "A plugin published to npm.",
            interface: { brandColor },
          },
        });
        execFileSync("npm", ["publish", "--registry", registry.url, "--userconfig", userconfig], {
          cwd: dir,
          stdio: "pipe",
          timeout: 120_000,
        });
      }
    }, 300_000);

    afterAll(async () => {
      await registry?.stop();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    }, 60_000);

    it("fetches the newest version in range and lints it, names a range nothing satisfies and a missing package", {
      timeout: 300_000,
    }, async () => {
      const market = join(root, "market");
      writeTree(market, {
        ".npmrc": `registry=${registry!.url}\nupdate-notifier=false\n`,
        ".agents/plugins/marketplace.json": {
          name: "npm-market",
          plugins: [
            entry("resolve-demo", { package: PACKAGE, version: "^1.0.0" }),
            entry("resolve-next", { package: PACKAGE, version: "^2.0.0" }),
            entry("resolve-missing", { package: "@agent-plugin/resolve-missing", version: "^1.0.0" }),
          ],
        },
      });
      // Without --resolve the marketplace is clean: nothing is fetched.
      expect(await runCli(bins.pluginLint, ["."], { cwd: market })).toMatchObject({ exitCode: 0 });

      const result = await runCli(bins.pluginLint, ["--resolve", "--format", "json", "."], { cwd: market });
      expect(result.exitCode, result.stderr).toBe(1);
      const messages = (JSON.parse(result.stdout) as JsonResult[]).flatMap((file) => file.messages);
      expect(messages.map((m) => `${m.ruleId} ${m.severity}: ${m.message}`)).toEqual([
        expect.stringMatching(
          /^manifest\/brand-color 1: @agent-plugin\/resolve-demo@1\.1\.0: \.codex-plugin\/plugin\.json:\d+:\d+: "interface\.brandColor" must be a #RRGGBB colour/,
        ),
        `marketplace/npm-resolve 2: no published version of ${PACKAGE} matches "^2.0.0": the registry has 1.0.0, 1.1.0; change the range or publish a matching version`,
        expect.stringContaining(
          "marketplace/npm-resolve 2: the registry has no package @agent-plugin/resolve-missing, or your npm config has no access to it",
        ),
      ]);
    });
  },
);
