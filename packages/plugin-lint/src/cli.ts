import {
  fdOutput,
  formatHelp,
  isTerminal,
  parseCommandLine,
  reportError,
  type ToolOutput,
} from "@agent-plugin/core/cli";
import { type LintFlags, lintCli } from "./cli-spec.js";
import { VERSION } from "./version.js";

// The bin's whole job: `await runMain("plugin-lint", runCli)`. Exported here so the bin imports one module.
// Core's CLI kit comes from its own entry ("@agent-plugin/core/cli"), so the bin's start-up chunk holds only the kit
// and this declaration, not the plugin model: the linter is loaded once argv asks for a lint.
export { runMain } from "@agent-plugin/core/cli";

export interface CliIo extends ToolOutput {
  cwd: string;
  /** The environment the command runs in. */
  env: NodeJS.ProcessEnv;
  /** Colour the stylish report (a terminal that allows it). */
  color: boolean;
}

/** Parses argv, runs the linter, prints, and returns the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    return await lintCommand(argv, io);
  } catch (error) {
    return reportError(lintCli.name, error, io);
  }
}

async function lintCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(lintCli, argv);
  const flags = values as LintFlags;
  if (flags.help) {
    io.stdout(formatHelp(lintCli));
    return 0;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const { runLintCommand } = await import("./lint-command.js");
  return await runLintCommand(flags, positionals, io);
}

function defaultIo(): CliIo {
  const env = process.env;
  return {
    cwd: process.cwd(),
    env,
    stdout: fdOutput(1),
    stderr: fdOutput(2),
    color: isTerminal(1) && !env.NO_COLOR && env.TERM !== "dumb",
  };
}
