/** The archive's contracts: what goes in, what comes out of reading one, and the `.plugin-pack/` files it carries. */

/** One file going into an archive, already read. Paths use `/` and are relative to the plugin root. */
export interface ArchiveInput {
  path: string;
  data: Uint8Array;
  /** 0o644 or 0o755: normalised so archives do not depend on the packing machine's umask. */
  mode: 0o644 | 0o755;
}

/** `.plugin-pack/manifest.json`: what the signature covers. */
export interface FileManifest {
  formatVersion: 1;
  plugin: { name: string; version: string };
  toolchain: { name: string; version: string };
  /** The DOS timestamp written on every entry, as an ISO date (from SOURCE_DATE_EPOCH, else 1980-01-01). */
  timestamp: string;
  /** Every packed file except the manifest and the signature, sorted by path (bytewise). */
  files: FileManifestEntry[];
  /** MCP servers bundled by esbuild: which entry became which packed file. */
  bundles: { server: string; entry: string; output: string }[];
}

export interface FileManifestEntry {
  path: string;
  size: number;
  sha256: string;
  mode: 0o644 | 0o755;
}

export const MANIFEST_PATH = ".plugin-pack/manifest.json";
export const SIGNATURE_PATH = ".plugin-pack/signature.json";
export const BUNDLE_DIR = ".plugin-pack/bundles";

/**
 * Fixed limits on every entry name, in the archive and in the manifest: real file systems refuse longer
 * paths anyway, and they bound what reading a name costs before any signature is checked.
 */
export const MAX_NAME_BYTES = 4096;
export const MAX_PATH_SEGMENTS = 64;

/** Limits that make a hostile archive fail fast instead of filling the disk or the memory. */
export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for one entry. */
  maxRatio: number;
}

/**
 * Below this size an entry cannot hurt, whatever its ratio: a 100 KB file of spaces legitimately deflates
 * 1000:1. Above it, maxRatio applies (a real zip bomb is large by definition).
 */
export const RATIO_CHECK_FLOOR = 1024 * 1024;

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

/** An archive read into memory and checked for safety (names, limits) but not yet for integrity. */
export interface ReadArchive {
  path: string;
  size: number;
  sha256: string;
  entries: ArchiveEntry[];
  /** Ways the zip differs from what plugin-pack writes (a re-zip): order, timestamps, extra fields, modes. */
  canonicalIssues: string[];
}

export interface ArchiveEntry {
  path: string;
  data: Uint8Array;
  /** Unix mode from the external attributes (permission bits only). */
  mode: number;
}
