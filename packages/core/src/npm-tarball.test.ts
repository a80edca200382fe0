import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { ToolError } from "./cli/errors.js";
import { readNpmTarball } from "./npm-tarball.js";

type Entry = { name: string; type?: "file" | "symlink" | "directory"; mode?: number; body?: string; linkname?: string };

/** A gzipped tarball of exactly these entries, written with the same library npm-compatible tools use. */
async function tarball(entries: readonly Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => pack.on("end", resolve));
  for (const entry of entries) {
    const { body, ...header } = entry;
    if (body === undefined) pack.entry(header);
    else pack.entry(header, body);
  }
  pack.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

describe("readNpmTarball", () => {
  it("returns each regular file under package/ with its path, mode and bytes, skipping folders", async () => {
    const bytes = await tarball([
      { name: "package", type: "directory" },
      { name: "package/package.json", body: '{"name":"a"}', mode: 0o644 },
      { name: "package/bin/run.sh", body: "#!/bin/sh\n", mode: 0o755 },
    ]);
    const files = await readNpmTarball(bytes, "a-1.0.0.tgz");
    expect(files.map((f) => [f.path, f.mode.toString(8), Buffer.from(f.data).toString()])).toEqual([
      ["package.json", "644", '{"name":"a"}'],
      ["bin/run.sh", "755", "#!/bin/sh\n"],
    ]);
  });

  it("refuses what is not a gzipped tarball, in one line naming it, as a fatal tool error", async () => {
    const notGzip = readNpmTarball(Buffer.from("not gzip"), "x.tgz");
    await expect(notGzip).rejects.toThrow(/^x\.tgz is not a gzipped npm tarball/);
    await expect(notGzip).rejects.toMatchObject({ exitCode: 2, file: "x.tgz" });
    await expect(readNpmTarball(gzipSync(Buffer.alloc(700, 7)), "y.tgz")).rejects.toThrow(
      /^y\.tgz is not a readable npm tarball/,
    );
  });

  it("refuses links and paths that leave the package folder, which npm never packs", async () => {
    const link = await tarball([{ name: "package/evil", type: "symlink", linkname: "/etc/passwd" }]);
    await expect(readNpmTarball(link, "l.tgz")).rejects.toThrow(
      "l.tgz holds package/evil, a symlink: an npm package holds regular files only",
    );
    for (const name of ["package/../../outside", "/package/abs", "package/a/./b"]) {
      const leaving = await tarball([{ name, body: "x" }]);
      await expect(readNpmTarball(leaving, "e.tgz")).rejects.toThrow(
        `e.tgz holds ${name}, a path outside the package folder`,
      );
    }
  });

  it("stops at its limits before reading on", async () => {
    const many = await tarball([
      { name: "package/a", body: "1" },
      { name: "package/b", body: "2" },
      { name: "package/c", body: "3" },
    ]);
    const limits = { maxEntries: 2, maxEntryBytes: 10, maxTotalBytes: 1 << 20 };
    await expect(readNpmTarball(many, "m.tgz", limits)).rejects.toThrow("m.tgz has more than 2 files");
    const big = await tarball([{ name: "package/big", body: "x".repeat(11) }]);
    await expect(readNpmTarball(big, "b.tgz", limits)).rejects.toThrow("b.tgz: package/big is over 10 bytes");
    const bomb = gzipSync(Buffer.alloc(4 << 20));
    await expect(readNpmTarball(bomb, "z.tgz", limits)).rejects.toBeInstanceOf(ToolError);
  });
});
