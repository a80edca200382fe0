/**
 * Writes an archive's entries into a new folder. Everything goes into a temporary sibling first and is
 * renamed into place at the end, so a failure leaves nothing behind; no symlink is ever followed.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  chmodSync,
  type Stats,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { PackError } from "../errors.js";
import type { ArchiveEntry, ReadArchive } from "./types.js";
import { unsafePathReason } from "./zip-write.js";

export function extractArchive(archive: ReadArchive, targetDir: string): void {
  const target = resolve(targetDir);
  const replaceEmptyFolder = checkExtractTarget(target, targetDir);
  const parent = dirname(target);
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    staging = mkdtempSync(join(parent, `.${basename(target)}.partial-`));
  } catch (error) {
    throw new PackError(`cannot create ${targetDir} (${describe(error)})`, target);
  }
  try {
    chmodSync(staging, 0o755); // mkdtemp makes it 0700
    for (const entry of archive.entries) writeEntry(staging, entry, archive.path);
    if (replaceEmptyFolder) rmdirSync(target);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof PackError) throw error;
    throw new PackError(`cannot extract ${archive.path} into ${targetDir} (${describe(error)})`, target);
  }
}

/**
 * Throws unless the target is missing or an empty folder (a real one, not a link to one).
 * Returns true when it is an empty folder that extraction will replace.
 */
export function checkExtractTarget(target: string, shown: string = target): boolean {
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new PackError(`cannot use ${shown} as the target (${describe(error)})`, target);
  }
  if (stats.isSymbolicLink())
    throw new PackError(`${shown} is a symbolic link: give a new folder to unpack into`, target);
  if (!stats.isDirectory())
    throw new PackError(`${shown} exists and is not a folder: give a new folder to unpack into`, target);
  if (readdirSync(target).length > 0)
    throw new PackError(`${shown} is not empty: give a new or empty folder to unpack into`, target);
  return true;
}

function writeEntry(root: string, entry: ArchiveEntry, archivePath: string): void {
  // The reader has checked names already; check again here, where it matters.
  const reason = unsafePathReason(entry.path);
  const segments = entry.path.split("/");
  const destination = resolve(root, ...segments);
  if (reason !== undefined || !destination.startsWith(root + sep)) {
    throw new PackError(
      `${archivePath}: entry ${JSON.stringify(entry.path)} would be written outside the target folder (${reason ?? "escapes the folder"})`,
      archivePath,
    );
  }
  let folder = root;
  for (const segment of segments.slice(0, -1)) {
    folder = join(folder, segment);
    ensureRealFolder(folder, entry.path, archivePath);
  }
  const mode = entry.mode & 0o111 ? 0o755 : 0o644;
  // O_EXCL and O_NOFOLLOW: never write through something already there, link or not.
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  let fd: number;
  try {
    fd = openSync(destination, flags, mode);
  } catch (error) {
    throw new PackError(
      `${archivePath}: cannot write entry ${JSON.stringify(entry.path)} (${describe(error)})`,
      archivePath,
    );
  }
  try {
    writeSync(fd, entry.data);
    fchmodSync(fd, mode); // exactly 0644 or 0755, whatever the umask
  } finally {
    closeSync(fd);
  }
}

function ensureRealFolder(folder: string, entryPath: string, archivePath: string): void {
  try {
    mkdirSync(folder);
    chmodSync(folder, 0o755);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (!lstatSync(folder).isDirectory()) {
      throw new PackError(
        `${archivePath}: entry ${JSON.stringify(entryPath)} needs a folder where a file already is`,
        archivePath,
      );
    }
  }
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
