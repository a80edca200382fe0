// plugin-pack's use of core's npm runner: a timeout or a missing npm is a PackError naming what to do.
import { type NpmRun, runNpm as runNpmCli } from "@agent-plugin/core";
import { PackError } from "../errors.js";

/** How long one npm call may take; `AGENT_PLUGIN_NPM_TIMEOUT` (seconds) changes it. */
export function npmTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.AGENT_PLUGIN_NPM_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

export async function runNpm(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<NpmRun & { code: number }> {
  const timeoutMs = npmTimeoutMs(options.env);
  const run = await runNpmCli(args, { ...options, timeoutMs });
  if (run.spawnError !== undefined)
    throw new PackError(`cannot run npm (${run.spawnError}): install Node.js with npm, or put npm on PATH`);
  if (run.timedOut)
    throw new PackError(
      `npm ${args[0]} did not finish within ${timeoutMs / 1000}s: check that the registry is reachable (npm config get registry), or raise AGENT_PLUGIN_NPM_TIMEOUT`,
    );
  // No exit code means a signal ended npm.
  return { ...run, code: run.code ?? 128 };
}
