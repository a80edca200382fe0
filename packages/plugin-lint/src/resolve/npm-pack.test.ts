// The real npm fetcher against a small registry on 127.0.0.1: npm pack downloads the tarball, and the fetcher
// unpacks it with core's bounded tarball reader, refusing a package whose paths leave its folder.
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { tempDir } from "@agent-plugin/test-utils";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmPackFetcher } from "./npm-pack.js";

async function tarball(entries: readonly { name: string; body: string; mode?: number }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => pack.on("end", resolve));
  for (const { body, ...header } of entries) pack.entry(header, body);
  pack.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

/** Package name → its one version's tarball. */
const packages = new Map<string, Buffer>();
let server: Server;
let registry: string;

beforeAll(async () => {
  packages.set(
    "@acme/demo",
    await tarball([
      { name: "package/package.json", body: '{"name":"@acme/demo","version":"1.2.0"}' },
      { name: "package/.codex-plugin/plugin.json", body: '{"name":"demo"}' },
      { name: "package/bin/run.sh", body: "#!/bin/sh\n", mode: 0o755 },
    ]),
  );
  packages.set(
    "@acme/leaky",
    await tarball([
      { name: "package/package.json", body: '{"name":"@acme/leaky","version":"1.2.0"}' },
      { name: "package/../../outside.txt", body: "x" },
    ]),
  );
  server = createServer((request, response) => {
    const url = decodeURIComponent(request.url ?? "");
    const name = [...packages.keys()].find((candidate) => url === `/${candidate}`);
    if (name !== undefined) {
      const version = { name, version: "1.2.0", dist: { tarball: `${registry}tarballs/${name}.tgz` } };
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ name, "dist-tags": { latest: "1.2.0" }, versions: { "1.2.0": version } }));
      return;
    }
    const file = [...packages].find(([candidate]) => url === `/tarballs/${candidate}.tgz`);
    if (file === undefined) {
      response.statusCode = 404;
      response.end("{}");
      return;
    }
    response.setHeader("content-type", "application/octet-stream");
    response.end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function fetchPackage(name: string) {
  const cwd = realpathSync(tempDir());
  const dest = join(realpathSync(tempDir()), "dest");
  mkdirSync(dest);
  const outcome = await npmPackFetcher({
    source: { package: name, version: "^1.0.0", registry },
    dest,
    cwd,
    timeoutMs: 30_000,
  });
  return { outcome, dest };
}

describe("npmPackFetcher, through the real npm [slow]", () => {
  it("unpacks the fetched package into its own folder with its files, modes and version", async () => {
    const { outcome } = await fetchPackage("@acme/demo");
    if (outcome.kind !== "fetched") throw new Error(`not fetched: ${JSON.stringify(outcome)}`);
    expect(outcome.version).toBe("1.2.0");
    expect(readFileSync(join(outcome.dir, ".codex-plugin/plugin.json"), "utf8")).toBe('{"name":"demo"}');
    expect(statSync(join(outcome.dir, "bin/run.sh")).mode & 0o111).not.toBe(0);
    expect(outcome.archiveBytes).toBe(packages.get("@acme/demo")?.length);
  }, 60_000);

  it("refuses a package holding a path outside its folder, writing nothing outside", async () => {
    const { outcome, dest } = await fetchPackage("@acme/leaky");
    expect(outcome).toEqual({
      kind: "failed",
      detail: expect.stringMatching(
        /^@acme\/leaky@\^1\.0\.0 \(.*\.tgz\) holds package\/\.\.\/\.\.\/outside\.txt, a path outside the package folder$/,
      ),
    });
    expect(readdirSync(join(dest, ".."))).toEqual(["dest"]);
    expect(readdirSync(dest).filter((name) => !name.endsWith(".tgz"))).toEqual([]);
  }, 60_000);
});
