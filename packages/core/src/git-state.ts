import { createRequire } from "node:module";
import { isAbsolute, relative, resolve, sep } from "node:path";

// Loaded when git is first asked, not with the module: node:child_process is several milliseconds of every CLI's
// start-up, and a lint asks git only when it finds a secret.
// createRequire itself is made then too: it costs a few milliseconds of start-up as well.
let requireBuiltin: NodeJS.Require | undefined;
function childProcess(): typeof import("node:child_process") {
  requireBuiltin ??= createRequire(import.meta.url);
  return requireBuiltin("node:child_process") as typeof import("node:child_process");
}

/** How git sees a file: in the index (committed or staged), not ignored (the next `git add -A` takes it), or ignored. */
export type GitFileState = "tracked" | "untracked" | "ignored";

/**
 * The git state of each file (absolute paths) in the work tree that holds `dir`, or undefined when `dir` is in no
 * work tree or git cannot run. Two git processes whatever the number of files: `ls-files` for the tracked ones,
 * `check-ignore` for the rest (a tracked file is never "ignored", whatever .gitignore says, since git commits it).
 */
export function gitFileStates(dir: string, files: readonly string[]): Map<string, GitFileState> | undefined {
  const env = gitEnvironment();
  const git = (args: readonly string[], input?: string) =>
    childProcess().spawnSync("git", args, {
      cwd: dir,
      env,
      input,
      encoding: "utf8",
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  const inside = git(["rev-parse", "--is-inside-work-tree"]);
  if (inside.status !== 0 || inside.stdout.trim() !== "true") return undefined;
  const paths = files.map((file) => relative(dir, file).split(sep).join("/"));
  // Paths are names, never patterns: a file called `*.md` means that file only.
  const listed = git(["--literal-pathspecs", "ls-files", "-z", "--cached", "--", ...paths]);
  if (listed.status !== 0) return undefined;
  const tracked = new Set(listed.stdout.split("\0").filter((path) => path !== ""));
  const rest = paths.filter((path) => !tracked.has(path));
  // check-ignore exits 0 when it lists a path, 1 when none is ignored; anything else is a failure.
  const checked = rest.length === 0 ? undefined : git(["check-ignore", "-z", "--stdin"], `${rest.join("\0")}\0`);
  if (checked && checked.status !== 0 && checked.status !== 1) return undefined;
  const ignored = new Set((checked?.stdout ?? "").split("\0").filter((path) => path !== ""));
  const states = new Map<string, GitFileState>();
  for (const [index, path] of paths.entries()) {
    states.set(files[index]!, tracked.has(path) ? "tracked" : ignored.has(path) ? "ignored" : "untracked");
  }
  return states;
}

/**
 * The environment for git, with GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE made absolute: a git hook (the pre-commit
 * lint) exports them relative to the folder it started in, and this git runs in the plugin's folder.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) {
    const value = env[name];
    if (value && !isAbsolute(value)) env[name] = resolve(process.cwd(), value);
  }
  return env;
}

/**
 * The fetch URLs of every remote of the git repository that holds `dir`, found from `dir` itself (whatever
 * repository a git hook that runs us points GIT_DIR at); empty when `dir` is in no repository or git cannot run.
 */
export function gitRemoteUrls(dir: string): string[] {
  const env = { ...process.env };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"]) delete env[name];
  const result = childProcess().spawnSync("git", ["config", "--get-regexp", "^remote\\..*\\.url$"], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 20_000,
  });
  if (result.status !== 0 || typeof result.stdout !== "string") return [];
  return result.stdout
    .split("\n")
    .map((line) => line.slice(line.indexOf(" ") + 1).trim())
    .filter((url) => url !== "");
}
