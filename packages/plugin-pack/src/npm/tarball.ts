/**
 * npm package tarballs written from the files of a packed plugin (each under `package/`, as npm lays them out);
 * core's `readNpmTarball` reads them back. Writing is reproducible: sorted entries, one fixed date (npm's own),
 * modes 644/755, gzip without a name or a date.
 */
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import type { ArchiveInput } from "../archive/index.js";

/** The date npm itself writes on every tarball entry, so a tarball depends only on its files. */
const NPM_ENTRY_DATE = new Date("1985-10-26T08:15:00.000Z");

export async function writeTarball(files: readonly ArchiveInput[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pack.on("end", resolve);
    pack.on("error", reject);
  });
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  for (const file of sorted) {
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        { name: `package/${file.path}`, mode: file.mode, mtime: NPM_ENTRY_DATE, uid: 0, gid: 0, type: "file" },
        Buffer.from(file.data),
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}
