/**
 * The deflate's WebAssembly module (miniz_oxide, from @hazae41/foras) was compiled without the bulk-memory feature,
 * so its `memset` is a loop that stores four bytes at a time. The compressor zeroes its tables (a few hundred KiB)
 * for every file it deflates, and that loop took a fifth of deflate's time on a plugin of hundreds of small files.
 *
 * `withBulkMemset` gives that one function the body `memory.fill` (one instruction, the engine's own memset) and
 * leaves every other byte of the module as it is. Both set the same bytes and return the same pointer, so the
 * compressed output cannot change; the pinned deflate outputs (deflate.test.ts) and archive hashes check it. The
 * function is found by its exact bytes: a module without that very body (another foras build) is used unpatched.
 */
import { createHash } from "node:crypto";

/** The loop memset's body, as the pinned build has it: its length and SHA-256. */
const LOOP_MEMSET = {
  length: 175,
  sha256: "8bdc3ba9f415fea1fdea82fcc541ffe5cf66f3be3edabb650d6c0a38aec203bd",
};

/** `(dst, value, n) -> dst`: no locals; memory.fill(dst, value, n); return dst. */
const BULK_MEMSET = Uint8Array.from([
  0x00, // no local declarations
  0x20,
  0x00, // local.get 0 (dst)
  0x20,
  0x01, // local.get 1 (value)
  0x20,
  0x02, // local.get 2 (n)
  0xfc,
  0x0b,
  0x00, // memory.fill, memory 0
  0x20,
  0x00, // local.get 0
  0x0b, // end
]);

const CODE_SECTION = 10;

/** The module with its loop memset made `memory.fill`, or the module itself when it holds no such function. */
export function withBulkMemset(wasm: Uint8Array): Uint8Array {
  try {
    return patched(wasm) ?? wasm;
  } catch {
    return wasm; // Not laid out as expected: used as it is.
  }
}

function patched(wasm: Uint8Array): Uint8Array | undefined {
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (id !== CODE_SECTION) {
      at = end;
      continue;
    }
    const [count, first] = readU32(wasm, start);
    const bodies: Uint8Array[] = [];
    let matches = 0;
    for (let i = 0, p = first; i < count; i++) {
      const [length, bodyStart] = readU32(wasm, p);
      const body = wasm.subarray(bodyStart, bodyStart + length);
      if (length === LOOP_MEMSET.length && createHash("sha256").update(body).digest("hex") === LOOP_MEMSET.sha256) {
        matches++;
        bodies.push(Uint8Array.from([...writeU32(BULK_MEMSET.length), ...BULK_MEMSET]));
      } else {
        bodies.push(wasm.subarray(p, bodyStart + length));
      }
      p = bodyStart + length;
    }
    if (matches !== 1) return undefined;
    const content = Buffer.concat([writeU32(count), ...bodies]);
    return Buffer.concat([
      wasm.subarray(0, at),
      Uint8Array.from([CODE_SECTION, ...writeU32(content.length)]),
      content,
      wasm.subarray(end),
    ]);
  }
  return undefined;
}

/** An unsigned LEB128 number at `at`: its value and where the next field starts. */
function readU32(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at++];
    if (byte === undefined) throw new RangeError("truncated");
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
  }
  throw new RangeError("overlong");
}

function writeU32(value: number): Uint8Array {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Uint8Array.from(out);
}
