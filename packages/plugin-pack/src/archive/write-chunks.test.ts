// pack writes its archive as pieces: the file must be exactly their concatenation, whatever their sizes, and a
// failed write must leave nothing behind.
import { tempDir } from "@agent-plugin/test-utils";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeChunksAtomic } from "./write-chunks.js";
import { assembleZip, assembleZipChunks, compressEntry, timestampFromSeconds } from "./zip-write.js";

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe("writeChunksAtomic", () => {
  it("writes the pieces in order, small ones gathered and large ones whole, and shows every byte as written", () => {
    const dir = tempDir();
    const path = join(dir, "out.zip");
    // Pieces below, at and above the 256 KiB gathering buffer, and a run of small ones that overflows it.
    const chunks = [
      bytes(10, 1),
      bytes(300 * 1024, 2),
      ...Array.from({ length: 40 }, (_, i) => bytes(10_000, i)),
      bytes(256 * 1024, 3),
      bytes(0, 4),
      bytes(7, 5),
    ];
    const seen = createHash("sha256");
    writeChunksAtomic(path, chunks, (written) => seen.update(written));
    const expected = Buffer.concat(chunks);
    const written = readFileSync(path);
    expect(written.equals(expected)).toBe(true);
    expect(seen.digest("hex")).toBe(createHash("sha256").update(expected).digest("hex"));
    expect(readdirSync(dir)).toEqual(["out.zip"]);
  });

  it("replaces the file only once complete, and leaves no temporary file when it cannot write", () => {
    const dir = tempDir();
    const path = join(dir, "out.zip");
    writeFileSync(path, "old");
    writeChunksAtomic(path, [bytes(5, 1)]);
    expect(readFileSync(path)).toEqual(Buffer.from(bytes(5, 1)));
    // A folder where the file should be: the rename fails, the folder stays, no temporary file is left.
    const blocked = join(dir, "blocked.zip");
    mkdirSync(join(blocked, "inside"), { recursive: true });
    expect(() => writeChunksAtomic(blocked, [bytes(5, 1)])).toThrow();
    expect(readdirSync(dir).sort()).toEqual(["blocked.zip", "out.zip"]);
  });

  it("writes the very archive assembleZip builds in memory", () => {
    const dir = tempDir();
    const inputs = [
      { path: "b.txt", mode: 0o644 as const, data: compressEntry(bytes(70_000, 9)) },
      { path: "a/ü.md", mode: 0o755 as const, data: compressEntry(new TextEncoder().encode("hello\n".repeat(500))) },
    ];
    const timestamp = timestampFromSeconds(1_700_000_000);
    const { chunks, size } = assembleZipChunks(inputs, { timestamp });
    writeChunksAtomic(join(dir, "x.zip"), chunks);
    const whole = assembleZip(inputs, { timestamp });
    expect(size).toBe(whole.length);
    expect(readFileSync(join(dir, "x.zip")).equals(Buffer.from(whole))).toBe(true);
  });
});
