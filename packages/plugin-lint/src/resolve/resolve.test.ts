// plugin-lint --resolve without a registry: packages come from a folder (folderRegistry), and the real npm fetcher is
// pointed at a local port that accepts connections and never answers, to show the timeout holds.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../lint.js";
import type { FetchRequest, NpmFetcher } from "./fetcher.js";
import { folderRegistry } from "./folder-registry.js";
import { npmPackFetcher } from "./npm-pack.js";

const entry = (name: string, source: Record<string, unknown>) => ({
  name,
  source: { source: "npm", ...source },
  policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
  category: "Productivity",
});

function marketplace(entries: object[], extra: Record<string, string | object> = {}): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, { ".agents/plugins/marketplace.json": { name: "demo-market", plugins: entries }, ...extra });
  return dir;
}

const plugin = (name: string, packageName: string, version: string, manifest: object = {}) => ({
  [`registry/${packageName}/${version}/package.json`]: { name: packageName, version },
  [`registry/${packageName}/${version}/.codex-plugin/plugin.json`]: {
    name,
    version,
    description: "A demo plugin.",
    ...manifest,
  },
});

async function resolved(cwd: string, fetcher: NpmFetcher, timeoutMs?: number) {
  const report = await lint({
    paths: ["."],
    cwd,
    target: "codex",
    config: { rules: {}, ignores: [], baseDir: cwd },
    resolve: { fetcher, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  });
  return report.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}: ${d.message}`);
}

describe("plugin-lint --resolve", () => {
  it("fetches only entries the static rules accept, and reports the fetched plugin's findings on its entry", async () => {
    const cwd = marketplace(
      [
        entry("demo", { package: "@acme/demo", version: "^1.0.0" }),
        entry("skipped", { package: "acme/skipped", version: "^1.0.0" }),
      ],
      plugin("demo", "@acme/demo", "1.4.0", { interface: { brandColor: "teal" } }),
    );
    const asked: string[] = [];
    const registry = folderRegistry(`${cwd}/registry`);
    const recording: NpmFetcher = (request: FetchRequest) => {
      asked.push(`${request.source.package}@${request.source.version} in ${request.cwd}`);
      return registry(request);
    };
    const found = await resolved(cwd, recording);
    expect(asked).toEqual([`@acme/demo@^1.0.0 in ${cwd}`]);
    expect(found).toEqual([
      expect.stringMatching(
        /^6:17 warning manifest\/brand-color: @acme\/demo@1\.4\.0: \.codex-plugin\/plugin\.json:\d+:\d+: "interface\.brandColor" must be a #RRGGBB colour/,
      ),
      expect.stringMatching(/^21:20 error marketplace\/npm-package: "acme\/skipped" is not an npm package name/),
    ]);
  });

  it("names the missing package, a range nothing satisfies (with the versions there are), and npm's own failure", async () => {
    const cwd = marketplace(
      [
        entry("gone", { package: "@acme/gone", version: "^1.0.0" }),
        entry("demo", { package: "@acme/demo", version: "^3.0.0" }),
      ],
      { ...plugin("demo", "@acme/demo", "1.0.0"), ...plugin("demo", "@acme/demo", "2.1.0") },
    );
    expect(await resolved(cwd, folderRegistry(`${cwd}/registry`))).toEqual([
      expect.stringContaining(
        "error marketplace/npm-resolve: the registry has no package @acme/gone, or your npm config has no access to it",
      ),
      expect.stringContaining(
        'error marketplace/npm-resolve: no published version of @acme/demo matches "^3.0.0": the registry has 1.0.0, 2.1.0; change the range or publish a matching version',
      ),
    ]);
    const failing: NpmFetcher = async () => ({ kind: "failed", detail: "Invalid tag name" });
    expect(await resolved(marketplace([entry("demo", { package: "@acme/demo", version: "^1.0.0" })]), failing)).toEqual(
      [expect.stringContaining("error marketplace/npm-resolve: npm pack @acme/demo@^1.0.0 failed: Invalid tag name")],
    );
  });

  it("refuses a package whose package.json or manifest names something else, as Codex does at install", async () => {
    const cwd = marketplace([entry("demo", { package: "@acme/demo", version: "1.0.0" })], {
      "registry/@acme/demo/1.0.0/package.json": { name: "@acme/other", version: "1.0.0" },
      "registry/@acme/demo/1.0.0/.codex-plugin/plugin.json": {
        name: "another",
        version: "1.0.0",
        description: "A demo plugin.",
      },
    });
    expect(await resolved(cwd, folderRegistry(`${cwd}/registry`))).toEqual([
      expect.stringContaining(
        'error marketplace/npm-resolve: @acme/demo@1.0.0: its .codex-plugin/plugin.json names the plugin "another", and Codex refuses to install it as "demo"',
      ),
      expect.stringContaining(
        'error marketplace/npm-resolve: @acme/demo@1.0.0: its package.json names "@acme/other", and Codex refuses a package whose name differs from "package"',
      ),
    ]);
  });
});

describe("the npm pack fetcher", () => {
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts every connection and never answers: a registry that hangs.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("gives up on a registry that never answers at the timeout, with one line naming the entry", {
    timeout: 60_000,
  }, async () => {
    // The registry comes from the project's .npmrc, as a user's local registry would.
    const cwd = marketplace([entry("demo", { package: "@acme/demo", version: "^1.0.0" })], {
      ".npmrc": `registry=http://127.0.0.1:${port}/\nupdate-notifier=false\n`,
    });
    const started = Date.now();
    const found = await resolved(cwd, npmPackFetcher, 3_000);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(found).toEqual([
      expect.stringContaining(
        "error marketplace/npm-resolve: npm pack @acme/demo@^1.0.0 did not finish within 3 s: check the registry, proxy and auth settings in your npm config (.npmrc)",
      ),
    ]);
  });
});
