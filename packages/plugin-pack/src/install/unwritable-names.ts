/**
 * unpack and install write files, so they refuse what verify only warns about: names that collide once
 * folded as Windows and macOS compare them, and, on Windows, names Windows cannot write.
 */
import { PackError } from "../errors.js";
import type { CheckedArchive } from "../archive/index.js";

export function refuseUnwritableNames(
  archive: CheckedArchive,
  shown: string,
  nothingDone: string,
  platform = process.platform,
): void {
  const refused = [...archive.nameCollisions, ...(platform === "win32" ? archive.windowsNames : [])];
  if (refused.length === 0) return;
  const more = refused.length > 1 ? `; and ${refused.length - 1} more` : "";
  throw new PackError(
    `${shown} holds names this system cannot keep apart or write, ${nothingDone}: ${refused[0]}${more}; ask its publisher to rename the files`,
    archive.path,
  );
}
