/**
 * The plugins of a repo, as the release flow sees them: every workspace package (pnpm-workspace.yaml or
 * package.json `workspaces`), and the root package itself, whose folder holds a plugin manifest. The
 * package.json `version` is the version source; changesets bumps it, and plugin.json follows.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import {
  hasAgentPluginsManifest,
  isDirectory,
  parseJson,
  readWorkspaceDeclaration,
  type HostId,
  type TargetId,
} from "@agent-plugin/core";
import { glob } from "tinyglobby";
import { PackError } from "../errors.js";

/** Manifests whose `version` follows the package's; Codex first, as everywhere in the toolchain. */
export const PLUGIN_MANIFESTS = [".codex-plugin/plugin.json", ".claude-plugin/plugin.json"] as const;
const MANIFEST_HOSTS: readonly HostId[] = ["codex", "claude-code"];

/** Marketplace files at the repo root whose entries may carry a version. */
export const MARKETPLACE_FILES = [".agents/plugins/marketplace.json", ".claude-plugin/marketplace.json"] as const;

export interface WorkspacePlugin {
  /** The package name: the tag is `<package>@<version>`, as changesets names its tags. */
  packageName: string;
  version: string;
  dir: string;
  /** The folder relative to the repo root, "/"-separated; "." for a plugin at the root. */
  relativeDir: string;
  packageJsonPath: string;
  /**
   * The plugin manifests whose `version` follows the package's, absolute: every host manifest; with the Agent
   * Plugins standard's root plugin.json, that one (where the version lives: Codex 0.171 takes it from there) and
   * the host manifests that also carry a `version`.
   */
  manifests: string[];
  /**
   * The targets whose manifest the plugin has, the standard's first, then Codex: lint checks each, pack reads the
   * first (the standard's plugin.json holds the version when it is there).
   */
  hosts: TargetId[];
}

export interface Workspace {
  root: string;
  plugins: WorkspacePlugin[];
}

export async function readWorkspace(root: string): Promise<Workspace> {
  const rootPackage = join(root, "package.json");
  if (!isDirectory(root)) throw new PackError(`${root} is not a folder: run in the repo root, or give its path`, root);
  if (!existsSync(rootPackage))
    throw new PackError(
      `${rootPackage} not found: run in the repo root (the folder with package.json and .changeset/), or give its path`,
      rootPackage,
    );
  const rootJson = readPackageJson(rootPackage);
  const dirs = [root, ...(await workspaceDirs(root, rootJson))];
  const plugins: WorkspacePlugin[] = [];
  for (const dir of dirs) {
    const portable = hasAgentPluginsManifest(dir);
    const hostManifests = PLUGIN_MANIFESTS.map((m) => join(dir, m)).filter((m) => existsSync(m));
    const manifests = portable ? [join(dir, "plugin.json"), ...hostManifests.filter(carriesVersion)] : hostManifests;
    if (manifests.length === 0) continue;
    const packageJsonPath = join(dir, "package.json");
    const json = dir === root ? rootJson : readPackageJson(packageJsonPath);
    const packageName = json.name;
    const version = json.version;
    if (typeof packageName !== "string" || packageName.trim() === "") {
      throw new PackError(
        `${packageJsonPath} has no "name": a plugin package needs one (its tags are <name>@<version>)`,
        packageJsonPath,
      );
    }
    if (typeof version !== "string" || version.trim() === "") {
      throw new PackError(
        `${packageJsonPath} has no "version": set one (for example "0.1.0"); changesets bumps it from there`,
        packageJsonPath,
      );
    }
    const hosts: TargetId[] = [
      ...(portable ? (["agent-plugins"] as const) : []),
      ...PLUGIN_MANIFESTS.flatMap((m, index) => (existsSync(join(dir, m)) ? [MANIFEST_HOSTS[index]!] : [])),
    ];
    plugins.push({
      packageName,
      version,
      dir,
      relativeDir: relative(root, dir).split("\\").join("/") || ".",
      packageJsonPath,
      manifests,
      hosts,
    });
  }
  const byName = new Map<string, WorkspacePlugin>();
  for (const plugin of plugins) {
    const other = byName.get(plugin.packageName);
    if (other)
      throw new PackError(
        `two plugin packages are named "${plugin.packageName}" (${other.relativeDir} and ${plugin.relativeDir}): give each its own name`,
        plugin.packageJsonPath,
      );
    byName.set(plugin.packageName, plugin);
  }
  return {
    root,
    plugins: plugins.sort((a, b) => (a.relativeDir < b.relativeDir ? -1 : a.relativeDir > b.relativeDir ? 1 : 0)),
  };
}

/** Whether a host manifest has a `version` key (one that does not parse counts: the sync then says what is wrong). */
function carriesVersion(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return true;
  }
  const value = parseJson(text).value;
  return value === null || typeof value !== "object" || Array.isArray(value) || "version" in value;
}

/** The folders of the workspace packages, from pnpm-workspace.yaml, else package.json `workspaces`. */
async function workspaceDirs(root: string, rootJson: Record<string, unknown>): Promise<string[]> {
  const patterns = workspacePatterns(root, rootJson);
  if (patterns.length === 0) return [];
  const include = patterns.filter((p) => !p.startsWith("!")).map((p) => p.replace(/\/+$/, ""));
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1).replace(/\/+$/, ""));
  const found = await glob(include, {
    cwd: root,
    onlyDirectories: true,
    ignore: ["**/node_modules/**", ...exclude],
    expandDirectories: false,
  });
  return found
    .map((dir) => resolve(root, dir))
    .filter((dir) => dir !== root && existsSync(join(dir, "package.json")))
    .sort();
}

/** The root's workspace patterns, read as create-agent-plugin reads them (core's readWorkspaceDeclaration). */
function workspacePatterns(root: string, rootJson: Record<string, unknown>): string[] {
  // A WorkspaceFileError is a ToolError that already names the file and what to do.
  return readWorkspaceDeclaration(root, rootJson)?.patterns ?? [];
}

export function readPackageJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new PackError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, path);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new PackError(`${path} is not valid JSON: fix it and run again`, path);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new PackError(`${path} is not a JSON object: fix it and run again`, path);
  return value as Record<string, unknown>;
}
