/**
 * The npm CLI, as the user has it: their registry, scopes and auth come from their own npm config. Every call has a
 * timeout (an unreachable registry would otherwise hang), and npm's output is captured, never printed.
 */
import { spawn } from "node:child_process";
import { PackError } from "../errors.js";

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How long one npm call may take; `AGENT_PLUGIN_NPM_TIMEOUT` (seconds) changes it. */
export function npmTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.AGENT_PLUGIN_NPM_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

export function runNpm(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<NpmResult> {
  const timeout = npmTimeoutMs(options.env);
  const command = process.platform === "win32" ? "npm.cmd" : "npm";
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      // Lifecycle scripts never run on behalf of plugin-pack, whatever the user's config says.
      env: { ...options.env, npm_config_ignore_scripts: "true", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new PackError(
          `npm ${args[0]} did not finish within ${timeout / 1000}s: check that the registry is reachable (npm config get registry), or raise AGENT_PLUGIN_NPM_TIMEOUT`,
        ),
      );
    }, timeout);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new PackError(`cannot run npm (${error.code ?? error.message}): install Node.js with npm, or put npm on PATH`),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** npm's own one-line reason from a failed call: the `npm error` lines, else the last lines of its output. */
export function npmFailure(result: NpmResult): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const errors = lines
    .filter((line) => /^npm (error|ERR!)/.test(line) && !/A complete log|npm (error|ERR!)\s*$/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, ""));
  return (errors.length > 0 ? errors.slice(0, 2) : lines.slice(-2)).join(" / ") || `exit code ${result.code}`;
}

/** Whether a failed call means "no such package or version" rather than a broken registry or auth. */
export function isNotFound(result: NpmResult): boolean {
  return /E404|404 Not Found|is not in this registry|No match found for version/i.test(
    `${result.stderr}${result.stdout}`,
  );
}
