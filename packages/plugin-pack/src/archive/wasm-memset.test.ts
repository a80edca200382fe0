// The deflate module's memset swapped for memory.fill: the module still validates, only that function changed, and it
// deflates to the very bytes the module as shipped does. Both modules are driven here through their raw exports, so
// they can run side by side (the package's own loader keeps one instance per process).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { withBulkMemset } from "./wasm-memset.js";

function shippedModule(): Uint8Array {
  const requireHere = createRequire(import.meta.url);
  const entry = requireHere.resolve("@hazae41/foras");
  const { data } = createRequire(entry)("../../wasm/pkg/foras.wasm.cjs") as { data: string };
  return Buffer.from(data.slice(data.indexOf(",") + 1), "base64");
}

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_add_to_stack_pointer(delta: number): number;
  memory_new(ptr: number, length: number): number;
  memory_ptr(handle: number): number;
  memory_len(handle: number): number;
  __wbg_memory_free(handle: number): void;
  deflate(returned: number, input: number, hasLevel: number, level: number): void;
}

/** Raw deflate through the module's exports, as its wasm-bindgen glue calls them. */
function rawDeflater(wasm: Uint8Array): (data: Uint8Array, level: number) => Uint8Array {
  const fail = () => {
    throw new Error("the module reported an error");
  };
  const instance = new wasmApi.Instance(new wasmApi.Module(wasm), {
    wbg: { __wbindgen_error_new: fail, __wbindgen_throw: fail },
  });
  const exports = instance.exports as unknown as Exports;
  return (data, level) => {
    const ptr = exports.__wbindgen_malloc(data.length, 1);
    new Uint8Array(exports.memory.buffer).set(data, ptr);
    const input = exports.memory_new(ptr, data.length);
    const returned = exports.__wbindgen_add_to_stack_pointer(-16);
    try {
      exports.deflate(returned, input, 1, level);
      const [output, , failed] = new Int32Array(exports.memory.buffer, returned, 3);
      if (failed) fail();
      const start = exports.memory_ptr(output!);
      const bytes = new Uint8Array(exports.memory.buffer, start, exports.memory_len(output!)).slice();
      exports.__wbg_memory_free(output!);
      return bytes;
    } finally {
      exports.__wbindgen_add_to_stack_pointer(16);
      exports.__wbg_memory_free(input);
    }
  };
}

/** Deterministic text and noise of a given length. */
function content(length: number, seed: number, kind: "text" | "noise"): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = kind === "noise" ? state >>> 24 : 97 + ((state >>> 24) % 7) + (i % 61 === 0 ? -87 : 0);
  }
  return out;
}

describe("withBulkMemset", () => {
  it("swaps exactly one function of the shipped module, which still validates", () => {
    const shipped = shippedModule();
    const patched = withBulkMemset(shipped);
    expect(patched).not.toBe(shipped);
    // The 175-byte loop (its size written in 2 bytes) became a 13-byte body (1 byte); nothing else moved.
    expect(shipped.length - patched.length).toBe(2 + 175 - (1 + 13));
    expect(wasmApi.validate(patched)).toBe(true);
    expect(withBulkMemset(patched)).toBe(patched);
  });

  it("deflates to the same bytes as the module as shipped, at every level, for text, noise and empty input", () => {
    const shipped = rawDeflater(shippedModule());
    const patched = rawDeflater(withBulkMemset(shippedModule()));
    const inputs = [
      new Uint8Array(),
      content(1, 1, "text"),
      content(70_000, 2, "text"),
      content(300_000, 3, "noise"),
      new Uint8Array(200_000).fill(32),
    ];
    for (const level of [1, 6, 9])
      for (const input of inputs)
        expect(Buffer.from(patched(input, level)).equals(Buffer.from(shipped(input, level)))).toBe(true);
  });

  it("leaves a module without that memset, or one it cannot read, as it is", () => {
    const empty = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(withBulkMemset(empty)).toBe(empty);
    const truncated = shippedModule().subarray(0, 2000);
    expect(withBulkMemset(truncated)).toBe(truncated);
  });
});
