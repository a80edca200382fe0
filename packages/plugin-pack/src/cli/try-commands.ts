/** `plugin-pack try`: load the plugin into the real host and print what it kept next to what the files declare. */
import { type HostId, UsageError } from "@agent-plugin/core";
import { renderTry, type TryOptions, type TryReport, tryPlugin, watchTry } from "../try/index.js";
import { type CliIo, type CommandContext, maxAlwaysOnTokensOption, stringOption } from "./command.js";

/**
 * Exit 1 when a host lost anything the files declare, or a plugin is over --max-always-on-tokens; 0 when every host
 * loaded it whole within the budget.
 */
export async function tryCommand({ values, positionals, io, print }: CommandContext): Promise<number> {
  const hosts = hostsOption(stringOption(values, "host"));
  const hostBin = stringOption(values, "host-bin");
  if (hostBin !== undefined && hosts.length > 1)
    throw new UsageError("--host-bin names one host's binary: use it with --host codex or --host claude-code");
  const maxAlwaysOnTokens = maxAlwaysOnTokensOption(values);
  const runServers = values["run-servers"] === true;
  if (values.network === true && !runServers)
    throw new UsageError("--network connects to the MCP servers --run-servers probes: pass both");
  if (runServers)
    io.stderr(
      "note: --run-servers starts the plugin's MCP servers: their code runs on this machine, with your environment\n",
    );
  const options: TryOptions = {
    runServers,
    network: values.network === true,
    dir: positionals[0] ?? ".",
    hosts,
    cwd: io.cwd,
    env: io.env,
    ...(hostBin === undefined ? {} : { hostBin }),
    ...(maxAlwaysOnTokens === undefined ? {} : { maxAlwaysOnTokens }),
  };
  if (values.watch === true) return await watch(options, values.json === true, io);
  const report = await tryPlugin(options);
  for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
  print(report, renderTry(report));
  if (values.json === true) for (const line of report.overBudget) io.stderr(`plugin-pack: ${line}\n`);
  return exitCode(report);
}

/**
 * Runs until Ctrl-C (or the io's signal), one report per run: text under a line with the time, or one JSON object
 * per line with --json. A first run that fails (no host, not a plugin) stops with its error; a later one is printed
 * and the watch goes on, as the author is mid-edit. Returns the last run's exit code.
 */
async function watch(options: TryOptions, json: boolean, io: CliIo): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  io.signal?.addEventListener("abort", stop, { once: true });
  process.once("SIGINT", stop);
  let code = 0;
  let runs = 0;
  let firstError: unknown;
  try {
    await watchTry({
      ...options,
      signal: controller.signal,
      onRun: (outcome) => {
        runs += 1;
        if ("error" in outcome) {
          if (runs === 1) {
            firstError = outcome.error;
            controller.abort();
          } else {
            io.stderr(`plugin-pack: ${(outcome.error as Error).message}\n`);
            code = 2;
          }
          return;
        }
        const { report } = outcome;
        for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
        if (json) io.stdout(`${JSON.stringify(report)}\n`);
        else
          io.stdout(
            `── run ${runs} at ${new Date().toISOString().slice(11, 19)} · watching ${report.source} (Ctrl-C stops)\n${renderTry(report)}`,
          );
        code = exitCode(report);
      },
    });
  } finally {
    process.removeListener("SIGINT", stop);
    io.signal?.removeEventListener("abort", stop);
  }
  if (firstError !== undefined) throw firstError;
  return code;
}

function exitCode(report: TryReport): number {
  return report.lost || report.overBudget.length > 0 ? 1 : 0;
}

function hostsOption(value: string | undefined): HostId[] {
  if (value === undefined || value === "codex") return ["codex"];
  if (value === "claude-code") return ["claude-code"];
  if (value === "all") return ["codex", "claude-code"];
  throw new UsageError(`unknown --host "${value}": use codex, claude-code or all`);
}
