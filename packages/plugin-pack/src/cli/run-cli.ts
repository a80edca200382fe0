import { formatHelp, internalErrorText, parseCommandLine, ToolError } from "@agent-plugin/core";
import { PackError, UsageError } from "../errors.js";
import { VERSION } from "../version.js";
import type { CliIo } from "./command.js";
import { cli } from "./spec.js";

/**
 * Parses argv against the declaration, runs one command, prints, and returns the exit code. Never exits the
 * process itself. Each command loads only its own code (the bin is split into chunks): verify and inspect never
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
    return await cli.commands[command as keyof typeof cli.commands].run({ values, positionals, io, print });
  } catch (error) {
    return await report(error, io, json);
  }
}

/** The one place typed errors become messages and exit codes. */
async function report(error: unknown, io: CliIo, json: boolean): Promise<number> {
  const { LintFailedError } = await import("../pack/index.js");
  if (error instanceof LintFailedError) {
    const { formatters } = await import("@agent-plugin/plugin-lint");
    io.stdout(
      json
        ? `${JSON.stringify({ error: error.message, lint: error.report.results }, null, 2)}\n`
        : formatters.stylish!(error.report, { cwd: io.cwd, color: false, toolVersion: VERSION }),
    );
    io.stderr(`plugin-pack: ${error.message}\n`);
    return 1;
  }
  const known = error instanceof UsageError || error instanceof PackError || error instanceof ToolError;
  const message = error instanceof Error ? error.message : String(error);
  if (json) io.stdout(`${JSON.stringify({ error: message }, null, 2)}\n`);
  if (known) {
    io.stderr(`plugin-pack: ${message}\n`);
    return 2;
  }
  io.stderr(internalErrorText("plugin-pack", error));
  return 2;
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
}
