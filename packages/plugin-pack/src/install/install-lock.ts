/**
 * One install at a time per marketplace: `<root>/.plugin-pack-install.lock`, created exclusively and holding
 * the holder's process id and host. A lock whose holder is no longer running on this host is taken over
 * (and the caller reports it); a live holder is waited for, then refused with what to do.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { PackError } from "../errors.js";

export const LOCK_FILE = ".plugin-pack-install.lock";
const WAIT_MS = 60_000;
const POLL_MS = 50;

export interface MarketplaceLock {
  /** Set when a dead holder's lock was taken over: say so to the user. */
  tookOver: string | undefined;
  release(): void;
}

export async function lockMarketplace(root: string, shown: string): Promise<MarketplaceLock> {
  const path = join(root, LOCK_FILE);
  const mine = `${process.pid}\n${hostname()}\n`;
  const deadline = Date.now() + WAIT_MS;
  let tookOver: string | undefined;
  for (;;) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        tookOver,
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
      if (code !== "EEXIST")
        throw new PackError(`cannot create the install lock ${shown}/${LOCK_FILE} (${code})`, path);
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder.host === hostname() && !isRunning(holder.pid)) {
      // Re-read just before removing, so a lock another process has just taken over is left alone.
      if (readHolder(path)?.text === holder.text) {
        try {
          unlinkSync(path);
          tookOver = `took over the install lock ${shown}/${LOCK_FILE} left by process ${holder.pid}, which is no longer running (an interrupted install?)`;
        } catch {
          // Someone else removed it first: try again.
        }
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new PackError(
        `another install into ${shown} is running (${holder === undefined ? "its lock is unreadable" : `process ${holder.pid} on ${holder.host}`}); wait for it to finish, or, if none is running, delete ${shown}/${LOCK_FILE}; nothing was installed`,
        path,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function readHolder(path: string): { pid: number; host: string; text: string } | undefined {
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
