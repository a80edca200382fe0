import { chmodSync, statSync } from "node:fs";
import { writeFileAtomic } from "@agent-plugin/core";
import { PackError } from "../errors.js";

/**
 * Writes a host's config file through a temporary file and a rename, with the old file's mode exactly (the
 * temporary file is created through the umask). A read-only file is refused, not replaced: it says "leave me alone".
 */
export function writeConfigAtomic(file: string, text: string): void {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  if (mode !== undefined && (mode & 0o222) === 0)
    throw new PackError(`${file} is read-only: make it writable (chmod u+w); nothing was changed`, file);
  try {
    writeFileAtomic(file, text, mode);
    if (mode !== undefined && (statSync(file).mode & 0o7777) !== mode) chmodSync(file, mode);
  } catch (error) {
    throw new PackError(
      `cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed`,
      file,
    );
  }
}
