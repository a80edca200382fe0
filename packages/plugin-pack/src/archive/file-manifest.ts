/**
 * `.plugin-pack/manifest.json`: every packed file's path, size, SHA-256 and mode. The signature covers
 * these exact bytes, so the serialisation is canonical (fixed key order, 2-space JSON, one trailing newline)
 * and the parser accepts nothing it does not expect.
 */
import { hash } from "node:crypto";
import { PackError } from "../errors.js";
import {
  DEFAULT_LIMITS,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  type ArchiveInput,
  type FileManifest,
  type FileManifestEntry,
} from "./types.js";
import { compareUtf8, timestampFromSeconds, unsafePathReason, type ArchiveTimestamp } from "./zip-write.js";

export const TOOLCHAIN_NAME = "@agent-plugin/plugin-pack";

export function sha256Hex(data: Uint8Array): string {
  // One-shot: a Hash object per file cost twice as much CPU over the hundreds of files of a large plugin.
  return hash("sha256", data, "hex");
}

export function buildFileManifest(args: {
  plugin: { name: string; version: string };
  toolchainVersion: string;
  timestamp: ArchiveTimestamp;
  /** Raw files are hashed here; entries already measured (by the compression workers) are taken as they are. */
  files: readonly (ArchiveInput | FileManifestEntry)[];
  bundles: FileManifest["bundles"];
}): FileManifest {
  const files = [...args.files].sort((a, b) => compareUtf8(a.path, b.path));
  files.forEach((file, index) => {
    if (file.path === MANIFEST_PATH || file.path === SIGNATURE_PATH)
      throw new PackError(
        `${file.path} is written by plugin-pack itself and cannot be packed from the plugin`,
        file.path,
      );
    if (index > 0 && files[index - 1]!.path === file.path)
      throw new PackError(`${file.path} is listed twice`, file.path);
  });
  return {
    formatVersion: 1,
    plugin: { name: args.plugin.name, version: args.plugin.version },
    toolchain: { name: TOOLCHAIN_NAME, version: args.toolchainVersion },
    timestamp: args.timestamp.iso,
    files: files.map((file) =>
      "data" in file
        ? { path: file.path, size: file.data.length, sha256: sha256Hex(file.data), mode: file.mode }
        : { path: file.path, size: file.size, sha256: file.sha256, mode: file.mode },
    ),
    // Sorted too, so the manifest does not depend on the order servers were bundled in.
    bundles: [...args.bundles].sort((a, b) => compareUtf8(a.server, b.server) || compareUtf8(a.output, b.output)),
  };
}

/** The canonical bytes: keys in the order of the FileManifest type, whatever order the object has. */
export function serializeFileManifest(manifest: FileManifest): Uint8Array {
  const ordered = {
    formatVersion: manifest.formatVersion,
    plugin: { name: manifest.plugin.name, version: manifest.plugin.version },
    toolchain: { name: manifest.toolchain.name, version: manifest.toolchain.version },
    timestamp: manifest.timestamp,
    files: manifest.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mode: f.mode })),
    bundles: manifest.bundles.map((b) => ({ server: b.server, entry: b.entry, output: b.output })),
  };
  return new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
}

/** Parses and checks the manifest; any deviation is a PackError naming the JSON path. */
export function parseFileManifest(bytes: Uint8Array, archivePath: string): FileManifest {
  const fail = (at: string, what: string): never => {
    throw new PackError(`${archivePath}: ${MANIFEST_PATH}: ${at === "" ? "" : `${at} `}${what}`, archivePath);
  };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    return fail("", `is not valid UTF-8 JSON (${jsonErrorText(error)})`);
  }
  const shape = new ShapeChecker(fail);
  const root = shape.object(value, "", ["formatVersion", "plugin", "toolchain", "timestamp", "files", "bundles"]);
  if (root.formatVersion !== 1)
    fail("formatVersion", `is ${JSON.stringify(root.formatVersion)}; this plugin-pack reads format 1`);
  const plugin = shape.object(root.plugin, "plugin", ["name", "version"]);
  const toolchain = shape.object(root.toolchain, "toolchain", ["name", "version"]);
  const timestamp = shape.string(root.timestamp, "timestamp");
  if (!isCanonicalTimestamp(timestamp))
    fail(
      "timestamp",
      `must be a DOS-range UTC time in even seconds like "1980-01-01T00:00:00Z", not ${JSON.stringify(timestamp)}`,
    );
  const listed = shape.array(root.files, "files");
  // The same ceiling as the archive's entry count: a manifest cannot list more files than an archive may hold.
  if (listed.length > DEFAULT_LIMITS.maxEntries)
    fail("files", `lists ${listed.length} files, over the limit of ${DEFAULT_LIMITS.maxEntries}`);
  const files = listed.map((item, index) => parseEntry(shape, item, `files[${index}]`, fail));
  files.forEach((file, index) => {
    const previous = files[index - 1];
    if (previous !== undefined && compareUtf8(previous.path, file.path) >= 0)
      fail(
        `files[${index}].path`,
        `${JSON.stringify(file.path)} is out of order or repeated (files are sorted bytewise by path)`,
      );
  });
  const listedBundles = shape.array(root.bundles, "bundles");
  if (listedBundles.length > DEFAULT_LIMITS.maxEntries)
    fail("bundles", `lists ${listedBundles.length} bundles, over the limit of ${DEFAULT_LIMITS.maxEntries}`);
  const bundles = listedBundles.map((item, index) => {
    const bundle = shape.object(item, `bundles[${index}]`, ["server", "entry", "output"]);
    return {
      server: shape.string(bundle.server, `bundles[${index}].server`),
      entry: shape.string(bundle.entry, `bundles[${index}].entry`),
      output: shape.string(bundle.output, `bundles[${index}].output`),
    };
  });
  return {
    formatVersion: 1,
    plugin: {
      name: shape.nonEmpty(plugin.name, "plugin.name"),
      version: shape.nonEmpty(plugin.version, "plugin.version"),
    },
    toolchain: {
      name: shape.nonEmpty(toolchain.name, "toolchain.name"),
      version: shape.nonEmpty(toolchain.version, "toolchain.version"),
    },
    timestamp,
    files,
    bundles,
  };
}

function parseEntry(
  shape: ShapeChecker,
  item: unknown,
  at: string,
  fail: (at: string, what: string) => never,
): FileManifestEntry {
  const entry = shape.object(item, at, ["path", "size", "sha256", "mode"]);
  const path = shape.string(entry.path, `${at}.path`);
  const unsafe = unsafePathReason(path);
  if (unsafe !== undefined) fail(`${at}.path`, `${JSON.stringify(path)} is not a safe relative path (${unsafe})`);
  if (path === MANIFEST_PATH || path === SIGNATURE_PATH) fail(`${at}.path`, `must not list ${path} itself`);
  if (typeof entry.size !== "number" || !Number.isSafeInteger(entry.size) || entry.size < 0)
    fail(`${at}.size`, "must be a whole number of bytes");
  if (typeof entry.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(entry.sha256))
    fail(`${at}.sha256`, "must be 64 lowercase hex characters");
  if (entry.mode !== 0o644 && entry.mode !== 0o755)
    fail(`${at}.mode`, `must be 420 (0644) or 493 (0755), not ${JSON.stringify(entry.mode)}`);
  return { path, size: entry.size as number, sha256: entry.sha256 as string, mode: entry.mode as 0o644 | 0o755 };
}

/** A JSON.parse error on one line: V8 quotes a snippet of the input, which may hold newlines or escapes. */
export function jsonErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** True for the exact text archiveTimestamp produces: in DOS range, even seconds, no milliseconds. */
export function isCanonicalTimestamp(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return false;
  const millis = Date.parse(text);
  return Number.isFinite(millis) && timestampFromSeconds(millis / 1000).iso === text;
}

/** Small strict shape checks that name the JSON path of the first thing wrong. */
class ShapeChecker {
  constructor(private readonly fail: (at: string, what: string) => never) {}

  object(value: unknown, at: string, keys: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return this.fail(at, "must be an object");
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!keys.includes(key)) this.fail(join(at, key), "is not a known field");
    for (const key of keys) if (!(key in record)) this.fail(join(at, key), "is missing");
    return record;
  }

  array(value: unknown, at: string): unknown[] {
    return Array.isArray(value) ? value : this.fail(at, "must be an array");
  }

  string(value: unknown, at: string): string {
    return typeof value === "string" ? value : this.fail(at, "must be a string");
  }

  nonEmpty(value: unknown, at: string): string {
    const text = this.string(value, at);
    return text.trim() === "" ? this.fail(at, "must not be empty") : text;
  }
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}
