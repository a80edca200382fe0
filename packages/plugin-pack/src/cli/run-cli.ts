import { fdOutput, formatHelp, parseCommandLine } from "@agent-plugin/core/cli";
import { VERSION } from "../version.js";
import type { CliIo } from "./command.js";
import { reportFailure } from "./report-failure.js";
import { type CommandName, cli } from "./spec.js";

/**
 * Parses argv against the declaration, runs one command, prints, and returns the exit code: the command's, or the
 * error's when it throws (a bug is exit 2). Never exits the process itself: the bin's runMain does. A command loads
 * only its handler and the capabilities it uses (the bin is split into chunks): verify, inspect and install never
 * load the linter or esbuild, so they start fast in a release pipeline.
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let json = false;
  try {
    const { command, explicit, values, positionals } = parseCommandLine(cli, argv);
    json = values.json === true;
    if (values.help) {
      io.stdout(formatHelp(cli, explicit ? command : undefined));
      return 0;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const print = (data: unknown, text: string) => io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : text);
    // parseCommandLine returns a declared command, or throws.
    return await cli.commands[command as CommandName].run({ values, positionals, io, print });
  } catch (error) {
    return await reportFailure(error, io, json);
  }
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: fdOutput(1),
    stderr: fdOutput(2),
  };
}
