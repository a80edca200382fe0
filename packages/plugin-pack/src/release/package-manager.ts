/** Which package manager owns the repo's lockfile, and how to refresh that lockfile without installing. */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PackError } from "../errors.js";
import { findOnPath } from "./run-command.js";

export interface LockfileRefresh {
  manager: "pnpm" | "npm" | "yarn" | "bun";
  lockfile: string;
  /** The executable and arguments to run. */
  command: string;
  args: string[];
}

const LOCKFILES = [
  { file: "pnpm-lock.yaml", manager: "pnpm", args: ["install", "--lockfile-only"] },
  { file: "package-lock.json", manager: "npm", args: ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"] },
  { file: "yarn.lock", manager: "yarn", args: ["install", "--mode=update-lockfile"] },
  { file: "bun.lock", manager: "bun", args: ["install", "--lockfile-only"] },
  { file: "bun.lockb", manager: "bun", args: ["install", "--lockfile-only"] },
] as const;

/** Yarn 1 has no lockfile-only install; a plain one without scripts rewrites yarn.lock. */
const YARN_CLASSIC_ARGS = ["install", "--ignore-scripts", "--non-interactive"] as const;

/**
 * The refresh for the repo's lockfile, or null when it has none. Checked before anything changes, so a
 * missing package manager stops the version command before changesets edits a file.
 */
export function lockfileRefresh(root: string, env: NodeJS.ProcessEnv): LockfileRefresh | null {
  const candidate = LOCKFILES.find((entry) => existsSync(join(root, entry.file)));
  if (!candidate) return null;
  const lockfile = join(root, candidate.file);
  const found = candidate.manager === "yarn" && isYarnClassicLockfile(lockfile) ? { ...candidate, args: YARN_CLASSIC_ARGS } : candidate;
  // Run through the package manager that runs this script (npm_execpath), when it is the lockfile's.
  const execPath = env.npm_execpath;
  if (execPath && basename(execPath).startsWith(found.manager) && /\.(c|m)?js$/.test(execPath)) {
    return { manager: found.manager, lockfile, command: process.execPath, args: [execPath, ...found.args] };
  }
  const command = findOnPath(found.manager, env);
  if (!command) throw new PackError(`${found.file} is ${found.manager}'s lockfile, but ${found.manager} is not on PATH: install it, or pass --no-lockfile and refresh the lockfile yourself`, lockfile);
  return { manager: found.manager, lockfile, command, args: [...found.args] };
}

/** Yarn 1 writes "# yarn lockfile v1" at the top; Yarn 2+ writes YAML with __metadata. */
function isYarnClassicLockfile(file: string): boolean {
  try {
    return readFileSync(file, "utf8").slice(0, 200).includes("yarn lockfile v1");
  } catch {
    return false;
  }
}
