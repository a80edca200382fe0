/**
 * A fetched npm package, laid out as the archive plugin-pack would have written for the same files: the signed
 * manifest inside then checks the package exactly as it checks an archive, and install extracts it as one. Modes
 * become 644 or 755 by their execute bit, as pack normalises them; the entries carry the manifest's own date.
 */
import type { TarballFile } from "@agent-plugin/core";
import {
  type ArchiveInput,
  MANIFEST_PATH,
  parseFileManifest,
  timestampFromSeconds,
  writeZip,
} from "../archive/index.js";
import { PackError } from "../errors.js";

export function packageAsArchive(files: readonly TarballFile[], shown: string): Uint8Array {
  const inputs: ArchiveInput[] = files.map((file) => ({
    path: file.path,
    data: file.data,
    mode: file.mode & 0o111 ? 0o755 : 0o644,
  }));
  const manifest = files.find((file) => file.path === MANIFEST_PATH);
  let seconds = Date.parse("1980-01-01T00:00:00Z") / 1000;
  if (manifest !== undefined) {
    try {
      seconds = Date.parse(parseFileManifest(manifest.data, shown).timestamp) / 1000;
    } catch {
      // verify reports the broken manifest itself
    }
  }
  try {
    return writeZip(inputs, { timestamp: timestampFromSeconds(seconds) });
  } catch (error) {
    if (error instanceof PackError) throw new PackError(`${shown}: ${error.message}`);
    throw error;
  }
}
