/**
 * Whether a raw deflate stream inflates to exactly some expected bytes: the deflate cache's check (deflate-cache.ts).
 *
 * `inflateRawSync` builds a stream object and a zlib context for every call and allocates its output: for the
 * hundreds of small files of a plugin, that set-up cost more than the inflating. So one zlib context is kept and reset
 * between streams (inflateReset: nothing of one stream's window survives to the next, so a stream can never refer to
 * another's bytes), and inflates into one reused buffer one byte longer than expected, so that a stream which inflates
 * to more fills it and fails without being inflated further. Node has no public synchronous API for a reused context:
 * this drives the handle and write state that `inflateRawSync` itself drives, and uses `inflateRawSync` wherever they
 * are not as expected.
 */
import { constants, InflateRaw, inflateRawSync } from "node:zlib";

/** The output buffer is kept between calls up to this size; a larger file's check gets one of its own. */
const KEPT_OUTPUT_BYTES = 1024 * 1024;

/** The parts of Node's zlib stream object that its own synchronous functions use. */
interface ZlibEngine {
  _handle?: {
    writeSync?: (
      flush: number,
      input: Uint8Array,
      inputOffset: number,
      inputLength: number,
      output: Uint8Array,
      outputOffset: number,
      outputLength: number,
    ) => void;
  };
  /** [output bytes left, input bytes left] after each write. */
  _writeState?: unknown;
  destroyed: boolean;
  reset(): void;
  on(event: "error", listener: () => void): unknown;
}

let engine: ZlibEngine | undefined;
let reusable = true;
let output: Buffer = Buffer.alloc(0);

/** True when `stream` inflates to exactly `expected`, nothing more, and has no bytes after its end. */
export function inflatesTo(stream: Uint8Array, expected: Uint8Array): boolean {
  const current = reusable ? (engine ?? newEngine()) : undefined;
  if (current === undefined) return inflatesToOnce(stream, expected);
  const room = expected.length + 1;
  const out =
    room <= output.length ? output : Buffer.allocUnsafe(room <= KEPT_OUTPUT_BYTES ? Math.max(room, 64 * 1024) : room);
  if (out.length <= KEPT_OUTPUT_BYTES) output = out;
  const state = current._writeState as Uint32Array;
  // Left as no write would: only a write that happened can report the one byte of room left and all input used.
  state.fill(0xffffffff);
  try {
    current.reset();
    current._handle!.writeSync!(constants.Z_FINISH, stream, 0, stream.length, out, 0, room);
  } catch {
    engine = undefined;
    return false;
  }
  // A stream zlib cannot inflate (damaged, truncated) destroys the engine: the next check starts a new one.
  if (current.destroyed) {
    engine = undefined;
    return false;
  }
  const [outputLeft, inputLeft] = state;
  return room - outputLeft! === expected.length && inputLeft === 0 && out.subarray(0, expected.length).equals(expected);
}

/** A zlib context to reuse, or undefined (and none tried again) when Node's engine does not have the expected parts. */
function newEngine(): ZlibEngine | undefined {
  const created = new InflateRaw() as unknown as ZlibEngine;
  const state = created._writeState;
  if (typeof created._handle?.writeSync !== "function" || !(state instanceof Uint32Array) || state.length !== 2) {
    reusable = false;
    return undefined;
  }
  // zlib reports a bad stream through the engine's "error" event: seen as `destroyed`, never thrown at the process.
  created.on("error", () => {});
  engine = created;
  return created;
}

/** The same check through Node's public API, one zlib context per call. */
export function inflatesToOnce(stream: Uint8Array, expected: Uint8Array): boolean {
  try {
    // Bounded: one output chunk of the expected size plus one, so a stream that inflates to more does not fit.
    const inflated = inflateRawSync(stream, {
      maxOutputLength: Math.max(1, expected.length),
      chunkSize: Math.max(64, expected.length + 1),
      info: true,
    }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return inflated.engine.bytesWritten === stream.length && inflated.buffer.equals(expected);
  } catch {
    return false;
  }
}
