// The npm CLI as the user has it (their registry, scopes, auth and proxy come from their own npm config), run with a
// timeout so a registry that never answers cannot hang a tool, with its output captured and never printed.
import { isAbsolute, relative, resolve } from "node:path";

export interface NpmRun {
  /** npm's exit code; null when it was killed or never started. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why npm could not be started at all (ENOENT: no npm on PATH). */
  spawnError?: string;
}

export interface NpmRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const npmCommand = process.platform === "win32" ? "npm.cmd" : "npm";

/** Runs npm; never rejects: a timeout, a failed start and a non-zero exit are all in the result. */
export function runNpm(args: readonly string[], options: NpmRunOptions): Promise<NpmRun> {
  return new Promise((done) => {
    // node:child_process (and the net stack under it) is loaded here, not at import: most runs never start npm.
    const child = process.getBuiltinModule("node:child_process").spawn(npmCommand, args, {
      cwd: options.cwd,
      // Lifecycle scripts never run on a tool's behalf, whatever the user's config says.
      env: { ...options.env, npm_config_ignore_scripts: "true", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      // npm.cmd is a batch file, which only a shell runs.
      shell: process.platform === "win32",
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({ code: null, stdout: text(out), stderr: text(err), timedOut, spawnError: error.code ?? error.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout: text(out), stderr: text(err), timedOut });
    });
  });
}

/**
 * The environment for npm run in `cwd`. A package manager running a script exports its own reading of the config of
 * the project it runs in (`npm_config_local_prefix`, `npm_config_registry`, ...); for a folder outside that project
 * those values are not the folder's, and would hide its .npmrc, so they are left out and npm reads the config files
 * itself.
 */
export function npmEnvFor(cwd: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const enclosing = env.npm_config_local_prefix;
  if (enclosing === undefined || isInside(resolve(cwd), resolve(enclosing))) return env;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("npm_config_")));
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** npm's error code (`ETARGET`, `E404`, `ECONNREFUSED`...) from its stderr. */
export function npmErrorCode(run: NpmRun): string | undefined {
  return /npm (?:error|ERR!) code (\S+)/.exec(run.stderr)?.[1];
}

/** npm's own one-line reason from a failed call: its first `error` lines, else the last lines of its output. */
export function npmFailure(run: NpmRun): string {
  const lines = `${run.stderr}\n${run.stdout}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const errors = lines
    .filter((line) => /^npm (error|ERR!)/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, ""))
    .filter((line) => line !== "" && !/complete log of this run|^code \S+$/.test(line));
  return (errors.length > 0 ? errors.slice(0, 2) : lines.slice(-2)).join(" / ") || `npm exited with code ${run.code}`;
}

/** Whether a failed call means "no such package or version" rather than a broken registry or auth. */
export function isNpmNotFound(run: NpmRun): boolean {
  return /E404|404 Not Found|is not in this registry|No match found for version/i.test(`${run.stderr}${run.stdout}`);
}
