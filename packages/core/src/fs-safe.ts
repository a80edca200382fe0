import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { isAscii, isUtf8 } from "node:buffer";
import { basename, dirname, join } from "node:path";

/** Files larger than this are not read as text: a plugin file this big is a mistake, not content. */
export const MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024;

export type ReadFailureReason = "not-found" | "not-a-file" | "unreadable" | "too-large" | "binary" | "invalid-utf8";

export type TextReadResult =
  | { ok: true; text: string; size: number }
  | { ok: false; reason: ReadFailureReason; message: string; size?: number; offset?: number };

// Finds the first bad byte of a file that is not UTF-8 (firstInvalidUtf8Offset).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * One buffer every read goes through, grown to the largest file read so far: a lint reads every file of a plugin,
 * and a buffer per file would be garbage as soon as its text is decoded.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** The scratch buffer, at least `size` bytes long, with its first `keep` bytes kept when it has to grow. */
function scratchOf(size: number, keep = 0): Buffer {
  if (scratch.length < size) {
    const grown = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    scratch.copy(grown, 0, 0, keep);
    scratch = grown;
  }
  return scratch;
}

/**
 * How much of a listed file the first read asks for: a file that ends within it (nearly every text file of a plugin)
 * is read with that one call, and a binary one shows its NUL byte in it, before the rest of it is read.
 */
const HEAD_BYTES = 64 * 1024;

export interface TextReadOptions {
  /**
   * The caller's walk has just listed the path as a regular file (a folder listing's type, links not followed). A file
   * that ends within the first read is then taken without an fstat: that read's length is its size. An empty read, a
   * read that fills the chunk, and a failed read are checked with fstat as any other path is, so a folder, an oversized
   * file or a FIFO nobody writes to, put there since the walk, is still refused as such.
   */
  listed?: boolean;
}

/**
 * The text of bytes that are valid UTF-8, else undefined. Checked first, then copied the fastest way that keeps every
 * character: ASCII as Latin-1. A byte order mark stays in the text, so rules can report it (JSON parsers reject it).
 */
function decodeUtf8(bytes: Buffer): string | undefined {
  if (isAscii(bytes)) return bytes.toString("latin1");
  if (!isUtf8(bytes)) return undefined;
  return bytes.toString("utf8");
}

/**
 * Reads a file as UTF-8 text without ever loading an oversized or binary file whole.
 * Returns a typed failure instead of throwing, so callers can turn it into a diagnostic.
 */
export function readTextFile(
  path: string,
  maxBytes = MAX_TEXT_FILE_BYTES,
  options: TextReadOptions = {},
): TextReadResult {
  let fd: number;
  try {
    // Non-blocking, so a FIFO or device in the plugin cannot hang the read; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, reason: "not-found", message: "file does not exist" };
    if (code === "ELOOP") return { ok: false, reason: "unreadable", message: "symbolic link loop" };
    if (code === "EISDIR") return { ok: false, reason: "not-a-file", message: "is a directory, expected a file" };
    return { ok: false, reason: "unreadable", message: `cannot be read (${code ?? "unknown error"})` };
  }
  try {
    // What the first read of a listed file took in: its whole content when it came short of `head`.
    let taken = 0;
    if (options.listed) {
      const head = Math.min(HEAD_BYTES, maxBytes + 1);
      taken = readHead(fd, scratchOf(head), head);
      if (taken > 0 && taken < head) return textOf(scratch.subarray(0, taken));
    }
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: "not-a-file", message: "is not a regular file" };
    if (stats.size > maxBytes) {
      return {
        ok: false,
        reason: "too-large",
        size: stats.size,
        message: `is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit for text files`,
      };
    }
    let read = Math.min(taken, stats.size);
    // A binary file shows its first NUL byte in the head: the rest of it is not read.
    const nulInHead = read > 0 ? scratch.subarray(0, read).indexOf(0) : -1;
    if (nulInHead !== -1) return binary(stats.size, nulInHead);
    const buffer = scratchOf(stats.size, read);
    while (read < stats.size) {
      const n = readSync(fd, buffer, read, stats.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return textOf(buffer.subarray(0, read));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: "unreadable", message: `cannot be read (${code ?? "unknown error"})` };
  } finally {
    closeSync(fd);
  }
}

/** The first read of a listed file: its length, or 0 when it failed (fstat then says why). */
function readHead(fd: number, buffer: Buffer, length: number): number {
  try {
    return readSync(fd, buffer, 0, length, 0);
  } catch {
    return 0;
  }
}

/** The text of a whole file's bytes, or why they are not text. */
function textOf(bytes: Buffer): TextReadResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return binary(bytes.length, nul);
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { ok: true, text, size: bytes.length };
  const offset = firstInvalidUtf8Offset(bytes);
  return {
    ok: false,
    reason: "invalid-utf8",
    size: bytes.length,
    offset,
    message: `is not valid UTF-8 (first bad byte at offset ${offset})`,
  };
}

function binary(size: number, offset: number): TextReadResult {
  return { ok: false, reason: "binary", size, offset, message: "is binary (contains NUL bytes), expected UTF-8 text" };
}

/** Byte offset of the first byte that breaks UTF-8 decoding. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    try {
      utf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Writes through a temporary sibling and a rename, so readers never see a half-written file. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data, mode === undefined ? undefined : { mode });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The path's own status (a link is not followed), or undefined when it cannot be read. */
export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** True when the path is a folder, or a link to one. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
