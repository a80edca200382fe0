/**
 * Reads whole files into one buffer reused from file to file, for a caller that is done with each file's bytes
 * (hashed, scanned, deflated into buffers of their own) before it reads the next. Packing a plugin of hundreds of
 * files then allocates no buffer per file, and the collector has nothing to sweep after them (measured on the
 * 791-file plugin: readFileSync of every file 16-25 ms of CPU, this 9-12 ms).
 */
import { closeSync, openSync, readSync } from "node:fs";

/** The first buffer: it grows to the largest file read, and lives as long as the reader. */
const INITIAL_BYTES = 64 * 1024;

export class FileReader {
  #buffer: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);

  /**
   * The file's bytes, read to its end whatever size it had when it was listed: a view of the shared buffer, valid
   * until the next call. `sizeHint` (the size the file was listed with) sizes the buffer up front, one byte over, so
   * that the read which finds the end has room without growing it.
   */
  read(path: string, sizeHint = 0): Uint8Array {
    if (this.#buffer.length <= sizeHint) this.#buffer = Buffer.allocUnsafe(sizeHint + 1);
    const fd = openSync(path, "r");
    try {
      let length = 0;
      for (;;) {
        // The file grew since it was listed: room for more, the bytes so far kept.
        if (length === this.#buffer.length) {
          const grown = Buffer.allocUnsafe(length * 2);
          this.#buffer.copy(grown, 0, 0, length);
          this.#buffer = grown;
        }
        const read = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
        if (read === 0) return this.#buffer.subarray(0, length);
        length += read;
      }
    } finally {
      closeSync(fd);
    }
  }
}
