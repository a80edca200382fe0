/** `plugin-pack try`: load the plugin into the real host and print what it kept next to what the files declare. */
import { type HostId, UsageError } from "@agent-plugin/core";
import { renderTry, tryPlugin } from "../try/index.js";
import { type CommandContext, stringOption } from "./command.js";

/** Exit 1 when a host lost anything the files declare, 0 when every host loaded it whole. */
export async function tryCommand({ values, positionals, io, print }: CommandContext): Promise<number> {
  const hosts = hostsOption(stringOption(values, "host"));
  const hostBin = stringOption(values, "host-bin");
  if (hostBin !== undefined && hosts.length > 1)
    throw new UsageError("--host-bin names one host's binary: use it with --host codex or --host claude-code");
  const runServers = values["run-servers"] === true;
  if (values.network === true && !runServers)
    throw new UsageError("--network connects to the MCP servers --run-servers probes: pass both");
  if (runServers)
    io.stderr(
      "note: --run-servers starts the plugin's MCP servers: their code runs on this machine, with your environment\n",
    );
  const report = await tryPlugin({
    runServers,
    network: values.network === true,
    dir: positionals[0] ?? ".",
    hosts,
    cwd: io.cwd,
    env: io.env,
    ...(hostBin === undefined ? {} : { hostBin }),
  });
  for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
  print(report, renderTry(report));
  return report.lost ? 1 : 0;
}

function hostsOption(value: string | undefined): HostId[] {
  if (value === undefined || value === "codex") return ["codex"];
  if (value === "claude-code") return ["claude-code"];
  if (value === "all") return ["codex", "claude-code"];
  throw new UsageError(`unknown --host "${value}": use codex, claude-code or all`);
}
