/**
 * Standard output and error for a bin, written with `fs.writeSync` rather than through `process.stdout`: Node makes
 * the stream for a pipe from its `net` and stream modules, about 5 ms of a short run that prints one line.
 *
 * - A pipe whose reader made it non-blocking and let it fill (EAGAIN) gets the rest through Node's stream, which
 *   waits for it, and so does every later write, in order.
 * - A closed reader (EPIPE: `plugin-lint | head`) ends the output quietly: the rest is dropped, and the command still
 *   ends with its own exit code.
 */
import { fstatSync, writeSync } from "node:fs";

export type OutputFd = 1 | 2;

type WriteSync = (fd: number, buffer: Uint8Array, offset: number) => number;

/** A writer for fd 1 or 2. `write` is fs.writeSync (tests pass one that fails as an OS can). */
export function fdOutput(fd: OutputFd, write: WriteSync = writeSync): (text: string) => void {
  let state: "fd" | "stream" | "closed" = "fd";
  const viaStream = (data: string | Uint8Array) => {
    if (state !== "stream") {
      state = "stream";
      stream(fd).on("error", () => {
        // EPIPE, or a terminal gone: nothing more can be shown, and the exit code stays the command's.
        state = "closed";
      });
    }
    stream(fd).write(data);
  };
  return (text) => {
    if (state === "closed") return;
    if (state === "stream") return viaStream(text);
    const bytes = Buffer.from(text, "utf8");
    let at = 0;
    while (at < bytes.length) {
      try {
        at += write(fd, bytes, at);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") return viaStream(bytes.subarray(at));
        state = "closed";
        // EPIPE is the reader's choice; anything else (EIO, EBADF) leaves nowhere to say so either.
        return;
      }
    }
  };
}

const stream = (fd: OutputFd) => (fd === 1 ? process.stdout : process.stderr);

/**
 * Whether fd is a terminal, without making Node's stream for it: only a character device can be one, so a pipe or a
 * file (the common case for a linter's output) is answered by one fstat, and node:tty is loaded only for the rest.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule("node:tty").isatty(fd);
}
