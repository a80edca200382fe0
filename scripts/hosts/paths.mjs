// Where the host scripts read and write in this repo.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const hostsPackage = join(repoRoot, "packages/hosts");
/** The committed probe results, one file per pinned host version. */
export const dataDir = join(hostsPackage, "data");
/** The pins table `pnpm hosts:update` edits (the built package embeds it). */
export const pinsFile = join(hostsPackage, "src/pins.json");
export const fixturesRoot = join(repoRoot, "packages/plugin-lint/fixtures");

/** `data/<host>-<version>.json` */
export function dataFile(host, version) {
  return join(dataDir, `${host}-${version}.json`);
}
