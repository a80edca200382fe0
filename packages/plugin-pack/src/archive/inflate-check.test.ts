/**
 * The deflate cache's check, through real zlib streams: true only for a stream that inflates to exactly the expected
 * bytes and ends where it ends, whichever stream came before it; both the reused context and the one-call fallback.
 */
import { randomBytes } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { inflatesTo, inflatesToOnce } from "./inflate-check.js";

const text = (s: string): Buffer => Buffer.from(s, "utf8");
const skill = text("---\nname: triage\ndescription: Sorts new issues.\n---\n\n# Triage\n".repeat(300));

describe.each([
  ["a reused zlib context", inflatesTo],
  ["one zlib context per call", inflatesToOnce],
])("inflatesTo, with %s", (_, check) => {
  it("accepts a stream that inflates to the bytes, and no other bytes", () => {
    const stream = deflateRawSync(skill);
    expect(check(stream, skill)).toBe(true);
    const other = Buffer.from(skill);
    other[100] = other[100]! ^ 1;
    expect(check(stream, other)).toBe(false);
    expect(check(stream, skill.subarray(0, skill.length - 1))).toBe(false);
    expect(check(stream, Buffer.concat([skill, text("x")]))).toBe(false);
  });

  it("accepts the empty stream for no bytes, and large files past the kept buffer", () => {
    expect(check(deflateRawSync(Buffer.alloc(0)), Buffer.alloc(0))).toBe(true);
    expect(check(deflateRawSync(Buffer.alloc(0)), text("x"))).toBe(false);
    const large = Buffer.concat([randomBytes(1024 * 1024), skill]);
    expect(check(deflateRawSync(large), large)).toBe(true);
    expect(check(deflateRawSync(large), large.subarray(1))).toBe(false);
  });

  it("refuses a truncated, damaged or padded stream, and checks the next one as usual", () => {
    const stream = deflateRawSync(skill);
    const damaged = Buffer.from(stream);
    for (let i = 10; i < 40; i++) damaged[i] = damaged[i]! ^ 0xff;
    expect(check(stream.subarray(0, stream.length - 5), skill)).toBe(false);
    expect(check(stream, skill)).toBe(true);
    expect(check(damaged, skill)).toBe(false);
    expect(check(stream, skill)).toBe(true);
    expect(check(randomBytes(500), skill)).toBe(false);
    expect(check(Buffer.concat([stream, Buffer.from([0])]), skill)).toBe(false);
    expect(check(stream, skill)).toBe(true);
  });

  it("never lets a stream refer to the bytes of the stream checked before it", () => {
    const first = text("the shared words of both files, long enough to be worth a back-reference\n".repeat(4));
    const second = Buffer.concat([first, text("and then some words of its own\n")]);
    // Deflated as if the first file came before it: its back-references reach into the first file's bytes.
    const referring = deflateRawSync(second, { dictionary: first });
    expect(referring.length).toBeLessThan(deflateRawSync(second).length);
    expect(check(deflateRawSync(first), first)).toBe(true);
    expect(check(referring, second)).toBe(false);
    expect(check(deflateRawSync(second), second)).toBe(true);
  });
});
