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
 */
import { createRequire } from "node:module";
import type * as Foras from "@hazae41/foras";

type ForasModule = Pick<typeof Foras, "initSync" | "deflate" | "Memory">;

let foras: ForasModule | undefined;

function load(): ForasModule {
  if (foras) return foras;
  const requireHere = createRequire(import.meta.url);
  const entry = requireHere.resolve("@hazae41/foras");
  const module = requireHere(entry) as ForasModule;
  // The package ships its .wasm as a base64 data URL and its own loader fetch()es that URL, which loads Node's
  // whole fetch stack (~100 ms). Decoding the same bytes here and instantiating synchronously costs a few ms.
  const { data } = createRequire(entry)("../../wasm/pkg/foras.wasm.cjs") as { data: string };
  module.initSync(Buffer.from(data.slice(data.indexOf(",") + 1), "base64"));
  foras = module;
  return module;
}

/** The raw deflate stream of `data` at `level` (0-9), in a buffer of its own. */
export function deflateRaw(data: Uint8Array, level: number): Uint8Array {
  const { Memory, deflate } = load();
  const input = new Memory(data);
  try {
    return deflate(input, level).copyAndDispose();
  } finally {
    input.free();
  }
}
