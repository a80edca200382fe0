import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  firstInvalidUtf8Offset,
  formatBytes,
  MAX_TEXT_FILE_BYTES,
  readTextFile,
  writeFileAtomic,
  type TextReadResult,
} from "./fs-safe.js";

function failure(result: TextReadResult): Extract<TextReadResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, read ${result.size} bytes`);
  return result;
}

describe("readTextFile", () => {
  it("reads UTF-8 text and its size in bytes, keeping a BOM in the text", () => {
    const dir = tempDir();
    writeTree(dir, { "a.md": "\uFEFFhéllo\n" });
    const result = readTextFile(join(dir, "a.md"));
    expect(result).toEqual({ ok: true, text: "\uFEFFhéllo\n", size: 10 });
  });

  it("reads ASCII, multi-byte and astral text through one reused buffer without mixing files", () => {
    const dir = tempDir();
    const large = `${"a".repeat(200_000)}é\n`;
    writeTree(dir, { "large.md": large, "small.md": "ok\n", "emoji.md": "hi 😀\r\n", "ascii.md": "\uFEFF{}" });
    // The large file grows the buffer first; the small ones must not see its leftovers.
    expect(readTextFile(join(dir, "large.md"))).toEqual({ ok: true, text: large, size: 200_003 });
    expect(readTextFile(join(dir, "small.md"))).toEqual({ ok: true, text: "ok\n", size: 3 });
    expect(readTextFile(join(dir, "emoji.md"))).toEqual({ ok: true, text: "hi 😀\r\n", size: 9 });
    expect(readTextFile(join(dir, "ascii.md"))).toEqual({ ok: true, text: "\uFEFF{}", size: 5 });
  });

  it("refuses UTF-8 that a strict decoder refuses: surrogates, overlong forms, past U+10FFFF", () => {
    const dir = tempDir();
    const cases = {
      "surrogate.md": [0x61, 0xed, 0xa0, 0x80],
      "overlong.md": [0x61, 0x62, 0xc0, 0xaf],
      "big.md": [0xf4, 0x90, 0x80, 0x80],
    };
    for (const [name, bytes] of Object.entries(cases)) writeFileSync(join(dir, name), Buffer.from(bytes));
    expect(failure(readTextFile(join(dir, "surrogate.md")))).toMatchObject({ reason: "invalid-utf8", offset: 1 });
    expect(failure(readTextFile(join(dir, "overlong.md")))).toMatchObject({ reason: "invalid-utf8", offset: 2 });
    expect(failure(readTextFile(join(dir, "big.md")))).toMatchObject({ reason: "invalid-utf8", offset: 0 });
  });

  it("reads an empty file as empty text", () => {
    const dir = tempDir();
    writeTree(dir, { "empty.json": "" });
    expect(readTextFile(join(dir, "empty.json"))).toEqual({ ok: true, text: "", size: 0 });
  });

  it("enforces the byte limit exactly", () => {
    const dir = tempDir();
    writeTree(dir, { "ten.txt": "0123456789", "eleven.txt": "0123456789A" });
    expect(readTextFile(join(dir, "ten.txt"), 10)).toMatchObject({ ok: true, size: 10 });
    const tooLarge = failure(readTextFile(join(dir, "eleven.txt"), 10));
    expect(tooLarge).toMatchObject({ reason: "too-large", size: 11 });
    expect(tooLarge.message).toContain("10 B");
  });

  it("refuses an oversized file without reading it (a sparse 6 GiB file returns at once)", () => {
    const dir = tempDir();
    const path = join(dir, "SKILL.md");
    writeFileSync(path, "");
    const size = 6 * 1024 * 1024 * 1024;
    truncateSync(path, size);
    const started = performance.now();
    const result = failure(readTextFile(path));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.reason).toBe("too-large");
    expect(result.size).toBe(size);
    expect(result.message).toContain(formatBytes(MAX_TEXT_FILE_BYTES));
  });

  it("reports a binary file with the offset of the first NUL byte", () => {
    const dir = tempDir();
    writeTree(dir, { "bin.md": Buffer.from([0x61, 0x0a, 0x62, 0x00, 0x63, 0x00]) });
    const result = failure(readTextFile(join(dir, "bin.md")));
    expect(result).toMatchObject({ reason: "binary", offset: 3, size: 6 });
  });

  it("reports invalid UTF-8 with the byte offset of the first bad byte", () => {
    const dir = tempDir();
    const cases: [string, number[], number][] = [
      ["stray continuation byte", [0x61, 0x62, 0x80], 2],
      ["0xFF after a two-byte character", [0xc3, 0xa9, 0xff], 2],
      ["truncated three-byte sequence at EOF", [0x61, 0xe2, 0x82], 1],
      ["overlong encoding", [0xc0, 0xaf], 0],
      ["UTF-16 surrogate encoded in UTF-8", [0x61, 0x0a, 0xed, 0xa0, 0x80], 2],
      ["code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ];
    for (const [name, bytes, offset] of cases) {
      const path = join(dir, `${cases.findIndex((c) => c[0] === name)}.md`);
      writeFileSync(path, Buffer.from(bytes));
      const result = failure(readTextFile(path));
      expect({ name, reason: result.reason, offset: result.offset }).toEqual({ name, reason: "invalid-utf8", offset });
      expect(result.message).toContain(`offset ${offset}`);
    }
  });

  it("firstInvalidUtf8Offset returns the length for valid input", () => {
    const bytes = Buffer.from("héllo ✓ 😀", "utf8");
    expect(firstInvalidUtf8Offset(bytes)).toBe(bytes.length);
  });

  it("refuses a FIFO without blocking", async () => {
    const dir = tempDir();
    const fifo = join(dir, "SKILL.md");
    await execa("mkfifo", [fifo]);
    // Safety net: if the read blocked on open, this writer releases it after 2 s, so the test fails on time instead of hanging.
    const writer = execa("sh", ["-c", 'sleep 2; exec 3>"$1"', "sh", fifo], { reject: false, timeout: 5000 });
    onTestFinished(() => {
      writer.kill();
    });
    const started = performance.now();
    const result = failure(readTextFile(fifo));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.reason).toBe("not-a-file");
    expect(result.message).toBe("is not a regular file");
  });

  it("refuses a directory", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "SKILL.md"));
    expect(failure(readTextFile(join(dir, "SKILL.md"))).reason).toBe("not-a-file");
  });

  it("reports a missing file and a symbolic link loop", () => {
    const dir = tempDir();
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    expect(failure(readTextFile(join(dir, "missing.json")))).toMatchObject({
      reason: "not-found",
      message: "file does not exist",
    });
    expect(failure(readTextFile(join(dir, "a")))).toMatchObject({
      reason: "unreadable",
      message: "symbolic link loop",
    });
  });

  it("follows a symbolic link to a regular file", () => {
    const dir = tempDir();
    writeTree(dir, { "real.md": "text" });
    symlinkSync("real.md", join(dir, "link.md"));
    expect(readTextFile(join(dir, "link.md"))).toEqual({ ok: true, text: "text", size: 4 });
  });
});

describe("readTextFile of a listed file (no fstat when the first read ends it)", () => {
  const listed = { listed: true };

  it("reads files on either side of the first read's length exactly as an unlisted read does", () => {
    const dir = tempDir();
    const head = 64 * 1024;
    const files: Record<string, string> = {
      "short.md": "héllo\n",
      "one-under.md": "a".repeat(head - 1),
      "exact.md": "b".repeat(head),
      "one-over.md": `${"c".repeat(head)}é`,
      "large.md": `${"d".repeat(3 * head)}\n`,
    };
    writeTree(dir, files);
    for (const name of Object.keys(files)) {
      const path = join(dir, name);
      const result = readTextFile(path, MAX_TEXT_FILE_BYTES, listed);
      expect({ name, result }).toEqual({ name, result: readTextFile(path) });
      expect(result).toMatchObject({ ok: true, text: files[name] });
    }
  });

  it("enforces the byte limit exactly, and names the size of a file over it", () => {
    const dir = tempDir();
    writeTree(dir, { "ten.txt": "0123456789", "eleven.txt": "0123456789A", "big.txt": "x".repeat(200_000) });
    expect(readTextFile(join(dir, "ten.txt"), 10, listed)).toMatchObject({ ok: true, size: 10 });
    expect(failure(readTextFile(join(dir, "eleven.txt"), 10, listed))).toMatchObject({ reason: "too-large", size: 11 });
    expect(failure(readTextFile(join(dir, "big.txt"), 100_000, listed))).toMatchObject({
      reason: "too-large",
      size: 200_000,
    });
  });

  it("reports a binary file by its first NUL byte and its whole size, in the first read or past it", () => {
    const dir = tempDir();
    const early = Buffer.alloc(300_000, 0x61);
    early[9] = 0;
    const late = Buffer.alloc(300_000, 0x62);
    late[200_000] = 0;
    writeTree(dir, { "early.png": early, "late.md": late, "small.bin": Buffer.from([0x61, 0x00]) });
    expect(failure(readTextFile(join(dir, "early.png"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "binary",
      offset: 9,
      size: 300_000,
    });
    expect(failure(readTextFile(join(dir, "late.md"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "binary",
      offset: 200_000,
      size: 300_000,
    });
    expect(failure(readTextFile(join(dir, "small.bin"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "binary",
      offset: 1,
      size: 2,
    });
  });

  it("still refuses a folder or a FIFO put where the walk saw a file, and reads an empty file as empty", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "folder.md"));
    await execa("mkfifo", [join(dir, "fifo.md")]);
    writeTree(dir, { "empty.md": "" });
    expect(failure(readTextFile(join(dir, "folder.md"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "not-a-file",
    });
    const started = performance.now();
    expect(failure(readTextFile(join(dir, "fifo.md"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "not-a-file",
      message: "is not a regular file",
    });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(readTextFile(join(dir, "empty.md"), MAX_TEXT_FILE_BYTES, listed)).toEqual({ ok: true, text: "", size: 0 });
  });

  it("reports invalid UTF-8 at the same offset as an unlisted read", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.md"), Buffer.from([0x61, 0x62, 0x80]));
    expect(failure(readTextFile(join(dir, "bad.md"), MAX_TEXT_FILE_BYTES, listed))).toMatchObject({
      reason: "invalid-utf8",
      offset: 2,
      size: 3,
    });
  });
});

describe("writeFileAtomic", () => {
  it("replaces a file through a rename, keeps the requested mode, and leaves no temporary file", () => {
    const dir = tempDir();
    writeTree(dir, { "plugin.json": "old" });
    const path = join(dir, "plugin.json");
    const inodeBefore = statSync(path).ino;
    writeFileAtomic(path, "new content", 0o640);
    expect(readFileSync(path, "utf8")).toBe("new content");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    // A rename installs a new inode; an in-place write would keep the old one.
    expect(statSync(path).ino).not.toBe(inodeBefore);
    expect(readdirSync(dir)).toEqual(["plugin.json"]);
  });

  it("throws and leaves nothing behind when the folder does not exist", () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(join(dir, "missing", "out.txt"), "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
