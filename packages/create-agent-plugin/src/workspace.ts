import {
  findLockfile,
  findWorkspaceRoot,
  PNPM_WORKSPACE_FILE,
  readJsonObject,
  workspaceIncludes,
} from "@agent-plugin/core";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import type { PackageManager } from "./setup.js";

/**
 * A plugin created inside a workspace (a marketplace monorepo: pnpm-workspace.yaml, or package.json `workspaces`)
 * is one of its packages, not a repository of its own: the root owns git, the hooks, the workflows, changesets and
 * the install, so the plugin gets none of them.
 */
export interface WorkspaceMember {
  /** The workspace root: where the install, changesets, the version PR and the release run. */
  root: string;
  /** The file that declares the workspace, absolute: pnpm-workspace.yaml or package.json. */
  file: string;
  /** Whether its patterns make the plugin folder a package, or which `!` pattern leaves it out. */
  coverage: "included" | "missing" | { excludedBy: string };
  /** The package manager of the workspace, which installs it and runs the plugin's scripts. */
  packageManager: PackageManager;
  /** The root has `.changeset/config.json`, so `npx changeset` there versions the plugin. */
  changesets: boolean;
  /** The root package.json's `release` script, when it has one. */
  releaseScript: string | null;
  /** The root package.json's `agentPlugin.npm.scope` (what `plugin-pack release --npm` publishes under), or null. */
  npmScope: string | null;
  /**
   * Whether the root's `.github/workflows/release.yml` is set up to publish to npm (`id-token: write` and a
   * `registry-url`); null when the root has no such workflow (a release run by hand, or by other CI).
   */
  npmWorkflow: boolean | null;
}

/** The root's release script publishes to npm: `plugin-pack release ... --npm`. */
export function publishesToNpm(member: Pick<WorkspaceMember, "releaseScript" | "npmScope">): boolean {
  return member.npmScope !== null && /\bplugin-pack release\b[^&|;]*\s--npm\b/.test(member.releaseScript ?? "");
}

/** The workspace that holds `dir`, or null for a plugin that is its own repository. */
export function detectWorkspace(dir: string, running: PackageManager): WorkspaceMember | null {
  // A workspace file that cannot be read throws core's WorkspaceFileError, whose message says what to do (exit 2).
  const found = findWorkspaceRoot(dir);
  if (!found) return null;
  const { root, patterns, file } = found;
  const rootJson = readRootPackageJson(root);
  return {
    root,
    file,
    coverage: coverage(root, patterns, dir),
    packageManager: workspacePackageManager(root, file, rootJson, running),
    changesets: existsSync(join(root, ".changeset/config.json")),
    releaseScript: typeof rootJson?.scripts?.release === "string" ? rootJson.scripts.release : null,
    npmScope: typeof rootJson?.agentPlugin?.npm?.scope === "string" ? rootJson.agentPlugin.npm.scope : null,
    npmWorkflow: npmWorkflow(join(root, ".github/workflows/release.yml")),
  };
}

function npmWorkflow(file: string): boolean | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  return /^\s*id-token:\s*write\b/m.test(text) && /^\s*registry-url:/m.test(text);
}

function coverage(root: string, patterns: readonly string[], dir: string): WorkspaceMember["coverage"] {
  if (workspaceIncludes(root, patterns, dir)) return "included";
  const includes = patterns.filter((pattern) => !pattern.startsWith("!"));
  if (!workspaceIncludes(root, includes, dir)) return "missing";
  // An include matches, so a `!` pattern is what leaves the folder out.
  return {
    excludedBy: patterns.find(
      (pattern) => pattern.startsWith("!") && workspaceIncludes(root, [pattern.slice(1)], dir),
    )!,
  };
}

/**
 * The workspace's own package manager: pnpm for a pnpm workspace, else the one whose lockfile is there, else the
 * one package.json's `packageManager` names, else the one that runs create. Installing with another would write a
 * second lockfile or ignore the workspace.
 */
function workspacePackageManager(
  root: string,
  file: string,
  rootJson: RootPackageJson | undefined,
  running: PackageManager,
): PackageManager {
  if (basename(file) === PNPM_WORKSPACE_FILE) return "pnpm";
  const locked = findLockfile(root);
  if (locked) return locked.manager;
  const declared = typeof rootJson?.packageManager === "string" ? rootJson.packageManager.split("@")[0] : undefined;
  return declared === "npm" || declared === "pnpm" || declared === "yarn" || declared === "bun" ? declared : running;
}

interface RootPackageJson {
  packageManager?: unknown;
  scripts?: { release?: unknown };
  agentPlugin?: { npm?: { scope?: unknown } };
}

/** No package.json (a pnpm workspace may have none) or an unreadable one declares nothing. */
function readRootPackageJson(root: string): RootPackageJson | undefined {
  return readJsonObject(join(root, "package.json"));
}

const RELEASING_GUIDE = "https://github.com/agent-plugin/agent-plugin-toolchain/blob/main/docs/releasing.md";

/**
 * What the user still has to do by hand for the plugin to be versioned and released with the rest of the
 * workspace, one line each. None of them stops the run: the plugin is fine, the workspace is the user's.
 */
export function workspaceWarnings(
  member: WorkspaceMember,
  dir: string,
  cwd: string,
  stdio: boolean,
  npmPackage: string | null,
): string[] {
  const folder = posix(relative(member.root, dir));
  const file = shown(cwd, member.file);
  const warnings: string[] = [];
  if (member.coverage === "missing") {
    // The pattern that adds the plugin and its future siblings: the parent folder's children, or the folder itself at the root.
    const parent = posix(relative(member.root, dirname(dir)));
    const pattern = parent === "" ? folder : `${parent}/*`;
    const where = basename(member.file) === PNPM_WORKSPACE_FILE ? `packages in ${file}` : `"workspaces" in ${file}`;
    warnings.push(
      `add "${pattern}" to ${where}, or changesets will not version ${folder} and plugin-pack will not release it`,
    );
  } else if (member.coverage !== "included") {
    warnings.push(
      `"${member.coverage.excludedBy}" in ${file} leaves ${folder} out of the workspace: remove it, or changesets will not version ${folder} and plugin-pack will not release it`,
    );
  }
  if (!member.changesets) {
    warnings.push(
      `the workspace root has no .changeset/config.json: run "npx changeset init" there (and set privatePackages.version to true), then see ${RELEASING_GUIDE}`,
    );
  }
  if (stdio && !/\bbuild\b/.test(member.releaseScript ?? "")) {
    warnings.push(
      `${folder} has a local MCP server that is packed from its build: make the root's "release" script run ${folder}'s "build" script before plugin-pack release`,
    );
  }
  if (npmPackage !== null) warnings.push(...npmWarnings(member, npmPackage, shown(cwd, member.root)));
  return warnings;
}

/**
 * A `--source npm` entry names a package the root's release must publish: say what the root lacks for that (create
 * leaves the root's files alone: they are the user's).
 */
function npmWarnings(member: WorkspaceMember, npmPackage: string, root: string): string[] {
  const where = `${root === "." ? "" : `${root}/`}package.json`;
  const scope = npmPackage.slice(0, npmPackage.indexOf("/"));
  const missing = [
    ...(member.npmScope === null ? [`"agentPlugin": {"npm": {"scope": "${scope}"}} in ${where}`] : []),
    ...(publishesToNpm({ ...member, npmScope: scope }) ? [] : [`--npm in its "release" script's plugin-pack release`]),
  ];
  const warnings =
    missing.length === 0
      ? []
      : [
          `the marketplace lists ${npmPackage}, but the workspace root does not publish to npm yet: add ${missing.join(" and ")} (see ${RELEASING_GUIDE}#the-npm-channel)`,
        ];
  if (member.npmWorkflow === false)
    warnings.push(
      `${root === "." ? "" : `${root}/`}.github/workflows/release.yml does not set up npm publishing: give the job "id-token: write", actions/setup-node a registry-url and npm 11.5.1 or later (see ${RELEASING_GUIDE}#the-workflow)`,
    );
  return warnings;
}

function posix(path: string): string {
  return path.split(sep).join("/");
}

/** A path relative to the current folder, as the user typed paths there. */
function shown(cwd: string, path: string): string {
  return posix(relative(cwd, path)) || ".";
}
