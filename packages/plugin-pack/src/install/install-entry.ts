/**
 * The marketplace entry of an installed plugin: a new one, or the existing one with its version (when it carries
 * one) and any policy or category given on the command line. Every refusal about the entries (a source that points
 * elsewhere, a folder owned by another entry, a duplicate) is decided here, before anything is written.
 */
import { resolve } from "node:path";
import {
  addMarketplaceEntry,
  defaultMarketplaceIdentity,
  isRecord,
  localSourcePath,
  MarketplaceEditError,
  newMarketplaceText,
  updateMarketplaceEntry,
  type EntryFieldEdit,
  type JsonScalar,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { ArchivePlugin } from "./install-archive.js";
import type { MarketplaceTarget } from "./install-marketplace.js";

export const INSTALLATION_POLICIES = ["AVAILABLE", "INSTALLED_BY_DEFAULT", "NOT_AVAILABLE"] as const;
export const AUTHENTICATION_POLICIES = ["ON_INSTALL", "ON_USE"] as const;
export type InstallationPolicy = (typeof INSTALLATION_POLICIES)[number];
export type AuthenticationPolicy = (typeof AUTHENTICATION_POLICIES)[number];

/** Values given on the command line: they shape a new entry and change an existing one. */
export interface EntryOverrides {
  category?: string;
  installation?: InstallationPolicy;
  authentication?: AuthenticationPolicy;
}

export interface EntryChange {
  /** The field, as a dotted path: `version`, `policy.installation`, `category`. */
  field: string;
  from: JsonScalar | null;
  to: JsonScalar;
}

export interface EntryPlan {
  action: "added" | "updated" | "unchanged";
  name: string;
  source: string;
  /** The entry's policy and category after the install (kept ones included), as the marketplace will hold them. */
  policy: { installation?: unknown; authentication?: unknown };
  category?: unknown;
  changes: EntryChange[];
  /** The whole new marketplace text; undefined when nothing changes. */
  text: string | undefined;
}

export function planEntry(
  market: MarketplaceTarget,
  plugin: ArchivePlugin,
  overrides: EntryOverrides,
  options: { requireEntry?: string } = {},
): EntryPlan {
  const source = `./plugins/${plugin.name}`;
  const folder = resolve(market.root, "plugins", plugin.name);
  const named = market.entries.filter((entry) => isRecord(entry) && entry.name === plugin.name);
  if (named.length > 1)
    throw new PackError(
      `${market.shown} lists plugin "${plugin.name}" ${named.length} times: remove the extra entries, then install again`,
      market.file,
    );
  for (const entry of market.entries) {
    if (!isRecord(entry) || entry.name === plugin.name) continue;
    const path = localSourcePath(entry.source);
    if (path !== undefined && resolve(market.root, path) === folder) {
      throw new PackError(
        `${market.shown}: entry "${String(entry.name)}" owns ${source}, but the archive holds plugin "${plugin.name}" (Codex requires the two names to match): install the archive that entry is for, or rename or remove that entry`,
        market.file,
      );
    }
  }
  const existing = named[0] as Record<string, unknown> | undefined;
  if (existing === undefined) {
    if (options.requireEntry !== undefined) {
      throw new PackError(
        `${market.shown} has no entry named "${options.requireEntry}" to update: drop --name to add one`,
        market.file,
      );
    }
    return newEntry(market, plugin, overrides, source);
  }
  const path = localSourcePath(existing.source);
  if (path === undefined || !path.startsWith("./") || resolve(market.root, path) !== folder) {
    throw new PackError(
      `${market.shown}: entry "${plugin.name}" points at ${describeSource(existing.source)}, not ${source}: install writes plugins into ${source}; change that entry's source to {"source": "local", "path": "${source}"} (and move the folder there), or update that plugin by hand`,
      market.file,
    );
  }
  return updatedEntry(market, plugin, overrides, existing, path);
}

function newEntry(
  market: MarketplaceTarget,
  plugin: ArchivePlugin,
  overrides: EntryOverrides,
  source: string,
): EntryPlan {
  const policy = {
    installation: overrides.installation ?? "AVAILABLE",
    authentication: overrides.authentication ?? plugin.authentication,
  };
  const category = overrides.category ?? plugin.category ?? "Productivity";
  const entry = { name: plugin.name, source: { source: "local", path: source }, policy, category };
  const text =
    market.text === undefined
      ? newMarketplaceText(defaultMarketplaceIdentity(market.root), [entry])
      : addMarketplaceEntry(market.text, entry).text;
  return { action: "added", name: plugin.name, source, policy, category, changes: [], text };
}

function updatedEntry(
  market: MarketplaceTarget,
  plugin: ArchivePlugin,
  overrides: EntryOverrides,
  existing: Record<string, unknown>,
  source: string,
): EntryPlan {
  const policy = isRecord(existing.policy) ? existing.policy : {};
  const wanted: [EntryFieldEdit["path"], unknown, JsonScalar | undefined][] = [
    // Only an entry that already carries a version gets one: most marketplaces leave it to plugin.json.
    [["version"], existing.version, "version" in existing ? plugin.version : undefined],
    [["policy", "installation"], policy.installation, overrides.installation],
    [["policy", "authentication"], policy.authentication, overrides.authentication],
    [["category"], existing.category, overrides.category],
  ];
  const edits: EntryFieldEdit[] = [];
  const changes: EntryChange[] = [];
  for (const [path, from, to] of wanted) {
    if (to === undefined || from === to) continue;
    edits.push({ path, value: to });
    changes.push({ field: path.join("."), from: isScalar(from) ? from : null, to });
  }
  let text: string | undefined;
  try {
    text = edits.length === 0 ? undefined : updateMarketplaceEntry(market.text!, plugin.name, edits);
  } catch (error) {
    if (!(error instanceof MarketplaceEditError)) throw error;
    throw new PackError(
      `${market.shown}: entry "${plugin.name}": ${error.message}; fix it (plugin-lint shows where) and install again`,
      market.file,
    );
  }
  return {
    action: edits.length === 0 ? "unchanged" : "updated",
    name: plugin.name,
    source,
    policy: {
      ...policy,
      ...(overrides.installation ? { installation: overrides.installation } : {}),
      ...(overrides.authentication ? { authentication: overrides.authentication } : {}),
    },
    category: overrides.category ?? existing.category,
    changes,
    text,
  };
}

function describeSource(source: unknown): string {
  const path = localSourcePath(source);
  if (path !== undefined) return JSON.stringify(path);
  return source === undefined ? "no source" : JSON.stringify(source);
}

function isScalar(value: unknown): value is JsonScalar {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}
