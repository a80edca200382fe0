import {
  addMarketplaceEntry,
  CODEX_MARKETPLACE_PATH,
  defaultMarketplaceIdentity,
  MarketplaceEditError,
  newMarketplaceText,
  UsageError,
} from "@agent-plugin/core";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { CreateError } from "./errors.js";
import { INITIAL_VERSION } from "./manifest.js";
import type { CreateOptions } from "./options.js";

export const MARKETPLACE_FILE = CODEX_MARKETPLACE_PATH;

export interface MarketplaceEntry {
  name: string;
  source: { source: "local"; path: string } | { source: "npm"; package: string; version: string };
  policy: { installation: "AVAILABLE"; authentication: "ON_INSTALL" | "ON_USE" };
  category: string;
}

/** What will be written to the marketplace file, decided before anything is written. */
export interface MarketplacePlan {
  file: string;
  entry: MarketplaceEntry;
  /** The whole new file text. */
  text: string;
  action: "created" | "appended" | "replaced";
}

export function planMarketplace(options: CreateOptions): MarketplacePlan | null {
  if (options.marketplace === "none") return null;
  const root = options.marketplace === "repo" ? options.cwd : options.home;
  const file = join(root, MARKETPLACE_FILE);
  const entry: MarketplaceEntry = {
    name: options.name,
    source:
      options.marketplaceSource.kind === "npm"
        ? // The range the plugin's first release falls in; plugin-pack version widens it as releases leave it.
          { source: "npm", package: options.marketplaceSource.package, version: `^${INITIAL_VERSION}` }
        : { source: "local", path: sourcePath(root, options.dir, options.marketplace) },
    // A plugin with a remote server or an app asks for sign-in when installed; a skills-only one, or one whose only
    // server runs locally (no account to sign in to), when first used.
    policy: {
      installation: "AVAILABLE",
      authentication: options.mcp?.transport === "http" || options.app !== null ? "ON_INSTALL" : "ON_USE",
    },
    category: options.category,
  };
  if (!existsSync(file)) {
    const identity =
      options.marketplace === "personal"
        ? { name: "personal", displayName: "Personal Plugins" }
        : defaultMarketplaceIdentity(root);
    return { file, entry, text: newMarketplaceText(identity, [entry]), action: "created" };
  }
  return { file, entry, ...addEntry(readText(file), entry, file, options.force) };
}

/**
 * Adds the entry to an existing marketplace text with one minimal edit (core's addMarketplaceEntry), so every other
 * byte of the file stays as it was: appended after the last entry of `plugins`, or, with `force`, replacing an
 * entry of the same name where it stands. Core's typed errors become this tool's messages and exit codes.
 */
export function addEntry(
  text: string,
  entry: MarketplaceEntry,
  file: string,
  force: boolean,
): { text: string; action: "appended" | "replaced" } {
  try {
    return addMarketplaceEntry(text, entry, { replace: force });
  } catch (error) {
    if (!(error instanceof MarketplaceEditError)) throw error;
    if (error.problem === "duplicate-entry")
      throw new UsageError(`${file} already lists a plugin named "${entry.name}": pass --force to replace that entry`);
    if (error.problem === "plugins-not-list") throw new CreateError(`${file}: "plugins" is not a list`);
    throw new CreateError(`${file} is not valid JSON: fix it (plugin-lint shows where) and run again`);
  }
}

/** `./` + the plugin folder relative to the marketplace root; Codex only reads local sources inside the root. */
function sourcePath(root: string, dir: string, kind: "repo" | "personal"): string {
  const path = relative(root, dir);
  if (path === "" || path.startsWith("..") || path.startsWith(sep) || /^[A-Za-z]:/.test(path)) {
    const where =
      kind === "repo"
        ? "the current folder (a repo marketplace lives there)"
        : "your home folder (the personal marketplace lives there)";
    throw new UsageError(
      `the plugin folder ${dir} is not inside ${where}: create the plugin inside it, or use --marketplace none`,
    );
  }
  return `./${path.split(sep).join("/")}`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CreateError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** What the entry's source names, as the CLI prints it: `./plugins/x`, or `npm:@acme/x@^0.1.0`. */
export function sourceLabel(entry: MarketplaceEntry): string {
  return entry.source.source === "npm" ? `npm:${entry.source.package}@${entry.source.version}` : entry.source.path;
}
