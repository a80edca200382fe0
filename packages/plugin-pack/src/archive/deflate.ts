/**
 * Raw deflate (RFC 1951) for archive entries: miniz_oxide compiled to WebAssembly, from @hazae41/foras at one
 * exact version (package.json pins it, without a range).
 *
 * WebAssembly computes the same thing on every machine and Node version: it has no CPU-dependent code paths
 * (Node's zlib is a bundled C build that picks its hashing by CPU and changes between releases). The
 * compressed bytes therefore depend only on the input, the level and the .wasm file, which the pinned version
 * fixes. It deflates plugin text about twice as fast as the pure-JavaScript deflate used before.
 *
 * The module is loaded on the first call, synchronously, so commands that never deflate never pay for it.
 *
 * Data that deflate cannot shrink (images, archives, anything already compressed) is written as stored blocks
 * instead: deflating it costs as much time as text and saves under 1% (measured: 2,035,379 bytes of PNG
 * screenshots deflate to 2,019,673). Which files those are is decided from the content alone (the first 64 KiB
 * of files of 256 KiB or more, deflated as a probe), so the choice is as reproducible as the deflate.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Foras from "@hazae41/foras";
import { withBulkMemset } from "./wasm-memset.js";

type ForasModule = Pick<typeof Foras, "initSync" | "deflate" | "Memory">;

let foras: ForasModule | undefined;
let wasm: Uint8Array | undefined;

const forasEntry = (): string => createRequire(import.meta.url).resolve("@hazae41/foras");

/** Where the pinned foras build keeps its .wasm, as a base64 data URL in a CommonJS module. */
const WASM_MODULE = ["dist", "cjs", "wasm", "pkg", "foras.wasm.cjs"];

/**
 * The module that holds the .wasm, in the foras package Node would load from here: the first `node_modules` above this
 * file that has it. Found by walking up, not with require.resolve, whose first call sets up the package resolver
 * (~5 ms of a warm pack, which otherwise resolves no package). Node's resolver is asked only if the walk finds none.
 */
export function forasWasmModule(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const folder = join(dir, "node_modules", "@hazae41", "foras");
    if (existsSync(join(folder, "package.json"))) return join(folder, ...WASM_MODULE);
    if (dirname(dir) === dir) break;
  }
  return join(dirname(forasEntry()), "../../wasm/pkg/foras.wasm.cjs");
}

/**
 * The .wasm the deflate runs, patched here: decoded once, when the deflate loads. Reads only the .wasm's own file, not
 * the foras module (~16 ms to load).
 */
export function patchedWasm(): Uint8Array {
  if (wasm) return wasm;
  // The package ships its .wasm as a base64 data URL and its own loader fetch()es that URL, which loads Node's
  // whole fetch stack (~100 ms). Decoding the same bytes here and instantiating synchronously costs a few ms.
  const { data } = createRequire(forasEntry())(forasWasmModule()) as { data: string };
  wasm = withBulkMemset(Buffer.from(data.slice(data.indexOf(",") + 1), "base64"));
  return wasm;
}

/**
 * The SHA-256 of `patchedWasm()` for the pinned foras build: deflate.test.ts checks it, so a change to the memset patch
 * fails that test until this is updated, and with it `deflateIdentity`.
 */
export const PATCHED_WASM_SHA256 = "c1ebb47a9b5c5ef93cef21b88bc04b36b64de3dbe49722729311c71a4e081dea";

function load(): ForasModule {
  if (foras) return foras;
  const module = createRequire(import.meta.url)(forasEntry()) as ForasModule;
  module.initSync(patchedWasm());
  foras = module;
  return module;
}

/**
 * Bumped whenever this file changes which bytes `deflateRaw` returns for the same input and level other than through
 * the .wasm (the probe, the stored-block threshold): a cache of deflated entries keyed on `deflateIdentity` then misses.
 */
const DEFLATE_FORMAT = 1;

/**
 * What the bytes of `deflateRaw(data, level)` depend on besides `data`, as a SHA-256: the .wasm as it runs (the file
 * the installed foras ships it in, and the memset patch, by the patched pinned build's hash), the level and this
 * file's own choices. Two equal identities deflate every input to the same bytes. Hashes the file as it is, without
 * loading, decoding or patching it: that took a warm pack, which never deflates, about 12 ms of its CPU.
 */
export function deflateIdentity(level: number): Buffer {
  return createHash("sha256")
    .update(
      JSON.stringify({ format: DEFLATE_FORMAT, level, PROBE_FLOOR, PROBE_BYTES, STORE_ABOVE, PATCHED_WASM_SHA256 }),
    )
    .update(readFileSync(forasWasmModule()))
    .digest();
}

/** Files from this size on are probed before they are deflated whole. */
export const PROBE_FLOOR = 256 * 1024;
/** The probe: the first 64 KiB of the file. */
const PROBE_BYTES = 64 * 1024;
/** A probe that deflates to more than this share of its size marks the file as incompressible: it is stored. */
const STORE_ABOVE = 0.98;
/** The most a stored block holds (RFC 1951, 3.2.4: its length is 16 bits). */
const STORED_BLOCK_BYTES = 65_535;

/** The raw deflate stream of `data` at `level` (0-9), in a buffer of its own. */
export function deflateRaw(data: Uint8Array, level: number): Uint8Array {
  if (data.length >= PROBE_FLOOR) {
    const probe = data.subarray(0, PROBE_BYTES);
    if (wasmDeflate(probe, level).length > probe.length * STORE_ABOVE) return storedBlocks(data);
  }
  return wasmDeflate(data, level);
}

/**
 * Whether `stream` is exactly what `storedBlocks` makes of `size` bytes: the same blocks with the same headers. A stream
 * deflated from some data that has that form holds the data itself, so it is `storedBlocks` of that data.
 */
export function isStoredBlocks(stream: Uint8Array, size: number): boolean {
  const count = Math.max(1, Math.ceil(size / STORED_BLOCK_BYTES));
  if (stream.length !== size + count * 5) return false;
  for (let block = 0, at = 0; block < count; block++) {
    const length = Math.min(STORED_BLOCK_BYTES, size - block * STORED_BLOCK_BYTES);
    const complement = ~length & 0xffff;
    if (
      stream[at] !== (block === count - 1 ? 1 : 0) ||
      stream[at + 1] !== (length & 0xff) ||
      stream[at + 2] !== length >>> 8 ||
      stream[at + 3] !== (complement & 0xff) ||
      stream[at + 4] !== complement >>> 8
    )
      return false;
    at += 5 + length;
  }
  return true;
}

/** Deflate stored blocks: each is a header byte (BFINAL, BTYPE 00), LEN and its complement NLEN, then the bytes. */
export function storedBlocks(data: Uint8Array): Uint8Array {
  const count = Math.max(1, Math.ceil(data.length / STORED_BLOCK_BYTES));
  const out = new Uint8Array(data.length + count * 5);
  let at = 0;
  for (let block = 0; block < count; block++) {
    const start = block * STORED_BLOCK_BYTES;
    const length = Math.min(STORED_BLOCK_BYTES, data.length - start);
    const complement = ~length & 0xffff;
    out[at] = block === count - 1 ? 1 : 0;
    out[at + 1] = length & 0xff;
    out[at + 2] = length >>> 8;
    out[at + 3] = complement & 0xff;
    out[at + 4] = complement >>> 8;
    out.set(data.subarray(start, start + length), at + 5);
    at += 5 + length;
  }
  return out;
}

function wasmDeflate(data: Uint8Array, level: number): Uint8Array {
  const { Memory, deflate } = load();
  const input = new Memory(data);
  try {
    return deflate(input, level).copyAndDispose();
  } finally {
    input.free();
  }
}
