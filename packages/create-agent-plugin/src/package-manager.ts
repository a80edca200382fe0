import { UsageError } from "@agent-plugin/core";
import type { PackageManager } from "./setup.js";

/**
 * The package manager a plugin is installed and run with, and how every generated file names it. A plugin that is
 * its own repository gets the one that runs create (`pnpm create agent-plugin` installs it with pnpm and writes
 * pnpm-lock.yaml, so its README, scripts, git hook and workflows say pnpm too); a workspace package gets the
 * workspace's (workspace.ts).
 */

/** The package manager that runs create: its name, and its version when the user agent tells it. */
export interface RunningPackageManager {
  name: PackageManager;
  /** `major.minor.patch` (a prerelease suffix kept), or null when unknown. */
  version: string | null;
}

const NAMES: readonly PackageManager[] = ["npm", "pnpm", "yarn", "bun"];
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * `<name>@<version>` (or `<name>` when no version is given) from npm_config_user_agent, which every package manager
 * sets for the programs it runs: `pnpm/10.34.8 npm/? node/v20.20.2 linux x64` gives `pnpm@10.34.8`. Anything else,
 * or nothing, is npm.
 */
export function packageManagerFromUserAgent(userAgent: string | undefined): string {
  const [first] = (userAgent ?? "").trim().split(/\s+/);
  const [name, version] = (first ?? "").split("/");
  if (name === undefined || !(NAMES as readonly string[]).includes(name)) return "npm";
  return version !== undefined && VERSION.test(version) ? `${name}@${version}` : name;
}

/** The package manager that started this process (`npm create`, `pnpm create`, ...); default npm. */
export function detectPackageManager(
  userAgent: string | undefined = process.env.npm_config_user_agent,
): PackageManager {
  return parsePackageManager(packageManagerFromUserAgent(userAgent)).name;
}

/** Parses `<name>` or `<name>@<version>`, as package.json's `packageManager` writes it (without a hash). */
export function parsePackageManager(spec: string): RunningPackageManager {
  const at = spec.indexOf("@");
  const name = (at < 0 ? spec : spec.slice(0, at)).trim();
  const version = at < 0 ? null : spec.slice(at + 1).trim();
  if (!(NAMES as readonly string[]).includes(name))
    throw new UsageError(`unknown package manager "${spec}": use npm, pnpm, yarn or bun, optionally with @<version>`);
  if (version !== null && !VERSION.test(version))
    throw new UsageError(`package manager "${spec}": the version must be major.minor.patch, such as ${name}@10.34.8`);
  return { name: name as PackageManager, version };
}

/** `<pm> test`, except for bun, whose `bun test` is its own test runner rather than the package's "test" script. */
export function testCommand(pm: PackageManager): string {
  return pm === "bun" ? "bun run test" : `${pm} test`;
}

/** The commands the README, the changesets notes and the git hook show or run, each for the plugin's package manager. */
export interface PackageManagerCommands {
  install: string;
  build: string;
  test: string;
  lint: string;
  pack: string;
  versionPackages: string;
  release: string;
  /** Adds a changeset (`npx changeset`; the package's `changeset` script for the others). */
  changeset: string;
  /** Runs a bin of the installed dev dependencies, never one downloaded on the spot (the pre-commit hook). */
  exec: string;
}

/** The steps of the CI and release workflows that depend on the package manager. */
export interface WorkflowSetup {
  /** `pnpm/action-setup`, with `version` when package.json names no `packageManager` (the action reads it from there). */
  pnpm: { version: string | null } | null;
  /** `corepack enable`: yarn comes from Corepack, in the version package.json's `packageManager` names. */
  corepack: boolean;
  /** `oven-sh/setup-bun`. */
  bun: boolean;
  /** The CI workflow's install: frozen with a committed lockfile, else one that does not need one. */
  install: string;
  /** The release workflow's install: never leaves an uncommitted lockfile behind (plugin-pack release refuses a dirty plugin folder). */
  releaseInstall: string;
  /** Why the release install looks as it does, one comment line each. */
  releaseInstallNote: string[];
  lint: string;
}

export interface PackageManagerSetup {
  name: PackageManager;
  /** package.json's `packageManager` (`pnpm@10.34.8`): pnpm and yarn, when the version is known, in a plugin that is its own repository. */
  field: string | null;
  /** Yarn 2 or later: `.yarnrc.yml` asks for node_modules/, and `.yarn/` stays out of git and of the archive. */
  yarnBerry: boolean;
  /** The script that enables .githooks/ when the dependencies are installed: Yarn 2 and later never run `prepare`. */
  hookScript: "prepare" | "postinstall";
  commands: PackageManagerCommands;
  workflow: WorkflowSetup;
}

const PNPM_DEFAULT_MAJOR = "10";

/**
 * Everything the generated files need to know about the package manager. `standalone` is false for a workspace
 * package: no `packageManager` field (the root's applies) and no workflows of its own.
 */
export function packageManagerSetup(running: RunningPackageManager, standalone: boolean): PackageManagerSetup {
  const { name: pm, version } = running;
  const yarnClassic = pm === "yarn" && version !== null && version.startsWith("1.");
  const field = standalone && version !== null && (pm === "pnpm" || pm === "yarn") ? `${pm}@${version}` : null;
  const run = (script: string) => `${pm} run ${script}`;
  // npm needs `--` before arguments for the script; pnpm and yarn pass a `--` on to it, which plugin-lint would take
  // for the end of its options; bun drops it. So only npm gets one.
  const args = pm === "npm" ? " -- " : " ";
  return {
    name: pm,
    field,
    yarnBerry: pm === "yarn" && !yarnClassic,
    hookScript: pm === "yarn" ? "postinstall" : "prepare",
    commands: {
      install: `${pm} install`,
      build: run("build"),
      test: testCommand(pm),
      lint: run("lint"),
      pack: run("pack"),
      versionPackages: run("version-packages"),
      release: run("release"),
      changeset: { npm: "npx changeset", pnpm: "pnpm changeset", yarn: "yarn changeset", bun: "bun run changeset" }[pm],
      exec: { npm: "npx --no-install", pnpm: "pnpm exec", yarn: "yarn run", bun: "bun run" }[pm],
    },
    workflow: {
      pnpm: pm === "pnpm" ? { version: field === null ? PNPM_DEFAULT_MAJOR : null } : null,
      corepack: pm === "yarn",
      bun: pm === "bun",
      ...installs(pm, yarnClassic),
      lint: `${run("lint")}${args}--format github`,
    },
  };
}

const NO_LOCKFILE_NOTE = (flag: string, pm: string) => [
  `${flag}: without a committed lockfile, ${pm} would write one, and plugin-pack release`,
  "refuses to release a plugin folder with uncommitted changes.",
];

/** The frozen install with a committed lockfile, else an install that writes none (see docs/create.md). */
function installs(
  pm: PackageManager,
  yarnClassic: boolean,
): Pick<WorkflowSetup, "install" | "releaseInstall" | "releaseInstallNote"> {
  const either = (lockfile: string, frozen: string, other: string) =>
    `if [ ${lockfile} ]; then ${frozen}; else ${other}; fi`;
  switch (pm) {
    case "npm":
      return {
        install: either("-f package-lock.json", "npm ci", "npm install"),
        releaseInstall: either("-f package-lock.json", "npm ci", "npm install --no-package-lock"),
        releaseInstallNote: NO_LOCKFILE_NOTE("--no-package-lock", "npm"),
      };
    case "pnpm": {
      const install = either("-f pnpm-lock.yaml", "pnpm install --frozen-lockfile", "pnpm install --no-lockfile");
      return { install, releaseInstall: install, releaseInstallNote: NO_LOCKFILE_NOTE("--no-lockfile", "pnpm") };
    }
    case "bun": {
      const install = either(
        "-f bun.lock ] || [ -f bun.lockb",
        "bun install --frozen-lockfile",
        "bun install --no-save",
      );
      return { install, releaseInstall: install, releaseInstallNote: NO_LOCKFILE_NOTE("--no-save", "bun") };
    }
    case "yarn": {
      if (yarnClassic) {
        const install = either("-f yarn.lock", "yarn install --frozen-lockfile", "yarn install --no-lockfile");
        return { install, releaseInstall: install, releaseInstallNote: NO_LOCKFILE_NOTE("--no-lockfile", "yarn") };
      }
      // Yarn 2+ has no install that leaves the lockfile unwritten (in CI it refuses to create one unless told to),
      // and `yarn run` needs the lockfile it wrote: the release keeps it, out of git's sight for this run.
      return {
        install: either("-f yarn.lock", "yarn install --immutable", "yarn install --no-immutable"),
        releaseInstall: either(
          "-f yarn.lock",
          "yarn install --immutable",
          "yarn install --no-immutable && echo /yarn.lock >> .git/info/exclude",
        ),
        releaseInstallNote: [
          "Without a committed yarn.lock, yarn writes one (it cannot install without), and plugin-pack",
          "release refuses to release a plugin folder with uncommitted changes: git ignores it for this run.",
        ],
      };
    }
  }
}
