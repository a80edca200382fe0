/**
 * A lock file: created exclusively and holding the holder's process id and host. A lock whose holder is no longer
 * running on this host is taken over (and the caller can say so); a live holder is waited for, then refused.
 * Used for the install lock of a marketplace and the audit log's.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { PackError } from "./errors.js";

export interface LockHolder {
  pid: number;
  host: string;
}

export interface LockFileOptions {
  /** How long a live holder is waited for. */
  waitMs: number;
  pollMs: number;
  /** The message when the lock cannot be created for another reason than being held (an errno code). */
  cannotCreate(code: string | undefined): string;
  /** The message when a live holder keeps it past `waitMs` (undefined: its lock is unreadable). */
  held(holder: LockHolder | undefined): string;
}

export interface HeldLock {
  /** The holder whose lock was taken over because it was no longer running, if one was. */
  tookOverFrom: LockHolder | undefined;
  release(): void;
}

export async function takeLockFile(path: string, options: LockFileOptions): Promise<HeldLock> {
  const mine = `${process.pid}\n${hostname()}\n`;
  const deadline = Date.now() + options.waitMs;
  let tookOverFrom: LockHolder | undefined;
  for (;;) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        tookOverFrom,
        release: () => {
          try {
            if (readFileSync(path, "utf8") === mine) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new PackError(options.cannotCreate(code), path);
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder.host === hostname() && !isRunning(holder.pid)) {
      // Re-read just before removing, so a lock another process has just taken over is left alone.
      if (readHolder(path)?.text === holder.text) {
        try {
          unlinkSync(path);
          tookOverFrom = { pid: holder.pid, host: holder.host };
        } catch {
          // Someone else removed it first: try again.
        }
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new PackError(
        options.held(holder === undefined ? undefined : { pid: holder.pid, host: holder.host }),
        path,
      );
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

function readHolder(path: string): (LockHolder & { text: string }) | undefined {
  try {
    const text = readFileSync(path, "utf8");
    const [pid, host] = text.split("\n");
    const number = Number(pid);
    return Number.isSafeInteger(number) && number > 0 && host !== undefined ? { pid: number, host, text } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
