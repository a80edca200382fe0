/** Extraction into a new folder: exact modes, all or nothing, and no way out of the target. */
import { tempDir } from "@agent-plugin/test-utils";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractArchive } from "./extract.js";
import type { ArchiveEntry, ReadArchive } from "./types.js";
import { readArchive } from "./zip-read.js";
import { timestampFromSeconds, writeZip } from "./zip-write.js";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** An archive as the reader returns it, built directly: extraction must not rely on the reader's checks. */
function archiveOf(entries: ArchiveEntry[]): ReadArchive {
  return { path: "test.zip", size: 0, sha256: "", entries, canonicalIssues: [] };
}

describe("extractArchive", () => {
  it("writes every file with 0644 or 0755 whatever the umask, folders 0755, and leaves no temporary folder", async () => {
    const parent = tempDir();
    const zip = join(parent, "a.zip");
    writeFileSync(
      zip,
      writeZip(
        [
          { path: "bin/run.sh", data: text("#!/bin/sh\n"), mode: 0o755 },
          { path: "skills/a/SKILL.md", data: text("# a\n"), mode: 0o644 },
          { path: "empty", data: new Uint8Array(), mode: 0o644 },
        ],
        { timestamp: timestampFromSeconds(0) },
      ),
    );
    const previous = process.umask(0o077);
    try {
      extractArchive(await readArchive(zip), join(parent, "out"));
    } finally {
      process.umask(previous);
    }
    const out = join(parent, "out");
    expect(readFileSync(join(out, "skills/a/SKILL.md"), "utf8")).toBe("# a\n");
    expect([
      modeOf(join(out, "bin/run.sh")),
      modeOf(join(out, "skills/a/SKILL.md")),
      modeOf(join(out, "empty")),
    ]).toEqual(["755", "644", "644"]);
    expect([modeOf(out), modeOf(join(out, "skills")), modeOf(join(out, "skills/a"))]).toEqual(["755", "755", "755"]);
    expect(readdirSync(parent).sort()).toEqual(["a.zip", "out"]);
  });

  it("normalises other modes: any execute bit gives 0755, none gives 0644", () => {
    const out = join(tempDir(), "out");
    extractArchive(
      archiveOf([
        { path: "x", data: text("x"), mode: 0o700 },
        { path: "y", data: text("y"), mode: 0o666 },
      ]),
      out,
    );
    expect([modeOf(join(out, "x")), modeOf(join(out, "y"))]).toEqual(["755", "644"]);
  });

  it("fills an existing empty folder and creates missing parents", () => {
    const parent = tempDir();
    mkdirSync(join(parent, "empty"));
    extractArchive(archiveOf([{ path: "a", data: text("a"), mode: 0o644 }]), join(parent, "empty"));
    extractArchive(archiveOf([{ path: "a", data: text("a"), mode: 0o644 }]), join(parent, "new/deep/out"));
    expect(readFileSync(join(parent, "empty/a"), "utf8")).toBe("a");
    expect(readFileSync(join(parent, "new/deep/out/a"), "utf8")).toBe("a");
  });

  it("refuses a folder that is not empty, a file, and a symbolic link", () => {
    const parent = tempDir();
    mkdirSync(join(parent, "full"));
    writeFileSync(join(parent, "full/keep"), "mine");
    writeFileSync(join(parent, "file"), "mine");
    mkdirSync(join(parent, "elsewhere"));
    symlinkSync(join(parent, "elsewhere"), join(parent, "link"));
    const archive = archiveOf([{ path: "a", data: text("a"), mode: 0o644 }]);
    expect(() => extractArchive(archive, join(parent, "full"))).toThrow(
      `${join(parent, "full")} is not empty: give a new or empty folder to unpack into`,
    );
    expect(() => extractArchive(archive, join(parent, "file"))).toThrow(
      `${join(parent, "file")} exists and is not a folder: give a new folder to unpack into`,
    );
    expect(() => extractArchive(archive, join(parent, "link"))).toThrow(
      `${join(parent, "link")} is a symbolic link: give a new folder to unpack into`,
    );
    expect(readdirSync(join(parent, "elsewhere"))).toEqual([]);
  });

  it("leaves nothing behind when an entry fails halfway", () => {
    const parent = tempDir();
    const archive = archiveOf([
      { path: "a", data: text("a"), mode: 0o644 },
      { path: "a/b", data: text("b"), mode: 0o644 },
    ]);
    expect(() => extractArchive(archive, join(parent, "out"))).toThrow(
      'test.zip: entry "a/b" needs a folder where a file already is',
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([
    ["../evil.txt", "'..' path segment (escapes the folder)"],
    ["a/../../evil.txt", "'..' path segment (escapes the folder)"],
    ["/tmp/evil.txt", "absolute path"],
    ["C:/evil.txt", "drive letter"],
  ])("never writes %j outside the target", (path, reason) => {
    const parent = tempDir();
    const out = join(parent, "inner", "out");
    expect(() =>
      extractArchive(
        archiveOf([
          { path: "ok.txt", data: text("ok"), mode: 0o644 },
          { path, data: text("evil"), mode: 0o644 },
        ]),
        out,
      ),
    ).toThrow(`test.zip: entry ${JSON.stringify(path)} would be written outside the target folder (${reason})`);
    expect(existsSync(join(parent, "evil.txt")) || existsSync(join(parent, "inner", "evil.txt"))).toBe(false);
    expect(readdirSync(join(parent, "inner"))).toEqual([]);
  });
});
