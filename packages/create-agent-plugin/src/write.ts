import { UsageError } from "@agent-plugin/core";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { CreateError } from "./errors.js";
import type { GeneratedFile } from "./render.js";

export type TargetState = "missing" | "empty" | "non-empty";

/** Refuses a non-empty folder unless forced, before anything is rendered. */
export function checkTarget(dir: string, force: boolean): TargetState {
  if (!existsSync(dir)) return "missing";
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, not a folder: choose another folder`);
  if (readdirSync(dir).length === 0) return "empty";
  if (!force)
    throw new UsageError(`${dir} is not empty: choose another folder or pass --force (no existing file is deleted)`);
  return "non-empty";
}

/** A plugin written to a temporary folder next to its target, so a failure never leaves a partial plugin behind. */
export interface Staged {
  /** The staged plugin folder, named like the target so lint sees the final folder name. */
  dir: string;
  dispose(): void;
}

export function stage(target: string, files: readonly GeneratedFile[]): Staged {
  const parent = dirname(target);
  const created = firstMissingAncestor(parent);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, ".create-agent-plugin-"));
  const dispose = (): void => {
    rmSync(staging, { recursive: true, force: true });
    // Also remove the parent folders this run created (e.g. plugins/), when nothing else landed in them.
    if (created !== undefined) removeEmptyUpTo(parent, created);
  };
  try {
    const dir = join(staging, basename(target));
    for (const file of files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.data, { mode: file.mode });
      chmodSync(path, file.mode); // writeFileSync's mode is filtered by the umask
    }
    return { dir, dispose };
  } catch (error) {
    dispose();
    throw writeError(error, target);
  }
}

/**
 * Moves the staged plugin into place: a rename when the target is missing or empty; with --force into a
 * non-empty folder, copies each generated file over, never deleting anything. Returns the files overwritten.
 */
export function commit(staged: Staged, target: string, state: TargetState, files: readonly GeneratedFile[]): string[] {
  try {
    if (state === "missing") {
      renameSync(staged.dir, target);
      return [];
    }
    if (state === "empty") {
      // Move the contents, not the folder: the folder may be a shell's current directory (`create-agent-plugin .`).
      for (const entry of readdirSync(staged.dir)) renameSync(join(staged.dir, entry), join(target, entry));
      return [];
    }
    const overwritten: string[] = [];
    for (const file of files) {
      const destination = join(target, file.path);
      if (existsSync(destination)) overwritten.push(file.path);
      mkdirSync(dirname(destination), { recursive: true });
      copyFileSync(join(staged.dir, file.path), destination);
      chmodSync(destination, file.mode);
    }
    return overwritten;
  } catch (error) {
    throw writeError(error, target);
  } finally {
    staged.dispose();
  }
}

/** Undoes a rename commit (the marketplace could not be written). */
export function rollback(target: string, state: TargetState): void {
  if (state === "non-empty") return;
  if (state === "missing") {
    rmSync(target, { recursive: true, force: true });
    return;
  }
  for (const entry of readdirSync(target)) rmSync(join(target, entry), { recursive: true, force: true });
}

function firstMissingAncestor(dir: string): string | undefined {
  let missing: string | undefined;
  for (let current = dir; !existsSync(current); current = dirname(current)) missing = current;
  return missing;
}

function removeEmptyUpTo(dir: string, top: string): void {
  for (let current = dir; ; current = dirname(current)) {
    try {
      rmdirSync(current); // fails, harmlessly, on a folder that is not empty
    } catch {
      return;
    }
    if (current === top) return;
  }
}

function writeError(error: unknown, target: string): Error {
  if (error instanceof UsageError || error instanceof CreateError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new CreateError(`cannot write ${target} (${code})`);
}
