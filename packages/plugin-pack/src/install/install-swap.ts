/**
 * Puts an archive's files at `plugins/<name>/` as one step that either completes or is undone. The files are
 * extracted into a staging sibling first; only then is the previous version renamed aside, the staging folder
 * renamed into place and `commit` (the marketplace write) run. The previous version is moved to `keep` last (for
 * `rollback`; the one kept before it is deleted), or deleted without `keep`, so until the new one is complete and
 * listed, it is still on disk; any failure before that puts everything back.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { PackError } from "../errors.js";
import { extractArchive, type ReadArchive } from "../archive/index.js";

/** Returns notes about anything left for the user (a previous version that could not be kept or deleted). */
export function swapFolder(
  archive: ReadArchive,
  target: string,
  shown: string,
  commit: () => void,
  keep?: string,
): string[] {
  const parent = dirname(target);
  const name = basename(target);
  const token = randomBytes(4).toString("hex");
  const staging = join(parent, `.${name}.install-${token}`);
  const aside = join(parent, `.${name}.previous-${token}`);
  const hadPrevious = existsSync(target);
  let createdParent: string | undefined;
  const notes: string[] = [];
  let movedAside = false;
  let placed = false;
  try {
    createdParent = step(`cannot create ${dirname(shown)}`, () => mkdirSync(parent, { recursive: true }));
    extractArchive(archive, staging);
    if (hadPrevious) {
      step(`cannot move ${shown} aside`, () => renameSync(target, aside));
      movedAside = true;
    }
    step(`cannot move the new files into ${shown}`, () => renameSync(staging, target));
    placed = true;
    commit();
  } catch (error) {
    const undo = restore({ target, staging, aside, placed, movedAside, createdParent });
    const message = error instanceof Error ? error.message : String(error);
    const state =
      undo === undefined
        ? `nothing was installed; ${hadPrevious ? `${shown} is as it was` : `no ${shown} was created`}`
        : undo(shown);
    throw new PackError(`${message}; ${state}`, error instanceof PackError ? error.file : target);
  }
  if (!movedAside) return [];
  if (keep !== undefined) {
    const kept = keepPrevious(aside, keep, token);
    if (kept === undefined) return [];
    notes.push(kept);
  }
  try {
    rmSync(aside, { recursive: true, force: true });
    return notes;
  } catch (error) {
    return [
      ...notes,
      `the previous version could not be deleted (${(error as NodeJS.ErrnoException).code ?? "error"}): remove ${join(dirname(shown), basename(aside))} by hand`,
    ];
  }
}

/**
 * Moves the replaced version to `keep`, replacing the version kept there before. Returns undefined when done, else
 * a note saying why nothing is kept (the caller then deletes the replaced version as before).
 */
function keepPrevious(aside: string, keep: string, token: string): string | undefined {
  const older = `${keep}.old-${token}`;
  try {
    mkdirSync(dirname(keep), { recursive: true });
    if (existsSync(keep)) renameSync(keep, older);
    renameSync(aside, keep);
  } catch (error) {
    if (existsSync(older) && !existsSync(keep)) renameSync(older, keep);
    return `the previous version could not be kept for rollback (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
  rmSync(older, { recursive: true, force: true });
  return undefined;
}

/** Undoes whatever was done, newest first. Returns undefined when all is back, else how to finish by hand. */
function restore(state: {
  target: string;
  staging: string;
  aside: string;
  placed: boolean;
  movedAside: boolean;
  createdParent: string | undefined;
}): ((shown: string) => string) | undefined {
  let newMovedOut = !state.placed;
  try {
    if (state.placed) renameSync(state.target, state.staging);
    newMovedOut = true;
    if (state.movedAside) renameSync(state.aside, state.target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const aside = (shown: string) => join(dirname(shown), basename(state.aside));
    // Say every step left to do, in order: while the new version still occupies the folder, it must go first.
    return newMovedOut
      ? (shown) =>
          `and putting the previous version back failed (${code}): it is in ${aside(shown)}; rename it to ${shown}`
      : (shown) =>
          `and putting the previous version back failed (${code}): the new version is still in ${shown} and the previous one in ${aside(shown)}; remove ${shown}, then rename ${aside(shown)} to ${shown}`;
  }
  rmSync(state.staging, { recursive: true, force: true });
  if (state.createdParent !== undefined) rmSync(state.createdParent, { recursive: true, force: true });
  return undefined;
}

/** Runs a file-system step, turning its errno into a message that names what was being done. */
function step<T>(doing: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new PackError(`${doing} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
