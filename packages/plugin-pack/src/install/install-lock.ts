/**
 * One install at a time per marketplace: `<root>/.plugin-pack-install.lock` (see lock-file.ts). A lock whose holder
 * is no longer running on this host is taken over and the caller reports it; a live holder is waited for, then
 * refused with what to do.
 */
import { join } from "node:path";
import { takeLockFile } from "../lock-file.js";

export const LOCK_FILE = ".plugin-pack-install.lock";

export interface MarketplaceLock {
  /** Set when a dead holder's lock was taken over: say so to the user. */
  tookOver: string | undefined;
  release(): void;
}

export async function lockMarketplace(root: string, shown: string): Promise<MarketplaceLock> {
  const lock = await takeLockFile(join(root, LOCK_FILE), {
    waitMs: 60_000,
    pollMs: 50,
    cannotCreate: (code) => `cannot create the install lock ${shown}/${LOCK_FILE} (${code})`,
    held: (holder) =>
      `another install into ${shown} is running (${holder === undefined ? "its lock is unreadable" : `process ${holder.pid} on ${holder.host}`}); wait for it to finish, or, if none is running, delete ${shown}/${LOCK_FILE}; nothing was installed`,
  });
  return {
    tookOver:
      lock.tookOverFrom === undefined
        ? undefined
        : `took over the install lock ${shown}/${LOCK_FILE} left by process ${lock.tookOverFrom.pid}, which is no longer running (an interrupted install?)`,
    release: lock.release,
  };
}
