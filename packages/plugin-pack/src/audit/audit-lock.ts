/**
 * One writer at a time for an audit log: `<log>.lock` (see lock-file.ts). Appends are quick, so a live holder is
 * waited for a few seconds; a lock whose process is no longer running on this host is taken over.
 */
import { takeLockFile } from "../lock-file.js";

export async function lockAuditLog(file: string): Promise<{ release(): void }> {
  const path = `${file}.lock`;
  return takeLockFile(path, {
    waitMs: 10_000,
    pollMs: 25,
    cannotCreate: (code) => `cannot lock the audit log ${file} (${code})`,
    held: () => `the audit log ${file} is locked by another plugin-pack command; if none is running, delete ${path}`,
  });
}
