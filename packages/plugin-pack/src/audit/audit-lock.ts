/**
 * One writer at a time for an audit log: `<log>.lock`, created exclusively and holding the writer's process id.
 * Appends are quick, so a live holder is waited for a few seconds; a lock whose process is gone is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { PackError } from "../errors.js";

const WAIT_MS = 10_000;
const POLL_MS = 25;

export async function lockAuditLog(file: string): Promise<{ release(): void }> {
  const path = `${file}.lock`;
  const mine = String(process.pid);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        release: () => {
          try {
            if (readFileSync(path, "utf8") === mine) unlinkSync(path);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new PackError(`cannot lock the audit log ${file} (${code})`, path);
    }
    if (holderIsGone(path)) {
      try {
        unlinkSync(path);
      } catch {
        // Someone else took it over first.
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new PackError(
        `the audit log ${file} is locked by another plugin-pack command; if none is running, delete ${path}`,
        path,
      );
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
}

function holderIsGone(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path, "utf8"));
  } catch {
    return false;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
