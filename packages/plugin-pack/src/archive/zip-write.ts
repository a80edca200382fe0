/**
 * The canonical ZIP container plugin-pack writes (docs/archive-format.md, "Container"), and the rules it
 * shares with the reader: entry names, their order, and the DOS timestamp.
 *
 * Compression is deflate.ts's WebAssembly deflate, so the compressed bytes are the same on every machine and
 * Node version (Node's zlib is a bundled C build whose output changes between releases and CPUs). The headers
 * are laid out here, in the order and with the fields the format fixes: sorted by UTF-8 bytes, one UTC
 * timestamp, Unix modes, no extra fields.
 */
import { deflateRaw } from "./deflate.js";
import { crc32 } from "node:zlib";
import { PackError } from "../errors.js";
import { EntryNames } from "./entry-names.js";
import { portableFold, windowsNameReason } from "./portable-names.js";
import { DEFAULT_LIMITS, MAX_NAME_BYTES, MAX_PATH_SEGMENTS, RATIO_CHECK_FLOOR, type ArchiveInput } from "./types.js";

export { EntryNames };

/** The instant written on every entry: `date` is the instant, `iso` its canonical text (`1980-01-01T00:00:00Z`). */
export interface ArchiveTimestamp {
  date: Date;
  iso: string;
}

/** Header values every canonical entry carries. */
export const CANONICAL = {
  /** "Version made by": 2.0 (20), host 3 = Unix, so unzip honours the mode bits. */
  versionMadeBy: (3 << 8) | 20,
  versionNeeded: 20,
  method: 8,
  /** Level 6: on plugin text it writes within 0.1% of level 9's size (3,174,675 against 3,173,628 bytes from 5.5 MB) and deflates faster. */
  level: 6,
  /** General purpose flag bit 11: the name is UTF-8. Set only when the name has non-ASCII bytes. */
  utf8Flag: 0x0800,
} as const;

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Sizes and offsets at or above this need zip64, which plugin-pack never writes. */
const ZIP32_LIMIT = 0xffffffff;

const DOS_MIN_SECONDS = Date.UTC(1980, 0, 1) / 1000;
const DOS_MAX_SECONDS = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;

/**
 * The archive timestamp: SOURCE_DATE_EPOCH (whole seconds since 1970) when set, else 1980-01-01T00:00:00Z.
 * Clamped to what a DOS date can hold (1980..2107) and rounded down to even seconds (DOS has 2 s steps),
 * so the manifest's timestamp always equals what the entries carry.
 */
export function archiveTimestamp(env: NodeJS.ProcessEnv = process.env): ArchiveTimestamp {
  const raw = env.SOURCE_DATE_EPOCH;
  // An empty value is what CI templates produce for "unset"; treat it so.
  if (raw === undefined || raw === "") return timestampFromSeconds(DOS_MIN_SECONDS);
  if (!/^-?[0-9]+$/.test(raw)) {
    throw new PackError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (like \`date +%s\` prints), not ${JSON.stringify(raw)}`,
    );
  }
  return timestampFromSeconds(Number(raw));
}

/** Clamps seconds since 1970 into the DOS range, even seconds. */
export function timestampFromSeconds(seconds: number): ArchiveTimestamp {
  const clamped = Math.min(DOS_MAX_SECONDS, Math.max(DOS_MIN_SECONDS, seconds));
  const even = clamped - (clamped % 2);
  const date = new Date(even * 1000);
  return { date, iso: date.toISOString().replace(".000Z", "Z") };
}

/** DOS time and date fields from the UTC components of an instant (never local time). */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = date.getUTCFullYear() - 1980;
  if (year < 0 || year > 127)
    throw new PackError(`cannot store ${date.toISOString()} in a ZIP entry: DOS dates run from 1980 to 2107`);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: (year << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The canonical text of a DOS time and date, read as UTC: `2024-03-10T02:30:00Z`. Out-of-range fields are shown as they are. */
export function dosToIso(time: number, date: number): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const year = 1980 + (date >> 9);
  return `${pad(year, 4)}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}Z`;
}

const encoder = new TextEncoder();

/** Bytewise order of the UTF-8 encodings (JS `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  // Without encoding, where it is safe: below U+D800 the order of UTF-16 units is the order of code points,
  // which is UTF-8's byte order. Surrogates (pairs, or lone ones that encode as U+FFFD) are compared encoded.
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x - y;
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  }
  if (length > 0 && a.charCodeAt(length - 1) >= 0xd800 && a.charCodeAt(length - 1) < 0xe000)
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  return a.length - b.length;
}

/**
 * Why a file path cannot be an entry name, or undefined when it can. A name is relative, uses `/`,
 * and has no empty, `.` or `..` segment, no backslash, drive letter or control character.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "the name is empty";
  // Length and depth first: every later check, and every reader's bookkeeping, is then bounded.
  if (path.length > MAX_NAME_BYTES || Buffer.byteLength(path, "utf8") > MAX_NAME_BYTES)
    return `name longer than ${MAX_NAME_BYTES} bytes`;
  // Split once: every file of a pack is checked (and checked again by the manifest's parser on verify).
  const segments = path.split("/");
  if (segments.length > MAX_PATH_SEGMENTS)
    return `name has more than ${MAX_PATH_SEGMENTS} path segments (folders nested too deep)`;
  if (path.startsWith("/")) return "absolute path";
  if (/^[A-Za-z]:/.test(path)) return "drive letter";
  if (path.includes("\\")) return "backslash in the name (folders are separated by /)";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "control character in the name";
  if (/\p{Cs}/u.test(path)) return "unpaired UTF-16 surrogate in the name";
  for (const segment of segments) {
    if (segment === "") return "empty path segment (// or a trailing /)";
    if (segment === ".") return "'.' path segment";
    if (segment === "..") return "'..' path segment (escapes the folder)";
  }
  return undefined;
}

/** One file's data as the container stores it: deflated bytes, plus the CRC-32 and length of the original. */
export interface CompressedData {
  compressed: Uint8Array;
  crc: number;
  size: number;
}

/** An archive entry whose data is already deflated (by `compressEntry`, possibly on another thread). */
export interface CompressedInput {
  path: string;
  mode: 0o644 | 0o755;
  data: CompressedData;
}

/**
 * Deflates one file at the canonical level. The result depends only on `data`, so files can be compressed in any order,
 * on any thread, and still assemble into the same archive.
 */
export function compressEntry(data: Uint8Array): CompressedData {
  return { compressed: deflateRaw(data, CANONICAL.level), crc: crc32(data), size: data.length };
}

/** Writes the canonical archive: sorted, one timestamp, Unix modes, deflate at the canonical level, nothing optional. */
export function writeZip(inputs: readonly ArchiveInput[], options: { timestamp: ArchiveTimestamp }): Uint8Array {
  const sorted = sortByPath(inputs);
  // Checked before compressing, so a bad name or a 4 GiB file fails without deflating everything first.
  checkInputs(sorted.map((input) => ({ path: input.path, mode: input.mode, size: input.data.length })));
  const dos = dosDateTime(options.timestamp.date);
  return concat(
    layOut(
      sorted.map((input) => prepare(input.path, input.mode, compressEntry(input.data))),
      dos,
    ),
  );
}

/** The same archive as `writeZip`, from entries deflated beforehand by `compressEntry`. */
export function assembleZip(inputs: readonly CompressedInput[], options: { timestamp: ArchiveTimestamp }): Uint8Array {
  return concat(assembleZipChunks(inputs, options).chunks);
}

/**
 * The archive `assembleZip` writes, as the pieces it is made of, in order: each entry's header, then its deflated
 * bytes as they are (not copied), then the central directory. Written one after the other, they are the archive,
 * without a second copy of every file's data in memory.
 */
export function assembleZipChunks(
  inputs: readonly CompressedInput[],
  options: { timestamp: ArchiveTimestamp },
): { chunks: Uint8Array[]; size: number } {
  const sorted = sortByPath(inputs);
  checkInputs(sorted.map((input) => ({ path: input.path, mode: input.mode, size: input.data.size })));
  const dos = dosDateTime(options.timestamp.date);
  const chunks = layOut(
    sorted.map((input) => prepare(input.path, input.mode, input.data)),
    dos,
  );
  return { chunks, size: chunks.reduce((sum, chunk) => sum + chunk.length, 0) };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function sortByPath<T extends { path: string }>(inputs: readonly T[]): T[] {
  return [...inputs].sort((a, b) => compareUtf8(a.path, b.path));
}

function checkInputs(sorted: readonly { path: string; mode: number; size: number }[]): void {
  // What plugin-pack writes, its own verify and install must read: their default limits bind the writer too.
  const { maxEntries, maxEntryBytes, maxTotalBytes } = DEFAULT_LIMITS;
  if (sorted.length > maxEntries)
    throw new PackError(
      `cannot pack ${sorted.length} entries: verify and install refuse archives of more than ${maxEntries}; leave files out with .pluginignore`,
    );
  let total = 0;
  // Stricter than the reader: what pack writes must extract on Windows and macOS as it is.
  const names = new EntryNames(portableFold);
  for (const input of sorted) {
    const reason = unsafePathReason(input.path) ?? windowsNameReason(input.path) ?? names.addFile(input.path);
    if (reason !== undefined) throw new PackError(`cannot pack ${JSON.stringify(input.path)}: ${reason}`, input.path);
    if (input.mode !== 0o644 && input.mode !== 0o755)
      throw new PackError(
        `cannot pack ${JSON.stringify(input.path)}: mode ${input.mode.toString(8)} is not 644 or 755`,
        input.path,
      );
    if (input.size > maxEntryBytes)
      throw new PackError(
        `cannot pack ${JSON.stringify(input.path)}: it is ${input.size} bytes, over the ${maxEntryBytes} bytes per file that verify and install accept`,
        input.path,
      );
    total += input.size;
    if (total > maxTotalBytes)
      throw new PackError(
        `cannot pack ${JSON.stringify(input.path)}: it brings the files to ${total} bytes, over the ${maxTotalBytes} bytes in all that verify and install accept`,
        input.path,
      );
  }
}

/** A file over 1 MiB that deflates past the reader's ratio limit would be refused as a zip bomb by verify and install. */
function checkRatio(path: string, data: CompressedData): void {
  if (data.size <= RATIO_CHECK_FLOOR) return;
  const ratio = data.size / Math.max(1, data.compressed.length);
  if (ratio > DEFAULT_LIMITS.maxRatio)
    throw new PackError(
      `cannot pack ${JSON.stringify(path)}: ${data.size} bytes deflate ${Math.round(ratio)}:1, over the ${DEFAULT_LIMITS.maxRatio}:1 that verify and install accept for files over 1 MiB (they would take it for a zip bomb); compress it yourself, or leave it out with .pluginignore`,
      path,
    );
}

interface PreparedEntry extends CompressedData {
  name: Uint8Array;
  flags: number;
  externalAttrs: number;
}

const NON_ASCII = /[^\u0000-\u007f]/;

function prepare(path: string, mode: 0o644 | 0o755, data: CompressedData): PreparedEntry {
  checkRatio(path, data);
  const name = encoder.encode(path);
  return {
    name,
    // Asked of the text, not of each byte through a callback: the same answer, as UTF-8 encodes U+0080 up as bytes over 0x7f.
    flags: NON_ASCII.test(path) ? CANONICAL.utf8Flag : 0,
    compressed: data.compressed,
    crc: data.crc,
    size: data.size,
    externalAttrs: ((S_IFREG | mode) << 16) >>> 0,
  };
}

/** Fields both headers carry, in the same order: version needed, flags, method, time, date, crc, sizes, name length, extra length (0). */
function writeCommon(view: DataView, at: number, entry: PreparedEntry, dos: { time: number; date: number }): void {
  view.setUint16(at, CANONICAL.versionNeeded, true);
  view.setUint16(at + 2, entry.flags, true);
  view.setUint16(at + 4, CANONICAL.method, true);
  view.setUint16(at + 6, dos.time, true);
  view.setUint16(at + 8, dos.date, true);
  view.setUint32(at + 10, entry.crc, true);
  view.setUint32(at + 14, entry.compressed.length, true);
  view.setUint32(at + 18, entry.size, true);
  view.setUint16(at + 22, entry.name.length, true);
}

/**
 * Local header + data for each entry, then the central directory, then the end record. No comments, no extra fields.
 * Returned as pieces: all the local headers share one buffer (each piece a view of its part), the data are the
 * entries' own buffers, and the central directory with the end record is the last piece.
 */
function layOut(entries: readonly PreparedEntry[], dos: { time: number; date: number }): Uint8Array[] {
  let localBytes = 0;
  let headerBytes = 0;
  let centralBytes = 0;
  for (const entry of entries) {
    localBytes += 30 + entry.name.length + entry.compressed.length;
    headerBytes += 30 + entry.name.length;
    centralBytes += 46 + entry.name.length;
  }
  if (localBytes + centralBytes >= ZIP32_LIMIT)
    throw new PackError("cannot pack: the archive would be 4 GiB or more, which needs zip64");
  const headers = new Uint8Array(headerBytes);
  const headerView = new DataView(headers.buffer);
  const central = new Uint8Array(centralBytes + 22);
  const centralView = new DataView(central.buffer);
  const chunks: Uint8Array[] = [];
  let header = 0;
  let local = 0;
  let at = 0;
  for (const entry of entries) {
    centralView.setUint32(at, CENTRAL_HEADER, true);
    centralView.setUint16(at + 4, CANONICAL.versionMadeBy, true);
    writeCommon(centralView, at + 6, entry, dos);
    // +30 extra length, +32 comment length, +34 disk, +36 internal attributes: all 0.
    centralView.setUint32(at + 38, entry.externalAttrs, true);
    centralView.setUint32(at + 42, local, true);
    central.set(entry.name, at + 46);
    at += 46 + entry.name.length;

    headerView.setUint32(header, LOCAL_HEADER, true);
    writeCommon(headerView, header + 4, entry, dos);
    headers.set(entry.name, header + 30);
    chunks.push(headers.subarray(header, header + 30 + entry.name.length), entry.compressed);
    header += 30 + entry.name.length;
    local += 30 + entry.name.length + entry.compressed.length;
  }
  centralView.setUint32(at, END_OF_CENTRAL_DIRECTORY, true);
  centralView.setUint16(at + 8, entries.length, true);
  centralView.setUint16(at + 10, entries.length, true);
  centralView.setUint32(at + 12, centralBytes, true);
  centralView.setUint32(at + 16, localBytes, true);
  chunks.push(central);
  return chunks;
}
