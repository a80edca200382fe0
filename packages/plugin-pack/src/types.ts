/**
 * The contracts between plugin-pack's modules. Each report is plain data: the CLI prints it
 * (or prints it as JSON with --json), and the library returns it unchanged.
 */

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

/** `.plugin-pack/signature.json`. */
export interface SignatureFile {
  formatVersion: 1;
  algorithm: "ed25519";
  /** First 16 hex characters of SHA-256 over the raw 32-byte public key. */
  keyId: string;
  /** The raw public key, base64: lets anyone see who signed, but trust comes only from --trust. */
  publicKey: string;
  /** SHA-256 (hex) of the exact bytes of .plugin-pack/manifest.json. */
  manifestSha256: string;
  /** Ed25519 signature (base64) over `signedPayload(manifestSha256)`. */
  signature: string;
}

export const MANIFEST_PATH = ".plugin-pack/manifest.json";
export const SIGNATURE_PATH = ".plugin-pack/signature.json";
export const BUNDLE_DIR = ".plugin-pack/bundles";

/** The exact bytes an Ed25519 signer signs: a domain-separated line with the manifest digest. */
export function signedPayload(manifestSha256: string): Uint8Array {
  return new TextEncoder().encode(`plugin-pack/signature/v1\n${manifestSha256}\n`);
}

/** Why a file is in or out of the archive: `ls --why` prints this. */
export interface SelectionDecision {
  path: string;
  included: boolean;
  /** The pattern or rule that decided, e.g. `default: .env*`, `.pluginignore:3: !keep.log`, `bundled into .plugin-pack/bundles/x.mjs`. */
  reason: string;
  size?: number;
}

export interface Selection {
  root: string;
  /** Included regular files, sorted by path. */
  files: { path: string; absolute: string; size: number; mode: 0o644 | 0o755 }[];
  decisions: SelectionDecision[];
}

/** Limits that make a hostile archive fail fast instead of filling the disk or the memory. */
export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for one entry. */
  maxRatio: number;
}

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

/** What verify found. `ok` is the verdict; every other field explains it. */
export interface VerifyReport {
  archive: string;
  ok: boolean;
  plugin?: { name: string; version: string };
  fileCount: number;
  signature: { status: "valid" | "unsigned" | "invalid" | "untrusted"; keyId?: string; trustedBy?: string };
  /** Each difference between the archive and its signed manifest, in words a reviewer reads. */
  problems: string[];
}

/** The capability report a reviewer reads before installing. */
export interface CapabilityReport {
  source: string;
  kind: "archive" | "folder";
  name: string;
  version?: string;
  publisher?: string;
  description?: string;
  skills: { name: string; description: string; path: string }[];
  mcpServers: McpServerCapability[];
  apps: { key: string; id: string }[];
  hooks: { event: string; matcher?: string; type: string; command?: string; file: string }[];
  assets: string[];
  fileCount: number;
  totalBytes: number;
  signature?: { status: "signed" | "unsigned"; keyId?: string };
}

export interface McpServerCapability {
  name: string;
  transport: "stdio" | "http";
  command?: string;
  args?: string[];
  url?: string;
  auth: { kind: "none" | "bearer-env" | "env-headers" | "oauth" | "static-headers"; detail?: string };
  env?: string[];
}

export type ChangeKind = "skills" | "servers" | "endpoints" | "hooks" | "apps" | "auth";

export interface CapabilityChange {
  kind: ChangeKind;
  change: "added" | "removed" | "changed";
  name: string;
  detail?: string;
}

export interface DiffReport {
  old: { source: string; name: string; version?: string };
  new: { source: string; name: string; version?: string };
  changes: CapabilityChange[];
}
