/**
 * npm package tarballs: written from the files of a packed plugin (each under `package/`, as npm lays them out), and
 * read back for verification. Writing is reproducible: sorted entries, one fixed date (npm's own), modes 644/755,
 * gzip without a name or a date.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import tar from "tar-stream";
import { type ArchiveInput, DEFAULT_LIMITS } from "../archive/index.js";
import { PackError } from "../errors.js";

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

export interface TarballFile {
  /** The path inside the package folder (the tarball's first folder, `package/`, removed). */
  path: string;
  /** Permission bits as the tarball holds them. */
  mode: number;
  data: Uint8Array;
}

/**
 * Every regular file of a tarball. Links and devices are refused (npm never packs them); sizes are bounded by the
 * archive limits, so a hostile tarball fails before it fills memory.
 */
export async function readTarball(gzipped: Uint8Array, shown: string): Promise<TarballFile[]> {
  const limits = DEFAULT_LIMITS;
  let bytes: Buffer;
  try {
    bytes = gunzipSync(gzipped, { maxOutputLength: limits.maxTotalBytes });
  } catch (error) {
    throw new PackError(`${shown} is not a gzipped npm tarball (${(error as Error).message})`, shown);
  }
  const extract = tar.extract();
  const files: TarballFile[] = [];
  const failure = new Promise<never>((_, reject) => extract.on("error", reject));
  const reading = (async () => {
    for await (const entry of extract) {
      const { name, type, mode, size } = entry.header;
      if (type === "directory") {
        entry.resume();
        continue;
      }
      if (type !== "file" && type !== "contiguous-file")
        throw new PackError(`${shown} holds ${name}, a ${type}: an npm package holds regular files only`, shown);
      if (files.length >= limits.maxEntries)
        throw new PackError(`${shown} has more than ${limits.maxEntries} files`, shown);
      if ((size ?? 0) > limits.maxEntryBytes)
        throw new PackError(`${shown}: ${name} is over ${limits.maxEntryBytes} bytes`, shown);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const slash = name.indexOf("/");
      files.push({
        path: slash === -1 ? name : name.slice(slash + 1),
        mode: (mode ?? 0o644) & 0o777,
        data: Buffer.concat(chunks),
      });
    }
  })();
  extract.end(bytes);
  try {
    await Promise.race([reading, failure]);
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError(`${shown} is not a readable npm tarball (${(error as Error).message})`, shown);
  }
  return files;
}
