/**
 * `plugin-pack version`: the one command behind a version PR. It runs `changeset version` (which bumps
 * package.json and writes CHANGELOG.md), brings plugin.json and marketplace versions along, and refreshes
 * the lockfile, so the PR is complete and lints clean.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PackError } from "../errors.js";
import { lockfileRefresh, type LockfileRefresh } from "./package-manager.js";
import { findPackageBin, lastLines, runCommand } from "./run-command.js";
import { syncVersions, type VersionChange } from "./sync-versions.js";
import { readWorkspace } from "./workspace.js";

export interface VersionOptions {
  /** The repo root; default `cwd`. */
  dir?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run `changeset version` first (default true); false only syncs versions already in package.json. */
  changesets?: boolean;
  /** Refresh the lockfile when a package version changed (default true). */
  lockfile?: boolean;
}

export interface VersionReport {
  root: string;
  changesets: { pending: number; ran: boolean; output: string } | null;
  /** Plugin packages whose package.json version changed in this run. */
  bumped: { packageName: string; from: string; to: string }[];
  /** Each plugin.json or marketplace version brought to its package's. */
  synced: VersionChange[];
  lockfile: { manager: LockfileRefresh["manager"]; file: string } | null;
}

/** Files in .changeset/ that are not changesets (changesets itself skips them). */
const NOT_CHANGESETS = new Set(["README.md", "AGENTS.md", "CLAUDE.md", "GEMINI.md"]);

export async function versionPackages(options: VersionOptions = {}): Promise<VersionReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const root = resolve(cwd, options.dir ?? ".");
  const before = await readWorkspace(root);
  if (before.plugins.length === 0)
    throw new PackError(
      `no plugin packages in ${root}: a plugin package is a workspace package (or the root) with .codex-plugin/plugin.json and a package.json`,
      root,
    );
  // Everything that can fail for a missing tool or an unreadable manifest fails here, before changesets edits a file.
  syncVersions(before, { dryRun: true });
  const refresh = options.lockfile === false ? null : lockfileRefresh(root, env);
  let changesets: VersionReport["changesets"] = null;
  if (options.changesets !== false) {
    const pending = pendingChangesets(root);
    changesets = { pending, ran: false, output: "" };
    if (pending > 0) {
      const bin = findPackageBin(root, "@changesets/cli", "changeset");
      if (!bin)
        throw new PackError(
          `@changesets/cli is not installed in ${root}: add it as a dev dependency (npm i -D @changesets/cli), or pass --no-changesets`,
          root,
        );
      const result = await runCommand(process.execPath, [bin, "version"], { cwd: root, env });
      if (result.code !== 0)
        throw new PackError(
          `changeset version failed (exit ${result.code}): ${lastLines(result.output) || "no output"}`,
          join(root, ".changeset"),
        );
      changesets = { pending, ran: true, output: result.output };
    }
  }

  const after = await readWorkspace(root);
  const previous = new Map(before.plugins.map((plugin) => [plugin.packageName, plugin.version]));
  const bumped = after.plugins.flatMap((plugin) => {
    const from = previous.get(plugin.packageName);
    return from !== undefined && from !== plugin.version
      ? [{ packageName: plugin.packageName, from, to: plugin.version }]
      : [];
  });
  const synced = syncVersions(after);

  let lockfile: VersionReport["lockfile"] = null;
  // Applied changesets may bump packages that are not plugins (a shared library) as well: refresh then too.
  if (refresh && (bumped.length > 0 || changesets?.ran === true)) {
    const result = await runCommand(refresh.command, refresh.args, { cwd: root, env });
    if (result.code !== 0)
      throw new PackError(
        `${refresh.manager} ${refresh.args.join(" ")} failed (exit ${result.code}): ${lastLines(result.output) || "no output"}; versions are synced, refresh ${refresh.lockfile} yourself`,
        refresh.lockfile,
      );
    lockfile = { manager: refresh.manager, file: refresh.lockfile };
  }
  return { root, changesets, bumped, synced, lockfile };
}

/** How many changesets wait in `.changeset/`; changesets 3 fails `version` when there are none. */
function pendingChangesets(root: string): number {
  const dir = join(root, ".changeset");
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new PackError(
      `${dir} not found: set up changesets first (npx changeset init), or pass --no-changesets to only sync versions`,
      dir,
    );
  }
  return names.filter((name) => name.endsWith(".md") && !NOT_CHANGESETS.has(name)).length;
}
