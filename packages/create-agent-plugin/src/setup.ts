import { spawn, spawnSync } from "node:child_process";
import { CreateError } from "./errors.js";

/**
 * The steps after the files are written: `git init` and the dependency install. They run in the CLI only, after
 * createPlugin(), so the library stays free of side effects beyond the files it writes. Neither removes the
 * plugin when it fails: the files are fine, and the step can be rerun by hand.
 */

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

export type GitInitResult = "initialized" | "inside-repo" | "no-git";

/** True when `dir` is inside a git work tree (a repository already holds the new plugin). */
export function insideGitWorkTree(dir: string): boolean {
  const result = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 10_000,
  });
  return result.status === 0 && result.stdout.trim() === "true";
}

export function gitAvailable(): boolean {
  return spawnSync("git", ["--version"], { stdio: "ignore", timeout: 10_000 }).status === 0;
}

/**
 * The branch the new repository starts on: `.changeset/config.json`'s `baseBranch` and the CI and release
 * workflows (`branches: [main]`) name it, so it must not depend on the user's `init.defaultBranch`.
 */
export const INITIAL_BRANCH = "main";

/**
 * `git init -q` in the plugin folder on the branch the generated files name, unless git is missing or the folder
 * is already inside a repository. No commit is made: that is the user's first decision, and it needs their git
 * identity.
 */
export function initGit(dir: string): GitInitResult {
  if (!gitAvailable()) return "no-git";
  if (insideGitWorkTree(dir)) return "inside-repo";
  const result = spawnSync("git", ["init", "-q", `--initial-branch=${INITIAL_BRANCH}`], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 30_000,
  });
  if (result.status !== 0) {
    const reason = (result.stderr ?? "").trim().split("\n")[0] || result.error?.message || `exit code ${result.status}`;
    throw new CreateError(`git init failed in ${dir} (${reason}); the plugin is created, without a repository`);
  }
  return "initialized";
}

/** A failed install: the one-line message, plus the package manager's own output to show before it. */
export class InstallError extends CreateError {
  override name = "InstallError";
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/**
 * `<pm> install` in the plugin folder, its output captured (shown only when it fails). Rejects with an
 * InstallError that names the command to rerun; the plugin stays where it is.
 */
export function installDependencies(dir: string, pm: PackageManager, rerun: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // npm, pnpm and yarn are .cmd scripts on Windows, which only a shell can start.
    const child = spawn(pm, ["install"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const fail = (why: string) =>
      reject(
        new InstallError(
          `${pm} install ${why}; the plugin is created: run "${rerun}" to install its dependencies`,
          output,
        ),
      );
    child.on("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "ENOENT" ? `failed (${pm} is not installed)` : `failed (${error.message})`),
    );
    child.on("close", (code, signal) =>
      code === 0 ? resolve() : fail(`failed (${signal ? `signal ${signal}` : `exit code ${code}`})`),
    );
  });
}

/** The last lines of a command's output, enough to see why it failed. */
export function tail(output: string, lines = 20): string {
  const all = output.trimEnd().split("\n");
  return all.slice(-lines).join("\n");
}
