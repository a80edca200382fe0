// npm package tarballs read into memory: the one tar reader of the toolchain (plugin-pack verifies published
// packages with it, plugin-lint --resolve unpacks fetched sources with it). Bounded, so a hostile tarball fails
// before it fills memory, and strict, since npm itself packs regular files only.
import { ToolError } from "./cli/errors.js";

export interface TarballFile {
  /** The path inside the package folder (the tarball's first folder, `package/`, removed), with `/` separators. */
  path: string;
  /** Permission bits as the tarball holds them. */
  mode: number;
  data: Uint8Array;
}

export interface TarballLimits {
  maxEntries: number;
  maxEntryBytes: number;
  /** The unpacked tar stream, all headers and files together. */
  maxTotalBytes: number;
}

export const DEFAULT_TARBALL_LIMITS: TarballLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/**
 * Every regular file of a gzipped npm tarball. Links, devices and paths that leave the package folder are refused
 * with one line naming `shown` (the file or package the bytes came from).
 */
export async function readNpmTarball(
  gzipped: Uint8Array,
  shown: string,
  limits: TarballLimits = DEFAULT_TARBALL_LIMITS,
): Promise<TarballFile[]> {
  const refuse = (message: string) => new ToolError(message, { file: shown });
  let bytes: Buffer;
  try {
    // node:zlib is loaded here, not at import: the CLIs that bundle this module mostly never read a tarball.
    bytes = process.getBuiltinModule("node:zlib").gunzipSync(gzipped, { maxOutputLength: limits.maxTotalBytes });
  } catch (error) {
    throw refuse(`${shown} is not a gzipped npm tarball (${(error as Error).message})`);
  }
  // Loaded here: only commands that read a package need a tar parser, and the CLIs should start fast without it.
  const { default: tar } = await import("tar-stream");
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
        throw refuse(`${shown} holds ${name}, a ${type}: an npm package holds regular files only`);
      if (files.length >= limits.maxEntries) throw refuse(`${shown} has more than ${limits.maxEntries} files`);
      if ((size ?? 0) > limits.maxEntryBytes) throw refuse(`${shown}: ${name} is over ${limits.maxEntryBytes} bytes`);
      const path = packagePath(name);
      if (path === undefined) throw refuse(`${shown} holds ${name}, a path outside the package folder`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      files.push({ path, mode: (mode ?? 0o644) & 0o777, data: Buffer.concat(chunks) });
    }
  })();
  extract.end(bytes);
  try {
    await Promise.race([reading, failure]);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    throw refuse(`${shown} is not a readable npm tarball (${(error as Error).message})`);
  }
  return files;
}

/** `package/a/b.md` → `a/b.md`; undefined for an absolute path or one with an empty, `.` or `..` segment. */
function packagePath(name: string): string | undefined {
  const segments = name.replaceAll("\\", "/").split("/");
  const inside = segments.length > 1 ? segments.slice(1) : segments;
  if (segments[0] === "" || inside.some((segment) => segment === "" || segment === "." || segment === "..")) {
    return undefined;
  }
  return inside.join("/");
}
