/**
 * Writes an archive given as pieces (assembleZipChunks) to its file atomically, the way core's writeFileAtomic
 * writes one buffer: into a temporary file beside it, renamed over it once complete. Small pieces (headers, small
 * files) are gathered into one reused buffer and written together; large ones are written as they are, so the
 * archive never needs a second copy of itself in memory.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The gathering buffer; a piece at least this large is written on its own. */
const GATHER_BYTES = 256 * 1024;

/** Writes `chunks` in order to `path`; `onWritten` sees every byte of the file, in order, as it is written. */
export function writeChunksAtomic(
  path: string,
  chunks: readonly Uint8Array[],
  onWritten: (bytes: Uint8Array) => void = () => {},
): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, "w");
    try {
      const gather = new Uint8Array(GATHER_BYTES);
      let gathered = 0;
      const flush = (): void => {
        if (gathered === 0) return;
        writeAll(fd, gather.subarray(0, gathered), onWritten);
        gathered = 0;
      };
      for (const chunk of chunks) {
        if (chunk.length >= GATHER_BYTES) {
          flush();
          writeAll(fd, chunk, onWritten);
          continue;
        }
        if (gathered + chunk.length > GATHER_BYTES) flush();
        gather.set(chunk, gathered);
        gathered += chunk.length;
      }
      flush();
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** One write, repeated from where it stopped for as long as the system writes less than asked. */
function writeAll(fd: number, bytes: Uint8Array, onWritten: (bytes: Uint8Array) => void): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  onWritten(bytes);
}
