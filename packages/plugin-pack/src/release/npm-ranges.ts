/**
 * `plugin-pack version` for marketplaces that list plugins by npm source: when a plugin's new version falls outside
 * the entry's `version` range, the range moves to the new version, keeping its kind (`^`, `~` or exact). A version
 * inside the range needs nothing: hosts resolve the newest match themselves. Under 0.x, `^0.1.0` excludes 0.2.0.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findNodeAtLocation, type Node } from "jsonc-parser";
import semver from "semver";
import { replaceJsonScalar } from "@agent-plugin/core";
import { npmPackageName, readNpmConfig } from "../npm/index.js";
import { readPackageJson, type Workspace, type WorkspacePlugin } from "./workspace.js";

export interface RangeChange {
  packageName: string;
  from: string;
  to: string;
}

/** The npm package each plugin is published as: under the configured scope, else its own package name. */
export function npmPackages(workspace: Workspace): Map<string, WorkspacePlugin> {
  const file = join(workspace.root, "package.json");
  const config = readNpmConfig(readPackageJson(file), file);
  const packages = new Map<string, WorkspacePlugin>();
  for (const plugin of workspace.plugins) {
    packages.set(plugin.packageName, plugin);
    if (config === undefined) continue;
    const name = pluginName(plugin);
    if (name !== undefined) packages.set(npmPackageName(config, name, plugin.manifests[0]!), plugin);
  }
  return packages;
}

function pluginName(plugin: WorkspacePlugin): string | undefined {
  try {
    const value = (
      JSON.parse(readFileSync(plugin.manifests[0]!, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>
    ).name;
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The range that admits `version`, of the same kind as `range`. */
export function widenedRange(range: string, version: string): string {
  const trimmed = range.trim();
  if (trimmed.startsWith("^")) return `^${version}`;
  if (trimmed.startsWith("~")) return `~${version}`;
  if (semver.valid(trimmed) !== null) return version;
  return `^${version}`;
}

/** Moves each npm source's range that excludes its plugin's version; returns the new text and what changed. */
export function updateNpmRanges(
  text: string,
  entries: Node,
  packages: ReadonlyMap<string, WorkspacePlugin>,
): { text: string; changes: RangeChange[] } {
  const changes: RangeChange[] = [];
  (entries.children ?? []).forEach((entry, index) => {
    if (findNodeAtLocation(entry, ["source", "source"])?.value !== "npm") return;
    const name = findNodeAtLocation(entry, ["source", "package"])?.value;
    const range = findNodeAtLocation(entry, ["source", "version"]);
    const plugin = typeof name === "string" ? packages.get(name) : undefined;
    if (plugin === undefined || range?.type !== "string") return;
    const from = range.value as string;
    // A range semver cannot read is plugin-lint's to report; it is left as written.
    if (semver.validRange(from) === null || semver.satisfies(plugin.version, from)) return;
    const to = widenedRange(from, plugin.version);
    text = replaceJsonScalar(text, ["plugins", index, "source", "version"], to);
    changes.push({ packageName: plugin.packageName, from, to });
  });
  return { text, changes };
}
