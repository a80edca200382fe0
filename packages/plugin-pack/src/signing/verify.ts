/**
 * Verifies an archive against its signed manifest and a trust list. A tampered or unreadable archive is a
 * report with `ok: false` and problems that say exactly what changed; verify never throws for one.
 */
import { resolve } from "node:path";
import { PackError } from "../errors.js";
import {
  parseFileManifest,
  serializeFileManifest,
  sha256Hex,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  type ArchiveEntry,
  type ArchiveLimits,
  type FileManifest,
  readArchiveAt,
  type CheckedArchive,
} from "../archive/index.js";
import { decodeRawKey, keyIdOf, type TrustedKey } from "./keys.js";
import { parseSignatureFile, signatureVerifies } from "./sign.js";
import type { VerifyReport } from "./types.js";

export interface VerifyOptions {
  trust: readonly TrustedKey[];
  /** Accept an unsigned archive (integrity is still checked against its manifest). */
  allowUnsigned?: boolean;
  limits?: ArchiveLimits;
  /** Resolves a relative archive path; default process.cwd(). */
  cwd?: string;
}

/** How many problems a report lists; past it, the last line counts the rest. */
export const MAX_PROBLEMS = 1000;

/** How many problems a one-line refusal lists; the rest are counted. */
const PROBLEMS_SHOWN = 3;

/** The one line `unpack` and `install` refuse a failed archive with: the first problems, and how many more. */
export function verificationFailure(report: VerifyReport, shown: string, nothingDone: string): string {
  const more =
    report.problems.length > PROBLEMS_SHOWN
      ? `; and ${report.problems.length - PROBLEMS_SHOWN} more (run plugin-pack verify)`
      : "";
  return `${shown} failed verification, ${nothingDone}: ${report.problems.slice(0, PROBLEMS_SHOWN).join("; ")}${more}`;
}

export async function verifyArchive(path: string, options: VerifyOptions): Promise<VerifyReport> {
  const file = resolve(options.cwd ?? process.cwd(), path);
  let archive: CheckedArchive;
  try {
    archive = await readArchiveAt(file, path, options.limits);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    return { archive: file, ok: false, fileCount: 0, signature: { status: "invalid" }, problems: [error.message] };
  }
  return verifyReadArchive(archive, options, path);
}

/** Verifies an archive already read, so a caller (unpack) extracts exactly the bytes that were verified. */
export function verifyReadArchive(
  archive: CheckedArchive,
  options: VerifyOptions,
  shown: string = archive.path,
): VerifyReport {
  const problems: string[] = [];
  const manifestEntry = archive.entries.find((entry) => entry.path === MANIFEST_PATH);
  const signatureEntry = archive.entries.find((entry) => entry.path === SIGNATURE_PATH);
  const content = archive.entries.filter((entry) => entry.path !== MANIFEST_PATH && entry.path !== SIGNATURE_PATH);

  let manifest: FileManifest | undefined;
  if (manifestEntry === undefined)
    problems.push(`manifest missing: ${MANIFEST_PATH} is not in the archive (not packed by plugin-pack, or removed)`);
  else manifest = collect(problems, () => parseFileManifest(manifestEntry.data, shown));

  const signature = checkSignature(signatureEntry, manifestEntry, options, shown, problems);
  if (manifest !== undefined && manifestEntry !== undefined) {
    // Appended one by one: spreading a hostile archive's hundred thousand problems into push overflows the stack.
    for (const problem of compareFiles(manifest, content)) problems.push(problem);
    const listed = new Set(manifest.files.map((file) => file.path));
    for (const bundle of manifest.bundles) {
      if (!listed.has(bundle.output))
        problems.push(
          `manifest lists bundle output ${bundle.output} (server ${bundle.server}), which is not a listed file`,
        );
    }
    if (archive.timestamp !== undefined && archive.timestamp !== manifest.timestamp)
      problems.push(`re-zipped: entries are dated ${archive.timestamp}, but the manifest says ${manifest.timestamp}`);
    if (Buffer.compare(serializeFileManifest(manifest), manifestEntry.data) !== 0)
      problems.push(`re-zipped: ${MANIFEST_PATH} is not in canonical form (rewritten by another tool)`);
  }
  for (const issue of archive.canonicalIssues) problems.push(`re-zipped: ${issue}`);
  return {
    archive: archive.path,
    ok: problems.length === 0,
    ...(manifest ? { plugin: manifest.plugin } : {}),
    fileCount: content.length,
    signature,
    problems: capProblems(problems),
    ...(nameWarnings(archive).length > 0 ? { warnings: capProblems(nameWarnings(archive)) } : {}),
  };
}

/** At most MAX_PROBLEMS problems, the last saying how many more were found: enough to act on, bounded to print. */
export function capProblems(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const shown = problems.slice(0, MAX_PROBLEMS - 1);
  shown.push(`and ${problems.length - shown.length} more problems`);
  return shown;
}
/** What verify warns about and unpack and install refuse: collisions anywhere, Windows names everywhere too. */
export function nameWarnings(archive: CheckedArchive): string[] {
  return [
    ...archive.nameCollisions.map((collision) => `name collision on Windows and macOS: ${collision}`),
    ...archive.windowsNames.map((name) => `cannot be written on Windows: ${name}`),
  ];
}

function collect<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

function checkSignature(
  signatureEntry: ArchiveEntry | undefined,
  manifestEntry: ArchiveEntry | undefined,
  options: VerifyOptions,
  shown: string,
  problems: string[],
): VerifyReport["signature"] {
  if (signatureEntry === undefined) {
    if (!options.allowUnsigned)
      problems.push(
        `signature stripped: the archive is unsigned (no ${SIGNATURE_PATH}; packed without a key, or the signature was removed)`,
      );
    return { status: "unsigned" };
  }
  const signature = collect(problems, () => parseSignatureFile(signatureEntry.data, shown));
  if (signature === undefined) return { status: "invalid" };
  const invalid = (problem: string): VerifyReport["signature"] => {
    problems.push(problem);
    return { status: "invalid", keyId: signature.keyId };
  };
  const raw = decodeRawKey(signature.publicKey)!;
  if (keyIdOf(raw) !== signature.keyId)
    return invalid(
      `signature is invalid: its keyId ${signature.keyId} is not the id of its public key (${keyIdOf(raw)})`,
    );
  if (manifestEntry === undefined) return invalid("signature is invalid: there is no manifest for it to cover");
  const actual = sha256Hex(manifestEntry.data);
  if (actual !== signature.manifestSha256)
    return invalid(
      `manifest changed after signing (sha256 ${short(actual)} expected ${short(signature.manifestSha256)})`,
    );
  if (!signatureVerifies(signature))
    return invalid(`signature does not verify against key ${signature.keyId}: ${SIGNATURE_PATH} was altered`);
  const trusted = options.trust.find((key) => Buffer.from(key.raw).equals(raw));
  if (trusted === undefined) {
    problems.push(
      `signature is by key ${signature.keyId}, which is not in the trust list: if you trust its publisher, get their public key from them (not from the archive) and pass it with --trust`,
    );
    return { status: "untrusted", keyId: signature.keyId };
  }
  return { status: "valid", keyId: signature.keyId, trustedBy: trusted.source };
}

/** Every difference between the listed files and the packed ones, a removed + added pair with one hash as a rename. */
function compareFiles(manifest: FileManifest, content: readonly ArchiveEntry[]): string[] {
  const listed = new Set(manifest.files.map((file) => file.path));
  const packed = new Map(content.map((entry) => [entry.path, entry]));
  const changed: string[] = [];
  const removed = manifest.files.filter((file) => !packed.has(file.path));
  const added = content
    .filter((entry) => !listed.has(entry.path))
    .map((entry) => ({ path: entry.path, sha256: sha256Hex(entry.data) }));
  for (const file of manifest.files) {
    const entry = packed.get(file.path);
    if (entry === undefined) continue;
    const sha256 = sha256Hex(entry.data);
    if (sha256 !== file.sha256)
      changed.push(`content of ${file.path} changed (sha256 ${short(sha256)} expected ${short(file.sha256)})`);
    else if (entry.data.length !== file.size)
      changed.push(`size of ${file.path} is ${entry.data.length} bytes, but the manifest says ${file.size}`);
    if (entry.mode !== file.mode)
      changed.push(`mode of ${file.path} changed (${octal(entry.mode)}, expected ${octal(file.mode)})`);
  }
  // Added paths by hash, each list consumed from a cursor: a removed file pairs with the first unclaimed match.
  const addedByHash = new Map<string, { paths: string[]; next: number }>();
  for (const entry of added) {
    const same = addedByHash.get(entry.sha256);
    if (same) same.paths.push(entry.path);
    else addedByHash.set(entry.sha256, { paths: [entry.path], next: 0 });
  }
  const claimed = new Set<string>();
  const renamed: string[] = [];
  const stillRemoved = removed.filter((file) => {
    const same = addedByHash.get(file.sha256);
    if (same === undefined || same.next >= same.paths.length) return true;
    const match = same.paths[same.next++]!;
    claimed.add(match);
    renamed.push(`renamed ${file.path} → ${match}`);
    return false;
  });
  return [
    ...stillRemoved.map((file) => `file removed: ${file.path}`),
    ...added.filter((entry) => !claimed.has(entry.path)).map((entry) => `file added: ${entry.path}`),
    ...renamed,
    ...changed,
  ];
}

function short(hex: string): string {
  return `${hex.slice(0, 12)}…`;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}
