/**
 * The WebAssembly deflate: what it writes inflates back exactly (with Node's own zlib, an independent
 * decoder), and its bytes for fixed inputs are pinned, so a dependency update that changes the archives
 * plugin-pack writes fails here instead of changing every release's hash unannounced.
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  PATCHED_WASM_SHA256,
  PROBE_FLOOR,
  deflateIdentity,
  deflateRaw,
  forasWasmModule,
  patchedWasm,
  storedBlocks,
} from "./deflate.js";
import { CANONICAL } from "./zip-write.js";

/** Deterministic bytes: a linear congruential generator, so the test needs no fixture file. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const skill = text(
  "---\nname: triage\ndescription: Sorts new issues by area and urgency.\n---\n\n# Triage\n".repeat(200),
);

/** Inputs of every kind pack sees: empty, tiny, repetitive text, incompressible, and long runs. */
const inputs: [string, Uint8Array][] = [
  ["empty", new Uint8Array()],
  ["one byte", text("x")],
  ["skill text", skill],
  ["noise", noise(300_000, 7)],
  ["long run", new Uint8Array(2 * 1024 * 1024).fill(32)],
];

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

describe("deflateRaw", () => {
  it.each(inputs)("inflates back to the input: %s", (_, data) => {
    const compressed = deflateRaw(data, CANONICAL.level);
    expect(Buffer.from(inflateRawSync(compressed)).equals(Buffer.from(data))).toBe(true);
  });

  it("compresses text and stays near the size of incompressible input", () => {
    expect(deflateRaw(skill, CANONICAL.level).length).toBeLessThan(skill.length / 20);
    const random = noise(300_000, 7);
    expect(deflateRaw(random, CANONICAL.level).length).toBeLessThan(random.length * 1.001 + 64);
  });

  it("writes exactly the pinned bytes at the canonical level (they change only with a changelog entry)", () => {
    expect(Object.fromEntries(inputs.map(([name, data]) => [name, sha256(deflateRaw(data, CANONICAL.level))]))).toEqual(
      {
        empty: "9b4fb24edd6d1d8830e272398263cdbf026b97392cc35387b991dc0248a628f9",
        "one byte": "f5b976feaac71fd875e2850ce8a0f229ad2fe83beab9d1284fe2a75f1e172a56",
        "skill text": "79d735699b512d6cb4f42eff65cb06b50a1b7613826e62fa57b1134be6971e84",
        noise: "4e2c3b4cc4ea74cbb37b73c55db400742efd1e8d8e4de7893470c0ced26c4e18",
        "long run": "0f38b9ab293f48e66fb036f0cc1484edb2a970789736f6e795c7aa78b78cf470",
      },
    );
  });

  it("stores a file of 256 KiB or more whose first 64 KiB deflate cannot shrink, as deflate stored blocks", () => {
    const random = noise(300_000, 11);
    const stored = deflateRaw(random, CANONICAL.level);
    // Five header bytes per block of at most 65535 bytes: five blocks, the last one final.
    expect(stored.length).toBe(300_000 + 5 * 5);
    expect([stored[0], stored[65_540]]).toEqual([0, 0]);
    expect(stored[4 * 65_540]).toBe(1);
    expect(Buffer.from(stored).equals(Buffer.from(storedBlocks(random)))).toBe(true);
    expect(Buffer.from(inflateRawSync(stored)).equals(Buffer.from(random))).toBe(true);
  });

  it("deflates a large file whose start compresses, and a small incompressible one, as usual", () => {
    const large = new Uint8Array(PROBE_FLOOR + 1000);
    for (let at = 0; at < large.length; at += skill.length) large.set(skill.subarray(0, large.length - at), at);
    expect(deflateRaw(large, CANONICAL.level).length).toBeLessThan(large.length / 20);
    const small = noise(PROBE_FLOOR - 1, 5);
    expect(Buffer.from(deflateRaw(small, CANONICAL.level)).equals(Buffer.from(storedBlocks(small)))).toBe(false);
    expect(Buffer.from(inflateRawSync(deflateRaw(small, CANONICAL.level))).equals(Buffer.from(small))).toBe(true);
  });

  it("writes an empty input as one final empty stored block when asked to store it", () => {
    expect([...storedBlocks(new Uint8Array())]).toEqual([1, 0, 0, 0xff, 0xff]);
    expect(inflateRawSync(storedBlocks(new Uint8Array())).length).toBe(0);
  });
});

describe("deflateIdentity", () => {
  it("names the patched .wasm the deflate runs by its pinned hash, which follows any change to the memset patch", () => {
    // deflateIdentity reads the hash instead of decoding and patching the .wasm: this keeps the two in step.
    expect(sha256(patchedWasm())).toBe(PATCHED_WASM_SHA256);
  });

  it("reads the .wasm of the foras package Node's resolver finds from here", () => {
    const entry = createRequire(import.meta.url).resolve("@hazae41/foras");
    expect(realpathSync(forasWasmModule())).toBe(realpathSync(join(dirname(entry), "../../wasm/pkg/foras.wasm.cjs")));
  });

  it("differs by level, and is the same from call to call", () => {
    expect(deflateIdentity(CANONICAL.level).equals(deflateIdentity(CANONICAL.level))).toBe(true);
    expect(deflateIdentity(CANONICAL.level).equals(deflateIdentity(CANONICAL.level - 1))).toBe(false);
  });
});
