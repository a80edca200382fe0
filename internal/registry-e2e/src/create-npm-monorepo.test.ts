/**
 * The monorepo `create-agent-plugin --marketplace repo --source npm` makes releases to npm what its marketplace lists:
 * two plugins created with the built bin (the second inside the first's monorepo, taking its scope), linted clean,
 * committed, then the generated root `release` script run as it is (`npm run release`, with `plugin-pack` on the
 * PATH as an install would put it) against a local registry (Verdaccio on 127.0.0.1, reached through the user's npm
 * config). Both packages must be there at 0.1.0, inside the ranges the marketplace names, and `plugin-lint --resolve`
 * must lint each as the plugin it is.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bins, offline } from "@agent-plugin/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, type User } from "./user.js";
import { type LocalRegistry, startRegistry } from "./verdaccio.js";

const readJson = (path: string): any => JSON.parse(readFileSync(path, "utf8"));

describe.skipIf(offline || process.platform === "win32")(
  "create-agent-plugin --marketplace repo --source npm: the root's release publishes to a local registry [slow] [network]",
  () => {
    let root: string;
    let registry: LocalRegistry | undefined;
    let user: User;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "create-npm-monorepo-e2e-"));
      // @acme/* lives only here: the public registry is never asked for it.
      registry = await startRegistry(join(root, "verdaccio"), { localOnly: ["@acme/*"] });
      user = makeUser(join(root, "user"), registry.url);
      writeFileSync(
        join(user.home, ".npmrc"),
        `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${registry.token}\nupdate-notifier=false\n`,
      );
    }, 300_000);

    afterAll(async () => {
      await registry?.stop();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    }, 60_000);

    it("creates two plugins listed by npm source, and npm run release publishes both in range", {
      timeout: 600_000,
    }, async () => {
      const repo = join(root, "team-plugins");
      mkdirSync(repo);
      const node = (bin: string, args: readonly string[], cwd = repo, env: Record<string, string> = {}) =>
        user.run(process.execPath, [bin, ...args], cwd, env);

      // 1. The monorepo and its first plugin; then a second plugin inside it, which takes the root's scope.
      const first = await node(bins.createAgentPlugin, [
        "--name",
        "alpha",
        "--marketplace",
        "repo",
        "--source",
        "npm",
        "--npm-scope",
        "acme",
        "--no-install",
      ]);
      expect(first.exitCode, first.output).toBe(0);
      expect(first.output).toContain("Made . a marketplace monorepo");
      const second = await node(bins.createAgentPlugin, [
        "--name",
        "beta",
        "--marketplace",
        "repo",
        "--source",
        "npm",
        "--no-install",
      ]);
      expect(second.exitCode, second.output).toBe(0);
      expect(second.output).not.toContain("warning");
      const rootJson = readJson(join(repo, "package.json"));
      expect(rootJson.agentPlugin).toEqual({ npm: { scope: "@acme" } });
      const marketplace = readJson(join(repo, ".agents/plugins/marketplace.json"));
      const sources = marketplace.plugins.map((entry: any) => entry.source);
      expect(sources).toEqual([
        { source: "npm", package: "@acme/alpha", version: "^0.1.0" },
        { source: "npm", package: "@acme/beta", version: "^0.1.0" },
      ]);

      // 2. It lints clean, warnings included, and is committed (release packs only committed plugin folders).
      const lint = await node(bins.pluginLint, ["--max-warnings", "0"]);
      expect(lint.exitCode, lint.output).toBe(0);
      await user.ok("git", ["add", "-A"], repo);
      await user.ok("git", ["commit", "-qm", "Two plugins"], repo);

      // 3. The generated release script, run by npm as the workflow runs it; plugin-pack as an install puts it on PATH.
      const keys = join(root, "keys");
      expect((await node(bins.pluginPack, ["keygen", "--out", keys, "--name", "release"], root)).exitCode).toBe(0);
      const shims = join(root, "shims");
      mkdirSync(shims);
      writeFileSync(join(shims, "plugin-pack"), `#!/bin/sh\nexec "${process.execPath}" "${bins.pluginPack}" "$@"\n`);
      chmodSync(join(shims, "plugin-pack"), 0o755);
      expect(rootJson.scripts.release).toContain("plugin-pack release --npm --sign env:PLUGIN_SIGNING_KEY");
      const release = await user.run("npm", ["run", "release"], repo, {
        PATH: `${shims}:${user.env.PATH}`,
        PLUGIN_SIGNING_KEY: readFileSync(join(keys, "release.key"), "utf8"),
      });
      expect(release.exitCode, release.output).toBe(0);
      const released = readJson(join(repo, "dist/release/release.json"));
      expect(released.released.map((entry: any) => [entry.tag, entry.npm.package, entry.npm.status])).toEqual([
        ["alpha@0.1.0", "@acme/alpha", "published"],
        ["beta@0.1.0", "@acme/beta", "published"],
      ]);

      // 4. The registry has both at 0.1.0, and each range the marketplace names resolves to it.
      for (const source of sources) {
        const view = await user.ok("npm", ["view", `${source.package}@${source.version}`, "version", "--json"], repo);
        expect(JSON.parse(view.stdout), source.package).toBe("0.1.0");
      }
      // plugin-lint --resolve fetches each npm source (npm pack, the user's npm config) and lints it as a plugin.
      const resolved = await node(bins.pluginLint, ["--resolve", "--max-warnings", "0"]);
      expect(resolved.exitCode, resolved.output).toBe(0);
    });
  },
);
