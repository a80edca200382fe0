// A fetcher that serves packages from a folder, `<root>/<package>/<version>/` (each a package's files): the rule
// fixtures and unit tests of `--resolve` use it, so they need no registry and no network.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import maxSatisfying from "semver/ranges/max-satisfying.js";
import validRange from "semver/ranges/valid.js";
import type { FetchOutcome, FetchRequest, NpmFetcher } from "./fetcher.js";

export function folderRegistry(root: string): NpmFetcher {
  return async ({ source }: FetchRequest): Promise<FetchOutcome> => {
    const dir = join(root, ...source.package.split("/"));
    if (!existsSync(dir)) return { kind: "not-found" };
    const versions = readdirSync(dir).sort();
    const wanted = source.version?.trim() ?? "latest";
    // A dist-tag here is always the newest version: the folder has no tags.
    const range = validRange(wanted, { loose: true }) === null ? "*" : wanted;
    const version = maxSatisfying(versions, range, { loose: true });
    if (version === null) return { kind: "no-version", versions };
    return { kind: "fetched", dir: join(dir, version), version, archiveBytes: 0 };
  };
}
