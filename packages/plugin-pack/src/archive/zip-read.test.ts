/**
 * The reader against real archives: what writeZip writes reads back clean; every hostile or odd ZIP
 * (crafted byte by byte below) is refused with one precise line, or listed as a canonical issue.
 */
import { tempDir } from "@agent-plugin/test-utils";
import { deflateSync } from "fflate";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type ArchiveInput, type ArchiveLimits } from "./types.js";
import { readArchive } from "./zip-read.js";
import { timestampFromSeconds, writeZip } from "./zip-write.js";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const EPOCH = timestampFromSeconds(0);
const DOS_1980 = (1 << 5) | 1;

/** One entry of a crafted ZIP; every field defaults to what writeZip would write. */
interface Craft {
  name: string;
  data?: Uint8Array;
  method?: number;
  /** The bytes stored for the entry (default: data, deflated when method is 8). */
  stored?: Uint8Array;
  crc?: number;
  size?: number;
  attrs?: number;
  madeBy?: number;
  flags?: number;
  time?: number;
  date?: number;
  extra?: Uint8Array;
  internalAttrs?: number;
  localName?: string;
}

/** Raw ZIP bytes: local headers and data, central directory, end record. Writes data descriptors when flags bit 3 is set. */
function craftZip(entries: readonly Craft[], options: { comment?: string; prefix?: Uint8Array } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = options.prefix?.length ?? 0;
  for (const entry of entries) {
    const data = entry.data ?? new Uint8Array();
    const method = entry.method ?? 8;
    const stored = Buffer.from(entry.stored ?? (method === 8 ? deflateSync(data, { level: 9 }) : data));
    const name = Buffer.from(entry.localName ?? entry.name);
    const centralName = Buffer.from(entry.name);
    const extra = Buffer.from(entry.extra ?? new Uint8Array());
    const flags = entry.flags ?? (/[^\x00-\x7f]/.test(entry.name) ? 0x800 : 0);
    const crc = entry.crc ?? crc32(data);
    const size = entry.size ?? data.length;
    const descriptor = (flags & 8) !== 0;
    const common = (header: Buffer, at: number, withSizes: boolean): void => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(flags, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(entry.time ?? 0, at + 6);
      header.writeUInt16LE(entry.date ?? DOS_1980, at + 8);
      header.writeUInt32LE(withSizes ? crc : 0, at + 10);
      header.writeUInt32LE(withSizes ? stored.length : 0, at + 14);
      header.writeUInt32LE(withSizes ? size : 0, at + 18);
      header.writeUInt16LE(extra.length, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4, !descriptor);
    local.writeUInt16LE(name.length, 26);
    const parts = [local, name, extra, stored];
    if (descriptor) {
      const trailer = Buffer.alloc(16);
      trailer.writeUInt32LE(0x08074b50, 0);
      trailer.writeUInt32LE(crc, 4);
      trailer.writeUInt32LE(stored.length, 8);
      trailer.writeUInt32LE(size, 12);
      parts.push(trailer);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.madeBy ?? 0x0314, 4);
    common(central, 6, true);
    central.writeUInt16LE(centralName.length, 28);
    central.writeUInt16LE(entry.internalAttrs ?? 0, 36);
    central.writeUInt32LE((entry.attrs ?? 0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    const localBytes = Buffer.concat(parts);
    locals.push(localBytes);
    centrals.push(Buffer.concat([central, centralName, extra]));
    offset += localBytes.length;
  }
  const comment = Buffer.from(options.comment ?? "");
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([Buffer.from(options.prefix ?? new Uint8Array()), ...locals, centralDirectory, end, comment]);
}

function save(bytes: Uint8Array, name = "test.zip"): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

const hello = { name: "hello.txt", data: text("hello\n") };

/**
 * A deflate stream of `gib` GiB of zeros, about 1 MB long, built without allocating the gigabyte:
 * a full flush makes each 1 MiB segment byte-aligned and self-contained, so one segment repeats.
 */
function zerosBomb(gib: number): { stored: Buffer; crc: number; size: number } {
  const chunk = Buffer.alloc(1024 * 1024);
  const segment = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const count = gib * 1024;
  let crc = 0;
  for (let i = 0; i < count; i++) crc = crc32(chunk, crc);
  // 0x03 0x00: an empty final block with fixed Huffman codes, ending the stream.
  return {
    stored: Buffer.concat([...Array.from({ length: count }, () => segment), Buffer.from([0x03, 0x00])]),
    crc,
    size: count * chunk.length,
  };
}

describe("readArchive: what writeZip writes", () => {
  it("reads back every file, mode and byte, with no canonical issue", async () => {
    const inputs: ArchiveInput[] = [
      { path: "bin/run.sh", data: text("#!/bin/sh\n"), mode: 0o755 },
      { path: "empty", data: new Uint8Array(), mode: 0o644 },
      { path: "skills/ünï/SKILL.md", data: text("x".repeat(100_000)), mode: 0o644 },
      { path: "data.bin", data: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251), mode: 0o644 },
    ];
    const bytes = writeZip(inputs, { timestamp: timestampFromSeconds(1710037800) });
    const path = save(bytes);
    const archive = await readArchive(path);
    expect(archive.canonicalIssues).toEqual([]);
    expect(archive.timestamp).toBe("2024-03-10T02:30:00Z");
    expect(archive.size).toBe(bytes.length);
    expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(archive.entries.map((e) => [e.path, e.mode, Buffer.from(e.data).toString("hex")])).toEqual(
      [...inputs]
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .map((i) => [i.path, i.mode, Buffer.from(i.data).toString("hex")]),
    );
  });

  it("reads an empty archive", async () => {
    const archive = await readArchive(save(writeZip([], { timestamp: EPOCH })));
    expect(archive.entries).toEqual([]);
    expect(archive.canonicalIssues).toEqual([]);
  });
});

describe("readArchive: unreadable input", () => {
  it.each([
    ["not a zip", text("hello, I am text\n"), "is not a ZIP archive or is truncated"],
    ["an empty file", new Uint8Array(), "is not a ZIP archive or is truncated"],
    [
      "cut in half",
      (() => {
        const b = writeZip([{ path: "a", data: text("a".repeat(1000)), mode: 0o644 }], { timestamp: EPOCH });
        return b.subarray(0, b.length >> 1);
      })(),
      "is not a ZIP archive or is truncated",
    ],
    [
      "followed by junk",
      Buffer.concat([craftZip([hello]), Buffer.from("junk")]),
      "has bytes after the end of the ZIP data, or a damaged end record",
    ],
  ])("refuses %s", async (_, bytes, message) => {
    const path = save(bytes);
    await expect(readArchive(path)).rejects.toThrow(`${path} ${message}`);
  });

  it("refuses a damaged central directory", async () => {
    const bytes = craftZip([hello]);
    bytes.writeUInt32LE(0x12345678, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    const path = save(bytes);
    await expect(readArchive(path)).rejects.toThrow(`${path} has a damaged central directory (truncated or corrupt)`);
  });

  it("refuses corrupt compressed data", async () => {
    const path = save(
      craftZip([{ name: "x.txt", data: text("hello"), stored: Buffer.from([0xff, 0xff, 0xff, 0xff]) }]),
    );
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "x.txt" has corrupt compressed data (invalid block type)`,
    );
  });

  it("refuses a missing file and a folder", async () => {
    const dir = tempDir();
    await expect(readArchive(join(dir, "nope.zip"))).rejects.toThrow(
      `${join(dir, "nope.zip")} cannot be read: no such file`,
    );
    await expect(readArchive(dir)).rejects.toThrow(`${dir} is a folder, not a ZIP archive`);
  });

  it("refuses an archive file larger than the total limit before reading it", async () => {
    const path = save(craftZip([{ name: "big", data: new Uint8Array(5000), method: 0 }]));
    await expect(readArchive(path, { ...DEFAULT_LIMITS, maxTotalBytes: 1000 })).rejects.toThrow(
      / is 5\d\d\d bytes, over the total size limit of 1000$/,
    );
  });
});

describe("readArchive: hostile entries", () => {
  it.each([
    ["../evil.txt", `'..' path segment (escapes the folder)`],
    ["a/../../evil.txt", `'..' path segment (escapes the folder)`],
    ["/etc/passwd", "absolute path"],
    ["C:/Windows/evil.dll", "absolute path"],
    ["a\\..\\evil", "backslash in the name (folders are separated by /)"],
    ["./a", "'.' path segment"],
    ["a//b", "empty path segment (// or a trailing /)"],
    ["a\u0000b", "control character in the name"],
    ["a\u001b[31mred", "control character in the name"],
  ])("refuses the entry name %j", async (name, reason) => {
    const path = save(craftZip([{ name, data: text("x"), flags: 0x800 }]));
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry ${JSON.stringify(name)} has an unsafe name: ${reason}`,
    );
  });

  it("checks the raw name bytes too, which other tools use where yauzl shows a decoded name", async () => {
    // Without the UTF-8 flag, yauzl decodes CP437, where ESC is drawn as "←"; unzip would write the ESC byte.
    const cp437 = save(craftZip([{ name: "a\u001b[31mred", flags: 0 }]));
    await expect(readArchive(cp437)).rejects.toThrow(
      `${cp437}: entry "a←[31mred" has an unsafe name in its raw bytes ("a\\u001b[31mred"): control character in the name`,
    );
    // An Info-ZIP Unicode Path extra field shows yauzl "good.txt" over raw bytes that climb out of the folder.
    const rawName = Buffer.from("../evil.txt");
    const unicodePath = Buffer.concat([Buffer.from([0x75, 0x70, 13, 0, 1]), Buffer.alloc(4), Buffer.from("good.txt")]);
    unicodePath.writeUInt32LE(crc32(rawName), 5);
    const smuggled = save(craftZip([{ name: "../evil.txt", extra: unicodePath }]));
    await expect(readArchive(smuggled)).rejects.toThrow(
      `${smuggled}: entry "good.txt" has an unsafe name in its raw bytes ("../evil.txt"): '..' path segment (escapes the folder)`,
    );
  });

  it("refuses symbolic links", async () => {
    const path = save(craftZip([{ name: "link", data: text("/etc/passwd"), attrs: (0o120777 << 16) >>> 0 }]));
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "link" is a symbolic link; plugin archives hold regular files only`,
    );
  });

  it("refuses special files", async () => {
    const path = save(craftZip([{ name: "fifo", attrs: (0o010644 << 16) >>> 0 }]));
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "fifo" is a special file (type 10000), not a regular file`,
    );
  });

  it("refuses folder entries with contents, or folder attributes on a file name", async () => {
    const withData = save(craftZip([{ name: "dir/", data: text("surprise") }]));
    await expect(readArchive(withData)).rejects.toThrow(
      `${withData}: entry "dir/" is a folder entry with contents or file attributes`,
    );
    const noSlash = save(craftZip([{ name: "dir", attrs: (0o040755 << 16) >>> 0 }]));
    await expect(readArchive(noSlash)).rejects.toThrow(
      `${noSlash}: entry "dir" is a folder entry with contents or file attributes`,
    );
  });

  it("refuses duplicate names, case collisions and a name that is both file and folder", async () => {
    const duplicate = save(craftZip([hello, hello]));
    await expect(readArchive(duplicate)).rejects.toThrow(`${duplicate}: duplicate entry "hello.txt"`);
    const caseCollision = save(craftZip([{ name: "README.md" }, { name: "readme.md" }]));
    await expect(readArchive(caseCollision)).rejects.toThrow(
      `${caseCollision}: entries "README.md" and "readme.md" differ only in case or Unicode normalisation (they collide on Windows and macOS)`,
    );
    const fileAndFolder = save(craftZip([{ name: "a" }, { name: "A/b" }]));
    await expect(readArchive(fileAndFolder)).rejects.toThrow(
      `${fileAndFolder}: "a" is both a file and a folder ("A/b")`,
    );
  });

  it("refuses encrypted entries and unknown compression", async () => {
    const encrypted = save(craftZip([{ ...hello, flags: 1 }]));
    await expect(readArchive(encrypted)).rejects.toThrow(
      `${encrypted}: entry "hello.txt" is encrypted; plugin archives hold plain files`,
    );
    const bzip2 = save(craftZip([{ ...hello, method: 12, stored: text("BZh9") }]));
    await expect(readArchive(bzip2)).rejects.toThrow(
      `${bzip2}: entry "hello.txt" uses compression method 12; only deflate (8) and stored (0) can be read`,
    );
  });

  it("refuses more entries than the limit before reading any", async () => {
    const path = save(craftZip(["a", "b", "c", "d"].map((name) => ({ name }))));
    await expect(readArchive(path, { ...DEFAULT_LIMITS, maxEntries: 3 })).rejects.toThrow(
      `${path} has 4 entries, over the limit of 3`,
    );
  });

  it("refuses an entry or a total over the size limits", async () => {
    const limits: ArchiveLimits = { ...DEFAULT_LIMITS, maxEntryBytes: 1000, maxTotalBytes: 1500 };
    const big = save(craftZip([{ name: "big", data: new Uint8Array(1001) }]));
    await expect(readArchive(big, limits)).rejects.toThrow(
      `${big}: entry "big" is 1001 bytes uncompressed, over the limit of 1000`,
    );
    const many = save(
      craftZip([
        { name: "a", data: new Uint8Array(800) },
        { name: "b", data: new Uint8Array(800) },
      ]),
    );
    await expect(readArchive(many, limits)).rejects.toThrow(
      `${many}: entry "b" brings the total uncompressed size to 1600 bytes, over the limit of 1500`,
    );
  });

  it("refuses a 1 GiB zip bomb declared honestly, on its size and on its ratio", async () => {
    const bomb = zerosBomb(1);
    const path = save(craftZip([{ name: "zeros.bin", ...bomb }]));
    expect(bomb.stored.length).toBeLessThan(1_100_000);
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "zeros.bin" is 1073741824 bytes uncompressed, over the limit of 268435456`,
    );
    const roomy = { ...DEFAULT_LIMITS, maxEntryBytes: 2 ** 31, maxTotalBytes: 2 ** 31 };
    await expect(readArchive(path, roomy)).rejects.toThrow(
      new RegExp(
        `^${path}: entry "zeros.bin" would inflate 10\\d\\d:1 \\(1073741824 bytes from ${bomb.stored.length}\\), over the limit of 200:1 \\(zip bomb\\?\\)$`,
      ),
    );
  });

  it("stops inflating a bomb that lies about its size, long before the gigabyte", async () => {
    const bomb = zerosBomb(1);
    const path = save(craftZip([{ name: "small.txt", stored: bomb.stored, crc: 0, size: 1000 }]));
    const started = Date.now();
    // The declared ratio is tiny, so only counting the inflated bytes can catch it.
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "small.txt" inflates to more than its declared size of 1000 bytes (zip bomb?)`,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("lets small, highly compressible files through whatever their ratio", async () => {
    const path = save(
      writeZip([{ path: "spaces.txt", data: new Uint8Array(1024 * 1024).fill(32), mode: 0o644 }], { timestamp: EPOCH }),
    );
    const archive = await readArchive(path);
    expect(archive.entries[0]!.data.length).toBe(1024 * 1024);
  });

  it("refuses an entry shorter than declared", async () => {
    const path = save(craftZip([{ ...hello, size: 50 }]));
    await expect(readArchive(path)).rejects.toThrow(
      `${path}: entry "hello.txt" is shorter than its declared size (corrupt)`,
    );
  });
});

describe("readArchive: canonical issues (how a re-zip shows)", () => {
  const issuesOf = async (bytes: Uint8Array): Promise<string[]> => (await readArchive(save(bytes))).canonicalIssues;

  it("finds nothing in a crafted copy of writeZip's layout", async () => {
    expect(
      await issuesOf(
        craftZip([
          { name: "a", data: text("a") },
          { name: "b/ü", data: text("b") },
        ]),
      ),
    ).toEqual([]);
  });

  it.each<[string, Craft[], { comment?: string; prefix?: Uint8Array } | undefined, string[]]>([
    ["order", [{ name: "b" }, { name: "a" }], undefined, ['entries are not in bytewise path order (entry "a")']],
    [
      "timestamps",
      [{ name: "a" }, { name: "b", time: 2 }],
      undefined,
      ["entries carry 2 different timestamps (1980-01-01T00:00:00Z to 1980-01-01T00:00:04Z)"],
    ],
    [
      "extra fields",
      [{ name: "a", extra: Buffer.from([0x55, 0x54, 1, 0, 0]) }],
      undefined,
      ['extra fields present (timestamps, uid/gid) (entry "a")'],
    ],
    [
      "made by MS-DOS",
      [
        { name: "a", madeBy: 20, attrs: 0 },
        { name: "b", madeBy: 20, attrs: 0 },
      ],
      undefined,
      [
        '"version made by" is not Unix 2.0 (0x0314) (2 entries, first "a")',
        'external attributes are not a regular file with mode 0644 or 0755 (2 entries, first "a")',
      ],
    ],
    [
      "mode 0664",
      [{ name: "a", attrs: (0o100664 << 16) >>> 0 }],
      undefined,
      ['external attributes are not a regular file with mode 0644 or 0755 (entry "a")'],
    ],
    [
      "stored",
      [{ name: "a", data: text("a"), method: 0 }],
      undefined,
      ['entries not deflated (compression method 0) (entry "a")'],
    ],
    [
      "data descriptor",
      [{ name: "a", data: text("a"), flags: 8 }],
      undefined,
      ['data descriptors present (entry "a")'],
    ],
    [
      "CRC-32",
      [{ name: "a", data: text("a"), crc: 1 }],
      undefined,
      ['CRC-32 in the header does not match the content (entry "a")'],
    ],
    [
      "local name",
      [{ name: "a", localName: "b" }],
      undefined,
      ['local header disagrees with the central directory (name) (entry "a")'],
    ],
    [
      "text bit",
      [{ name: "a", internalAttrs: 1 }],
      undefined,
      ['internal attributes set (e.g. the text-file bit) (entry "a")'],
    ],
    [
      "UTF-8 flag",
      [{ name: "ü", flags: 0 }],
      undefined,
      ['general purpose flags differ (UTF-8 flag set exactly for non-ASCII names, nothing else) (entry "├╝")'],
    ],
    [
      "folder entry",
      [{ name: "d/", attrs: (0o040755 << 16) >>> 0 }, { name: "d/a" }],
      undefined,
      ['folder entries present (plugin-pack writes files only) (entry "d/")'],
    ],
    ["comment", [{ name: "a" }], { comment: "hello" }, ["archive comment present (5 bytes)"]],
    [
      "prefix",
      [{ name: "a" }],
      { prefix: text("#!/bin/sh\nexit\n") },
      ["unexpected ZIP layout: bytes before the first entry"],
    ],
  ])("notes %s", async (_, entries, options, issues) => {
    expect(await issuesOf(craftZip(entries, options))).toEqual(issues);
  });

  it("notes what Info-ZIP's zip -r does differently", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "src/skills"), { recursive: true });
    writeFileSync(join(dir, "src/skills/SKILL.md"), "# skill\n");
    writeFileSync(join(dir, "src/README.md"), "readme\n");
    const { execa } = await import("execa");
    await execa("zip", ["-q", "-r", join(dir, "out.zip"), "."], { cwd: join(dir, "src") });
    const issues = (await readArchive(join(dir, "out.zip"))).canonicalIssues;
    expect(issues).toEqual(
      expect.arrayContaining([
        'folder entries present (plugin-pack writes files only) (entry "skills/")',
        expect.stringMatching(/^extra fields present \(timestamps, uid\/gid\) \(3 entries, first /),
        expect.stringMatching(/^"version made by" is not Unix 2\.0 \(0x0314\) \(3 entries, first /),
      ]),
    );
  });
});
