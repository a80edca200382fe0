/**
 * Reads a ZIP archive into memory and checks that it is safe to look at (limits, names, entry types),
 * and lists every way it differs from what writeZip produces (so verify can tell a re-zip from an original).
 * It does not judge integrity: that is verify's job, against the signed manifest.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { crc32, inflateRawSync } from "node:zlib";
import type { Entry, ZipFile } from "yauzl";
import { PackError } from "../errors.js";
import { DEFAULT_LIMITS, RATIO_CHECK_FLOOR, type ArchiveEntry, type ArchiveLimits, type ReadArchive } from "./types.js";
import {
  CANONICAL,
  compareUtf8,
  dosToIso,
  EntryNames,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  unsafePathReason,
} from "./zip-write.js";
import { portableFold, windowsNameReason } from "./portable-names.js";

/** A read archive plus what verify compares with the manifest. */
export interface CheckedArchive extends ReadArchive {
  /** The timestamp every entry carries (`1980-01-01T00:00:00Z`), or undefined when they differ (a canonical issue). */
  timestamp: string | undefined;
  /**
   * Names that collide once folded as Windows and macOS compare them (simple case folding, trailing dots and
   * spaces), which earlier plugin-pack versions did not check: verify warns, unpack and install refuse.
   */
  nameCollisions: string[];
  /** Names Windows cannot write (reserved device names, `:` and other forbidden characters, trailing dots). */
  windowsNames: string[];
}

const YAUZL_OPTIONS = {
  lazyEntries: true,
  strictFileNames: true,
  validateEntrySizes: true,
  decodeStrings: true,
} as const;

export async function readArchive(path: string, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<CheckedArchive> {
  return readArchiveAt(path, path, limits);
}

/** readArchive, with messages naming the archive as the user wrote it (`shown`) rather than its resolved path. */
export async function readArchiveAt(
  file: string,
  shown: string,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): Promise<CheckedArchive> {
  try {
    return await readChecked(file, shown, limits);
  } catch (error) {
    if (error instanceof PackError) throw new PackError(error.message, file);
    throw error;
  }
}

async function readChecked(file: string, shown: string, limits: ArchiveLimits): Promise<CheckedArchive> {
  const bytes = readWholeFile(file, shown, limits);
  // One read serves the hash and the parse, so what is hashed is exactly what is checked.
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const zipfile = await openZip(bytes, shown);
  try {
    if (zipfile.entryCount > limits.maxEntries) {
      throw new PackError(`${shown} has ${zipfile.entryCount} entries, over the limit of ${limits.maxEntries}`, file);
    }
    const reader = new EntryReader(shown, bytes, zipfile, limits);
    await reader.readAll();
    return {
      path: file,
      size: bytes.length,
      sha256,
      entries: reader.entries,
      canonicalIssues: reader.issues(),
      timestamp: reader.commonTimestamp(),
      nameCollisions: reader.nameCollisions,
      windowsNames: reader.windowsNames,
    };
  } finally {
    zipfile.close();
  }
}

function readWholeFile(file: string, shown: string, limits: ArchiveLimits): Buffer {
  const cannotRead = (error: unknown): PackError =>
    new PackError(
      `${shown} cannot be read: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : ((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`,
      file,
    );
  // Opened once, then judged by fstat of that descriptor: a stat then an open could look at two different
  // files (the path swapped for a FIFO in between). O_NONBLOCK keeps opening a FIFO from waiting for a writer.
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EISDIR")
      throw new PackError(`${shown} is a folder, not a ZIP archive`, file);
    throw cannotRead(error);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new PackError(`${shown} is a folder, not a ZIP archive`, file);
    // A FIFO or a device reports no size and may never end: read only regular files.
    if (!stats.isFile()) throw new PackError(`${shown} is not a regular file: give the path of a ZIP archive`, file);
    // Deflate grows data by a few bytes per 16 KiB at most, so an archive over the total limit cannot hold
    // content under it; refusing it here bounds memory before reading a byte.
    if (stats.size > limits.maxTotalBytes)
      throw new PackError(
        `${shown} is ${stats.size} bytes, over the total size limit of ${limits.maxTotalBytes}`,
        file,
      );
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(fd, bytes, read, bytes.length - read, read);
      if (count === 0) break;
      read += count;
    }
    // A file that shrank while being read is read as it now is; one that grew is cut at its size then,
    // which the ZIP parser reports as truncated or with trailing bytes.
    return read === bytes.length ? bytes : bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw cannotRead(error);
  } finally {
    closeSync(fd);
  }
}

async function openZip(bytes: Buffer, shown: string): Promise<ZipFile> {
  // Loaded when an archive is read: pack imports this folder too, and never reads one.
  const { default: yauzl } = await import("yauzl");
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { ...YAUZL_OPTIONS }, (error, zipfile) =>
      error ? reject(translateYauzlError(error, shown, undefined)) : resolve(zipfile),
    );
  });
}

/** Entry-level facts gathered in one pass, turned into canonical issues at the end. */
class EntryReader {
  readonly entries: ArchiveEntry[] = [];
  readonly #names = new EntryNames();
  readonly #portableNames = new EntryNames(portableFold);
  readonly nameCollisions: string[] = [];
  readonly windowsNames: string[] = [];
  readonly #issues = new IssueCollector();
  readonly #timestamps = new Set<string>();
  readonly #layout: EndRecord;
  #declaredTotal = 0;
  #inflatedTotal = 0;
  #previousName: string | undefined;
  readonly #spans: EntrySpan[] = [];
  /** Where the next central directory record starts: yauzl reads them back to back from the end record's offset. */
  #centralCursor: number;

  constructor(
    readonly path: string,
    readonly bytes: Buffer,
    readonly zipfile: ZipFile,
    readonly limits: ArchiveLimits,
  ) {
    this.#layout = findEndRecord(bytes);
    this.#centralCursor = this.#layout.centralOffset;
  }

  async readAll(): Promise<void> {
    let current: Entry | undefined;
    try {
      for await (const entry of this.zipfile.eachEntry()) {
        current = entry;
        await this.#read(entry);
      }
    } catch (error) {
      throw error instanceof PackError ? error : translateYauzlError(error as Error, this.path, current);
    }
  }

  async #read(entry: Entry): Promise<void> {
    const name = entry.fileName;
    const shown = quoteName(name);
    const fail = (what: string): never => {
      throw new PackError(`${this.path}: entry ${shown} ${what}`, this.path);
    };
    if (entry.generalPurposeBitFlag & 1) fail("is encrypted; plugin archives hold plain files");
    const isFolderName = name.endsWith("/");
    const reason = unsafePathReason(isFolderName ? name.slice(0, -1) : name);
    if (reason !== undefined) fail(`has an unsafe name: ${reason}`);
    // Other tools may use the raw bytes where yauzl shows a CP437 decoding or a Unicode Path extra field:
    // those bytes must be safe too, or one archive would extract differently elsewhere.
    const raw = entry.fileNameRaw.toString("utf8");
    const rawReason = raw === name ? undefined : unsafePathReason(raw.endsWith("/") ? raw.slice(0, -1) : raw);
    if (rawReason !== undefined) fail(`has an unsafe name in its raw bytes (${quoteName(raw)}): ${rawReason}`);

    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) fail("is a symbolic link; plugin archives hold regular files only");
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
      fail(`is a special file (type ${type.toString(8)}), not a regular file`);
    const dosFolder = entry.versionMadeBy >> 8 !== 3 && (entry.externalFileAttributes & 0x10) !== 0;
    if (isFolderName || type === S_IFDIR || dosFolder) {
      // A pure folder entry (name/ with nothing in it) is harmless but never written by plugin-pack.
      if (!isFolderName || entry.uncompressedSize !== 0 || type === S_IFREG)
        fail("is a folder entry with contents or file attributes");
      this.#checkCanonical(entry);
      this.#issues.note("folder entries present (plugin-pack writes files only)", name);
      const conflict = this.#names.addFolders(name.slice(0, -1), true);
      if (conflict !== undefined) throw new PackError(`${this.path}: ${conflict}`, this.path);
      const collision = this.#portableNames.addFolders(name.slice(0, -1), true);
      if (collision !== undefined) this.nameCollisions.push(collision);
      return;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      fail(`uses compression method ${entry.compressionMethod}; only deflate (8) and stored (0) can be read`);
    this.#checkDeclaredSize(entry, fail);
    const conflict = this.#names.addFile(name);
    if (conflict !== undefined) throw new PackError(`${this.path}: ${conflict}`, this.path);
    const collision = this.#portableNames.addFile(name);
    if (collision !== undefined) this.nameCollisions.push(collision);
    const windows = windowsNameReason(name);
    if (windows !== undefined) this.windowsNames.push(`entry ${quoteName(name)}: ${windows}`);

    const data = this.#inflate(entry, fail);
    if (crc32(data) !== entry.crc32) this.#issues.note("CRC-32 in the header does not match the content", name);
    this.#checkCanonical(entry);
    this.entries.push({ path: name, data, mode: (entry.externalFileAttributes >>> 16) & 0o7777 });
  }

  /** Zip-bomb checks on the declared sizes, before inflating anything. */
  #checkDeclaredSize(entry: Entry, fail: (what: string) => never): void {
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    const size = entry.uncompressedSize;
    if (size > maxEntryBytes) fail(`is ${size} bytes uncompressed, over the limit of ${maxEntryBytes}`);
    this.#declaredTotal += size;
    if (this.#declaredTotal > maxTotalBytes)
      fail(`brings the total uncompressed size to ${this.#declaredTotal} bytes, over the limit of ${maxTotalBytes}`);
    if (size > RATIO_CHECK_FLOOR) {
      const ratio = size / Math.max(1, entry.compressedSize);
      if (ratio > maxRatio)
        fail(
          `would inflate ${Math.round(ratio)}:1 (${size} bytes from ${entry.compressedSize}), over the limit of ${maxRatio}:1 (zip bomb?)`,
        );
    }
  }

  /**
   * Inflates one entry straight from the archive bytes (synchronously: per-entry streams spent most of
   * verify's time waiting). `maxOutputLength` stops a lying header from growing past the declared size.
   */
  #inflate(entry: Entry, fail: (what: string) => never): Buffer {
    const local = readLocalHeader(this.bytes, entry.relativeOffsetOfLocalHeader);
    if (local === undefined) fail("has no local header where the central directory says it starts");
    const start = entry.relativeOffsetOfLocalHeader + 30 + local!.name.length + local!.extraLength;
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) fail("runs past the end of the archive (truncated?)");
    const compressed = this.bytes.subarray(start, end);
    const remaining = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.#inflatedTotal);
    let data: Buffer;
    if (entry.compressionMethod === 0) {
      data = Buffer.from(compressed);
    } else {
      try {
        data = inflateRawSync(compressed, {
          maxOutputLength: Math.max(1, Math.min(entry.uncompressedSize, remaining) + 1),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
          fail(`inflates to more than its declared size of ${entry.uncompressedSize} bytes (zip bomb?)`);
        fail(`has corrupt compressed data (${(error as Error).message.replace(/^[a-z ]*error: /i, "")})`);
      }
    }
    if (data!.length > entry.uncompressedSize)
      fail(`inflates to more than its declared size of ${entry.uncompressedSize} bytes (zip bomb?)`);
    if (data!.length !== entry.uncompressedSize) fail("is shorter than its declared size (corrupt)");
    this.#inflatedTotal += data!.length;
    if (this.#inflatedTotal > this.limits.maxTotalBytes) fail("inflates past the size limits (zip bomb?)");
    return data!;
  }

  /** Notes every way this entry's headers differ from writeZip's. */
  #checkCanonical(entry: Entry): void {
    const name = entry.fileName;
    const note = (issue: string): void => this.#issues.note(issue, name);
    if (this.#previousName !== undefined && compareUtf8(this.#previousName, name) >= 0)
      note("entries are not in bytewise path order");
    this.#previousName = name;
    this.#timestamps.add(dosToIso(entry.lastModFileTime, entry.lastModFileDate));
    if (entry.versionMadeBy !== CANONICAL.versionMadeBy) note(`"version made by" is not Unix 2.0 (0x0314)`);
    if (entry.versionNeededToExtract !== CANONICAL.versionNeeded) note(`"version needed to extract" is not 2.0`);
    const nonAscii = entry.fileNameRaw.some((byte) => byte > 0x7f);
    if (entry.generalPurposeBitFlag & 0x8) note("data descriptors present");
    else if (entry.generalPurposeBitFlag !== (nonAscii ? CANONICAL.utf8Flag : 0))
      note("general purpose flags differ (UTF-8 flag set exactly for non-ASCII names, nothing else)");
    if (entry.compressionMethod !== CANONICAL.method)
      note(`entries not deflated (compression method ${entry.compressionMethod})`);
    if (entry.fileCommentLength !== 0) note("entry comments present");
    if (entry.internalFileAttributes !== 0) note("internal attributes set (e.g. the text-file bit)");
    // yauzl ignores the "disk number start" field; a split archive or a sloppy writer sets it.
    if (this.bytes.readUInt16LE(this.#centralCursor + 34) !== 0) note("disk number of the entry is not 0");
    this.#centralCursor += 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
    const attrs = entry.externalFileAttributes >>> 0;
    if (!name.endsWith("/") && attrs !== ((S_IFREG | 0o644) << 16) >>> 0 && attrs !== ((S_IFREG | 0o755) << 16) >>> 0) {
      note(`external attributes are not a regular file with mode 0644 or 0755`);
    }
    const local = readLocalHeader(this.bytes, entry.relativeOffsetOfLocalHeader);
    const differences = localHeaderDifferences(local, entry);
    if (differences.length > 0) note(`local header disagrees with the central directory (${differences.join(", ")})`);
    if (entry.extraFieldLength !== 0 || (local !== undefined && local.extraLength !== 0))
      note("extra fields present (timestamps, uid/gid)");
    this.#spans.push(entrySpan(entry, local));
  }

  commonTimestamp(): string | undefined {
    return this.#timestamps.size === 1 ? [...this.#timestamps][0] : undefined;
  }

  issues(): string[] {
    const issues: string[] = [];
    if (this.#timestamps.size > 1) {
      const sorted = [...this.#timestamps].sort();
      issues.push(`entries carry ${sorted.length} different timestamps (${sorted[0]} to ${sorted[sorted.length - 1]})`);
    }
    issues.push(...this.#issues.list(), ...layoutIssues(this.#layout, this.#spans));
    return issues;
  }
}

/** Groups an issue seen on many entries into one line with a count and the first example. */
class IssueCollector {
  readonly #seen = new Map<string, { first: string; count: number }>();

  note(issue: string, entry: string): void {
    const seen = this.#seen.get(issue);
    if (seen) seen.count++;
    else this.#seen.set(issue, { first: entry, count: 1 });
  }

  list(): string[] {
    return [...this.#seen].map(
      ([issue, { first, count }]) =>
        `${issue} (${count === 1 ? "entry" : `${count} entries, first`} ${quoteName(first)})`,
    );
  }
}

/**
 * An entry name for a message: quoted whole up to 160 characters, else its start and its length, so a hostile
 * 65,535-byte name still makes a line a person can read.
 */
function quoteName(name: string): string {
  if (name.length <= 160) return JSON.stringify(name);
  return `${JSON.stringify(name.slice(0, 80))}… (${Buffer.byteLength(name)} bytes)`;
}

/** yauzl's and zlib's messages, said in one line that names the archive. */
function translateYauzlError(error: Error, path: string, current: Entry | undefined): PackError {
  const message = error.message;
  const entry = current?.fileName;
  const about = entry === undefined ? "" : ` (at entry ${quoteName(entry)})`;
  const rules: [RegExp, (match: RegExpMatchArray) => string][] = [
    [/End of central directory record signature not found/, () => `${path} is not a ZIP archive or is truncated`],
    [/^Invalid comment length/, () => `${path} has bytes after the end of the ZIP data, or a damaged end record`],
    [
      /^invalid central directory file header signature/,
      () => `${path} has a damaged central directory (truncated or corrupt)`,
    ],
    [/^unexpected EOF$|^file data overflows file bounds/, () => `${path} is truncated${about}`],
    [/^invalid local file header signature/, () => `${path} is corrupt: an entry's local header is missing${about}`],
    [/^absolute path: (.*)$/s, (m) => `${path}: entry ${quoteName(m[1]!)} has an unsafe name: absolute path`],
    [
      /^invalid relative path: (.*)$/s,
      (m) => `${path}: entry ${quoteName(m[1]!)} has an unsafe name: '..' path segment (escapes the folder)`,
    ],
    [
      /^invalid characters in fileName: (.*)$/s,
      (m) =>
        `${path}: entry ${quoteName(m[1]!)} has an unsafe name: backslash in the name (folders are separated by /)`,
    ],
    [/^strong encryption is not supported/, () => `${path}: an entry is encrypted; plugin archives hold plain files`],
    [/^multi-disk zip files are not supported/, () => `${path} is a split (multi-disk) archive, which cannot be read`],
    [
      /^too many bytes in the stream/,
      () =>
        `${path}: entry ${quoteName(entry ?? "")} inflates to more than its declared size of ${current?.uncompressedSize} bytes (zip bomb?)`,
    ],
    [
      /^not enough bytes in the stream/,
      () => `${path}: entry ${quoteName(entry ?? "")} is shorter than its declared size (corrupt)`,
    ],
    [/^compressed\/uncompressed size mismatch/, () => `${path} is corrupt: a stored entry's sizes disagree${about}`],
    [/zip64|extra field length exceeds/, () => `${path} is corrupt: ${message}${about}`],
  ];
  for (const [pattern, say] of rules) {
    const match = message.match(pattern);
    if (match) return new PackError(say(match), path);
  }
  // zlib failures (invalid distance, invalid block type...) while inflating.
  if ((error as NodeJS.ErrnoException).code?.startsWith("Z_"))
    return new PackError(`${path}: entry ${quoteName(entry ?? "")} has corrupt compressed data (${message})`, path);
  return new PackError(`${path} cannot be read as a ZIP archive: ${message}${about}`, path);
}

// ---- Layout: where the bytes sit. writeZip leaves no byte unaccounted for, so any gap, prefix, suffix or
// ---- disagreement between the two copies of a header is a sign of another tool (or of smuggling).

interface EndRecord {
  offset: number;
  diskFieldsZero: boolean;
  centralOffset: number;
  centralSize: number;
  commentLength: number;
  zip64: boolean;
}

/** The end-of-central-directory record, found the way yauzl finds it (which has already accepted it). */
function findEndRecord(bytes: Buffer): EndRecord {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) !== 0x06054b50 || bytes.readUInt16LE(i + 20) !== bytes.length - i - 22) continue;
    return {
      offset: i,
      diskFieldsZero:
        bytes.readUInt16LE(i + 4) === 0 &&
        bytes.readUInt16LE(i + 6) === 0 &&
        bytes.readUInt16LE(i + 8) === bytes.readUInt16LE(i + 10),
      centralSize: bytes.readUInt32LE(i + 12),
      centralOffset: bytes.readUInt32LE(i + 16),
      commentLength: bytes.readUInt16LE(i + 20),
      zip64: i >= 20 && bytes.readUInt32LE(i - 20) === 0x07064b50,
    };
  }
  throw new Error("End of central directory record signature not found");
}

interface LocalHeader {
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  name: Buffer;
  extraLength: number;
}

function readLocalHeader(bytes: Buffer, offset: number): LocalHeader | undefined {
  if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== 0x04034b50) return undefined;
  const nameLength = bytes.readUInt16LE(offset + 26);
  return {
    versionNeeded: bytes.readUInt16LE(offset + 4),
    flags: bytes.readUInt16LE(offset + 6),
    method: bytes.readUInt16LE(offset + 8),
    time: bytes.readUInt16LE(offset + 10),
    date: bytes.readUInt16LE(offset + 12),
    crc: bytes.readUInt32LE(offset + 14),
    compressedSize: bytes.readUInt32LE(offset + 18),
    uncompressedSize: bytes.readUInt32LE(offset + 22),
    name: bytes.subarray(offset + 30, Math.min(bytes.length, offset + 30 + nameLength)),
    extraLength: bytes.readUInt16LE(offset + 28),
  };
}

/** The fields where the local copy of a header says something else than the central one. */
function localHeaderDifferences(local: LocalHeader | undefined, entry: Entry): string[] {
  if (local === undefined) return ["missing"];
  const differences: string[] = [];
  if (!local.name.equals(entry.fileNameRaw)) differences.push("name");
  if (local.versionNeeded !== entry.versionNeededToExtract) differences.push("version needed");
  if (local.flags !== entry.generalPurposeBitFlag) differences.push("flags");
  if (local.method !== entry.compressionMethod) differences.push("method");
  if (local.time !== entry.lastModFileTime || local.date !== entry.lastModFileDate) differences.push("timestamp");
  // With a data descriptor the local header legitimately holds zeros; that case is reported on its own.
  if ((entry.generalPurposeBitFlag & 0x8) === 0) {
    if (local.crc !== entry.crc32) differences.push("CRC-32");
    if (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize)
      differences.push("sizes");
  }
  return differences;
}

interface EntrySpan {
  /** Where the local header starts and the entry's data ends. */
  start: number;
  end: number;
  centralRecordLength: number;
  dataDescriptor: boolean;
}

function entrySpan(entry: Entry, local: LocalHeader | undefined): EntrySpan {
  const localLength = local === undefined ? 30 : 30 + local.name.length + local.extraLength;
  return {
    start: entry.relativeOffsetOfLocalHeader,
    end: entry.relativeOffsetOfLocalHeader + localLength + entry.compressedSize,
    centralRecordLength: 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength,
    dataDescriptor: (entry.generalPurposeBitFlag & 0x8) !== 0,
  };
}

/** Prefix, gaps, trailing bytes, comment, zip64: each a sign of another writer. */
function layoutIssues(end: EndRecord, spans: readonly EntrySpan[]): string[] {
  const issues: string[] = [];
  if (end.commentLength > 0) issues.push(`archive comment present (${end.commentLength} bytes)`);
  if (end.zip64) issues.push("zip64 records present");
  if (!end.diskFieldsZero) issues.push("end record has multi-disk fields set");
  const misplaced: string[] = [];
  // Data descriptors have an optional signature, so their length is ambiguous: skip the data walk then.
  if (!spans.some((span) => span.dataDescriptor)) {
    let expected = 0;
    spans.forEach((span, index) => {
      if (span.start !== expected)
        misplaced.push(index === 0 ? "bytes before the first entry" : "gaps or reordering between entries");
      expected = span.end;
    });
    if (end.centralOffset !== expected) misplaced.push("bytes between the last entry and the central directory");
  }
  const centralLength = spans.reduce((sum, span) => sum + span.centralRecordLength, 0);
  if (end.centralSize !== centralLength || end.centralOffset + end.centralSize !== end.offset)
    misplaced.push("central directory size or position off");
  if (misplaced.length > 0) issues.push(`unexpected ZIP layout: ${[...new Set(misplaced)].join(", ")}`);
  return issues;
}
