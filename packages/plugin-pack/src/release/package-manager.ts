/** Which package manager owns the repo's lockfile, and how to refresh that lockfile without installing. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { findLockfile, type LockfileManager } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { findOnPath } from "./run-command.js";

export interface LockfileRefresh {
  manager: LockfileManager;
  lockfile: string;
  /** The executable and arguments to run. */
  command: string;
  args: string[];
}

/** How each package manager rewrites its lockfile without installing. */
const REFRESH_ARGS: Record<LockfileManager, readonly string[]> = {
  pnpm: ["install", "--lockfile-only"],
  npm: ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"],
  yarn: ["install", "--mode=update-lockfile"],
  bun: ["install", "--lockfile-only"],
};

/** Yarn 1 has no lockfile-only install; a plain one without scripts rewrites yarn.lock. */
const YARN_CLASSIC_ARGS = ["install", "--ignore-scripts", "--non-interactive"] as const;

/**
 * The refresh for the repo's lockfile, or null when it has none. Checked before anything changes, so a
 * missing package manager stops the version command before changesets edits a file.
 */
export function lockfileRefresh(root: string, env: NodeJS.ProcessEnv): LockfileRefresh | null {
  const found = findLockfile(root);
  if (!found) return null;
  const { manager, file: lockfile } = found;
  const args = manager === "yarn" && isYarnClassicLockfile(lockfile) ? YARN_CLASSIC_ARGS : REFRESH_ARGS[manager];
  // Run through the package manager that runs this script (npm_execpath), when it is the lockfile's.
  const execPath = env.npm_execpath;
  if (execPath && basename(execPath).startsWith(manager) && /\.(c|m)?js$/.test(execPath)) {
    return { manager, lockfile, command: process.execPath, args: [execPath, ...args] };
  }
  const command = findOnPath(manager, env);
  if (!command)
    throw new PackError(
      `${basename(lockfile)} is ${manager}'s lockfile, but ${manager} is not on PATH: install it, or pass --no-lockfile and refresh the lockfile yourself`,
      lockfile,
    );
  return { manager, lockfile, command, args: [...args] };
}

/** Yarn 1 writes "# yarn lockfile v1" at the top; Yarn 2+ writes YAML with __metadata. */
function isYarnClassicLockfile(file: string): boolean {
  try {
    return readFileSync(file, "utf8").slice(0, 200).includes("yarn lockfile v1");
  } catch {
    return false;
  }
}
