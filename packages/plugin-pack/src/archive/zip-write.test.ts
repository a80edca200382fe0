/**
 * The canonical writer: order, timestamp, attributes, determinism across runs and time zones, and that
 * standard readers (unzip, yauzl) accept what it writes.
 */
import { tempDir } from "@agent-plugin/test-utils";
import { buildSync } from "esbuild";
import { execa } from "execa";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yauzl, { type Entry } from "yauzl";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ArchiveInput } from "./types.js";
import {
  archiveTimestamp,
  compareUtf8,
  dosDateTime,
  dosToIso,
  timestampFromSeconds,
  unsafePathReason,
  writeZip,
} from "./zip-write.js";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const file = (path: string, content = `content of ${path}\n`, mode: 0o644 | 0o755 = 0o644): ArchiveInput => ({
  path,
  data: text(content),
  mode,
});
const EPOCH = timestampFromSeconds(0);

/** Every central directory entry, through yauzl with default options: what a third-party reader sees. */
async function centralEntries(bytes: Uint8Array): Promise<Entry[]> {
  const zipfile = await yauzl.fromBufferPromise(Buffer.from(bytes), {});
  const entries: Entry[] = [];
  for await (const entry of zipfile.eachEntry()) entries.push(entry);
  zipfile.close();
  return entries;
}

describe("archiveTimestamp", () => {
  it("defaults to 1980-01-01, the first instant a ZIP entry can carry", () => {
    expect(archiveTimestamp({}).iso).toBe("1980-01-01T00:00:00Z");
    expect(archiveTimestamp({ SOURCE_DATE_EPOCH: "" }).iso).toBe("1980-01-01T00:00:00Z");
  });

  it("takes SOURCE_DATE_EPOCH, rounded down to even seconds and clamped to 1980..2107", () => {
    expect(archiveTimestamp({ SOURCE_DATE_EPOCH: "1710037801" })).toEqual({
      date: new Date("2024-03-10T02:30:00Z"),
      iso: "2024-03-10T02:30:00Z",
    });
    expect(archiveTimestamp({ SOURCE_DATE_EPOCH: "0" }).iso).toBe("1980-01-01T00:00:00Z");
    expect(archiveTimestamp({ SOURCE_DATE_EPOCH: "-5" }).iso).toBe("1980-01-01T00:00:00Z");
    expect(archiveTimestamp({ SOURCE_DATE_EPOCH: "99999999999" }).iso).toBe("2107-12-31T23:59:58Z");
  });

  it.each(["1.5", "abc", " 12", "1e9", "0x10"])("rejects SOURCE_DATE_EPOCH=%j", (value) => {
    expect(() => archiveTimestamp({ SOURCE_DATE_EPOCH: value })).toThrow(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (like \`date +%s\` prints), not ${JSON.stringify(value)}`,
    );
  });

  it("converts to DOS fields from UTC components and back", () => {
    const { date } = archiveTimestamp({ SOURCE_DATE_EPOCH: "1710037800" });
    const dos = dosDateTime(date);
    expect(dosToIso(dos.time, dos.date)).toBe("2024-03-10T02:30:00Z");
    expect(dosDateTime(EPOCH.date)).toEqual({ time: 0, date: (1 << 5) | 1 });
  });
});

describe("entry names", () => {
  it("orders bytewise by UTF-8, not by UTF-16 units or numeric keys", () => {
    // U+E000 sorts before U+1F600 in UTF-8, after it in UTF-16.
    expect(["\u{1F600}", "\uE000", "b", "10", "2", ".a"].sort(compareUtf8)).toEqual([
      ".a",
      "10",
      "2",
      "b",
      "\uE000",
      "\u{1F600}",
    ]);
  });

  it("orders exactly as comparing the encoded bytes does, surrogates and lone surrogates included", () => {
    const units = [
      "a",
      "b",
      "é",
      "\u07ff",
      "\u0800",
      "\ud7ff",
      "\ud800",
      "\udbff",
      "\udc00",
      "\udfff",
      "\ue000",
      "\uffff",
    ];
    let state = 1;
    const pick = (): string => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return units[state % units.length]!;
    };
    const strings = Array.from({ length: 400 }, () => Array.from({ length: 1 + (state % 4) }, pick).join(""));
    for (const a of strings)
      for (const b of strings.slice(0, 60))
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it.each([
    ["", "the name is empty"],
    ["/etc/passwd", "absolute path"],
    ["C:/x", "drive letter"],
    ["a\\b", "backslash in the name (folders are separated by /)"],
    ["a\u0000b", "control character in the name"],
    ["a\nb", "control character in the name"],
    ["a//b", "empty path segment (// or a trailing /)"],
    ["a/", "empty path segment (// or a trailing /)"],
    ["./a", "'.' path segment"],
    ["a/../../b", "'..' path segment (escapes the folder)"],
    ["a\uD800b", "unpaired UTF-16 surrogate in the name"],
  ])("refuses %j: %s", (name, reason) => {
    expect(unsafePathReason(name)).toBe(reason);
  });

  it("accepts ordinary relative names", () => {
    for (const name of ["a", ".codex-plugin/plugin.json", "skills/ünï/SKILL.md", "..a/b..", "a b/c"])
      expect(unsafePathReason(name)).toBeUndefined();
  });
});

describe("writeZip", () => {
  it("writes sorted entries, no folders, one timestamp, Unix modes, deflate, and nothing optional", async () => {
    const bytes = writeZip(
      [file("z.txt"), file("2"), file("10"), file("bin/run.sh", "#!/bin/sh\n", 0o755), file(".a")],
      { timestamp: archiveTimestamp({ SOURCE_DATE_EPOCH: "1710037800" }) },
    );
    const entries = await centralEntries(bytes);
    expect(entries.map((e) => e.fileName)).toEqual([".a", "10", "2", "bin/run.sh", "z.txt"]);
    for (const entry of entries) {
      expect(entry.versionMadeBy).toBe(0x0314);
      expect(entry.versionNeededToExtract).toBe(20);
      expect(entry.generalPurposeBitFlag).toBe(0);
      expect(entry.compressionMethod).toBe(8);
      expect(entry.extraFieldLength).toBe(0);
      expect(entry.fileCommentLength).toBe(0);
      expect(entry.internalFileAttributes).toBe(0);
      expect(dosToIso(entry.lastModFileTime, entry.lastModFileDate)).toBe("2024-03-10T02:30:00Z");
    }
    expect(entries.map((e) => (e.externalFileAttributes >>> 16).toString(8))).toEqual([
      "100644",
      "100644",
      "100644",
      "100755",
      "100644",
    ]);
    // End record: no comment, so the file ends 22 bytes after its signature.
    expect(Buffer.from(bytes).readUInt32LE(bytes.length - 22)).toBe(0x06054b50);
  });

  it("marks non-ASCII names as UTF-8 (flag bit 11)", async () => {
    const [entry] = await centralEntries(writeZip([file("skills/ünï/SKILL.md")], { timestamp: EPOCH }));
    expect(entry!.generalPurposeBitFlag).toBe(0x0800);
    expect(entry!.fileName).toBe("skills/ünï/SKILL.md");
  });

  it("writes exactly the pinned bytes for pinned inputs (a change needs a changelog entry)", () => {
    const inputs = [
      file(".codex-plugin/plugin.json", "{}\n"),
      file("bin/run.sh", "#!/bin/sh\necho hi\n", 0o755),
      file("empty.txt", ""),
      file("skills/ünï/SKILL.md", "x".repeat(5000)),
    ];
    const bytes = writeZip(inputs, { timestamp: EPOCH });
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(
      "cb316d76c88f6a442edc0be5ade27b1ed4aa88d35da6774e3658d95da08240be",
    );
  });

  it("writes the same bytes for the same files in any input order", () => {
    const inputs = Array.from({ length: 50 }, (_, i) => file(`dir${i % 5}/f${i}.md`, `# ${i}\n`.repeat(i)));
    const first = writeZip(inputs, { timestamp: EPOCH });
    const second = writeZip([...inputs].reverse(), { timestamp: EPOCH });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it("writes the same bytes in every time zone, DST gaps included", async () => {
    const dir = tempDir();
    const script = join(dir, "write.mjs");
    // Bundle the writer (with fflate, and core for the error classes) so a plain `node` child can run it, resolving
    // packages as the bin's build does.
    buildSync({
      stdin: {
        contents: `import { writeZip, archiveTimestamp } from "./zip-write.ts";
          const inputs = [{ path: "a.txt", data: new TextEncoder().encode("a\\n"), mode: 0o644 }, { path: "bin/x", data: new Uint8Array(300), mode: 0o755 }];
          process.stdout.write(Buffer.from(writeZip(inputs, { timestamp: archiveTimestamp() })).toString("base64"));`,
        resolveDir: fileURLToPath(new URL(".", import.meta.url)),
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      conditions: ["source"],
      mainFields: ["module", "main"],
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
      outfile: script,
      logLevel: "silent",
    });
    // 2024-03-10T02:30:00Z: 02:30 does not exist on that day in America/New_York.
    const zones = ["UTC", "Asia/Kolkata", "America/New_York", "Pacific/Kiritimati", "America/St_Johns"];
    // The deflate's WebAssembly package stays external (as in the bin): the child finds it in plugin-pack's own
    // node_modules, wherever the temporary folder is.
    const NODE_PATH = fileURLToPath(new URL("../../node_modules", import.meta.url));
    const outputs = await Promise.all(
      zones.map((TZ) => execa(process.execPath, [script], { env: { TZ, SOURCE_DATE_EPOCH: "1710037800", NODE_PATH } })),
    );
    const archives = outputs.map((o) => o.stdout);
    expect(new Set(archives).size).toBe(1);
    const [entry] = await centralEntries(Buffer.from(archives[0]!, "base64"));
    expect(dosToIso(entry!.lastModFileTime, entry!.lastModFileDate)).toBe("2024-03-10T02:30:00Z");
  });

  it("is accepted by unzip -t, with the modes and date unzip reports", async () => {
    const dir = tempDir();
    const path = join(dir, "a.zip");
    writeFileSync(
      path,
      writeZip([file("README.md"), file("bin/run.sh", "#!/bin/sh\n", 0o755), file("empty", "")], {
        timestamp: archiveTimestamp({ SOURCE_DATE_EPOCH: "1710037800" }),
      }),
    );
    const test = await execa("unzip", ["-t", path]);
    expect(test.stdout).toContain("No errors detected in compressed data");
    const listing = await execa("unzip", ["-Z", "-T", path]);
    expect(listing.stdout).toMatch(/^-rwxr-xr-x .* unx .* 20240310\.023000 bin\/run\.sh$/m);
    expect(listing.stdout).toMatch(/^-rw-r--r-- .* unx .* 20240310\.023000 README\.md$/m);
  });

  it.each([
    [[file("a"), file("a")], 'cannot pack "a": duplicate entry "a"'],
    [
      [file("README.md"), file("readme.md")],
      'cannot pack "readme.md": entries "README.md" and "readme.md" differ only in case or Unicode normalisation (they collide on Windows and macOS)',
    ],
    [
      [file("caf\u00e9"), file("cafe\u0301")],
      'cannot pack "caf\u00e9": entries "cafe\u0301" and "caf\u00e9" differ only in case or Unicode normalisation (they collide on Windows and macOS)',
    ],
    [[file("a"), file("a/b")], 'cannot pack "a/b": "a" is both a file and a folder ("a/b")'],
    [[file("../x")], `cannot pack "../x": '..' path segment (escapes the folder)`],
    [[{ path: "x", data: new Uint8Array(), mode: 0o600 as 0o644 }], 'cannot pack "x": mode 600 is not 644 or 755'],
  ])("refuses inputs it could not read back (%#)", (inputs, message) => {
    expect(() => writeZip(inputs, { timestamp: EPOCH })).toThrow(message);
  });
});
