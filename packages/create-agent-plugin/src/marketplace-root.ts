import { toKebab } from "@agent-plugin/core";
import { existsSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import type { RenderContext } from "./context.js";
import { ENABLE_HOOKS, esbuildScriptSettings, npmSettings, RELEASE_SCRIPTS, releaseCommand } from "./package-json.js";
import type { RunningPackageManager } from "./package-manager.js";
import type { ReleaseSetup } from "./release-channel.js";
import { insideGitWorkTree } from "./setup.js";
import type { WorkspaceMember } from "./workspace.js";

/**
 * `--marketplace repo` run in a folder that is not a repository or a workspace yet (an empty folder, say): the
 * folder becomes a marketplace monorepo, as examples/marketplace is laid out. Its root holds git, changesets, the
 * git hook, the workflows and a package.json whose workspaces are the plugin folders; the plugin is one of its
 * packages. Otherwise git, the workflows and changesets would land in plugins/<name>/, where GitHub never runs them.
 */
export interface MarketplaceRoot {
  /** The marketplace root: the folder the command runs in. */
  root: string;
  /** The root package.json's `name`: the marketplace's, never the plugin's; also the signing key's name. */
  packageName: string;
  /** The workspace pattern that holds the plugin folder and its future siblings, such as `plugins/*`. */
  pattern: string;
  packageManager: "npm" | "pnpm";
}

/** The package managers whose workspaces run a script in every package that has it (`--if-present`). */
const RECURSIVE: Record<MarketplaceRoot["packageManager"], (script: string) => string> = {
  npm: (script) => `npm run ${script} --workspaces --if-present`,
  pnpm: (script) => `pnpm -r --if-present run ${script}`,
};

/**
 * The new marketplace root, or null when create leaves the folder as it is: the marketplace is not `repo`, the
 * folder already is (or is inside) a git repository, already has a package.json, or the package manager is yarn or
 * bun (their workspaces have no `--if-present` for the root's scripts; the caller says so).
 */
export function planMarketplaceRoot(
  cwd: string,
  dir: string,
  running: RunningPackageManager,
): MarketplaceRoot | "unsupported" | null {
  if (existsSync(join(cwd, "package.json")) || existsSync(join(cwd, "pnpm-workspace.yaml"))) return null;
  if (insideGitWorkTree(cwd)) return null;
  if (running.name !== "npm" && running.name !== "pnpm") return "unsupported";
  const own = toKebab(basename(cwd)) || "plugins";
  const plugin = basename(dir);
  const parent = relative(cwd, dirname(dir)).split(sep).join("/");
  return {
    root: cwd,
    packageName: own === plugin ? `${own}-marketplace` : own,
    pattern: parent === "" ? plugin : `${parent}/*`,
    packageManager: running.name,
  };
}

/**
 * The plugin seen from the new root: a package of its workspace, covered, with changesets, a building release and,
 * with npm, the root's scope and a workflow that publishes.
 */
export function memberOfNewRoot(root: MarketplaceRoot, release: ReleaseSetup): WorkspaceMember {
  return {
    root: root.root,
    file: join(root.root, root.packageManager === "pnpm" ? "pnpm-workspace.yaml" : "package.json"),
    coverage: "included",
    packageManager: root.packageManager,
    changesets: true,
    releaseScript: rootReleaseScript(root, release),
    npmScope: release.scope,
    npmWorkflow: release.npm,
  };
}

function rootReleaseScript(root: MarketplaceRoot, release: ReleaseSetup): string {
  // Every package that has a build (a local MCP server) is built first: plugin-pack packs the compiled server.
  return `${RECURSIVE[root.packageManager]("build")} && ${releaseCommand(release)}`;
}

/**
 * The root package.json: private, its workspaces the plugin folders (pnpm reads them from pnpm-workspace.yaml), the
 * scripts the generated workflows and git hook run (lint, test in every plugin, changeset, version-packages, release,
 * the hook setup), the toolchain and changesets as dev dependencies, and with npm releases the npm setting. `context` is the plugin's as its own
 * repository would have it: the root's files are those a plugin repository has, one level up.
 */
export function rootPackageJson(root: MarketplaceRoot, context: RenderContext): Record<string, unknown> {
  const packageManager = context.packageManager.field === null ? {} : { packageManager: context.packageManager.field };
  return {
    name: root.packageName,
    version: "0.0.0",
    private: true,
    description: `Codex marketplace of the plugins in ${root.pattern}, released with changesets.`,
    ...(root.packageManager === "pnpm" ? {} : { workspaces: [root.pattern] }),
    scripts: {
      test: RECURSIVE[root.packageManager]("test"),
      lint: "plugin-lint",
      changeset: RELEASE_SCRIPTS.changeset,
      "version-packages": RELEASE_SCRIPTS["version-packages"],
      release: rootReleaseScript(root, context.release),
      [context.packageManager.hookScript]: ENABLE_HOOKS,
    },
    devDependencies: {
      "@agent-plugin/plugin-lint": context.toolchainRange,
      "@agent-plugin/plugin-pack": context.toolchainRange,
      "@changesets/cli": context.changesets.range,
    },
    ...(context.stdio === null ? {} : esbuildScriptSettings(context)),
    ...packageManager,
    // With npm releases (--release npm|both, or --source npm), the scope every plugin of the repo is published under.
    ...npmSettings(context.release),
  };
}

/** pnpm-workspace.yaml, for a pnpm root. */
export function pnpmWorkspaceYaml(root: MarketplaceRoot): string {
  return `# Each plugin folder is a workspace package: its package.json version is the one changesets bumps.\npackages:\n  - ${/^[\w./*-]+$/.test(root.pattern) ? root.pattern : JSON.stringify(root.pattern)}\n`;
}
