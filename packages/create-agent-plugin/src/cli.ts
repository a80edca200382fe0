import {
  fdOutput,
  formatHelp,
  guardStandardStreams,
  isTerminal,
  parseCommandLine,
  reportError,
  type ToolOutput,
} from "@agent-plugin/core/cli";
import { type CreateFlags, createCli } from "./cli-spec.js";
import { VERSION } from "./version.js";

// The bin's whole job: `await runMain("create-agent-plugin", runCli)`. Exported here so the bin imports one module.
// Core's CLI kit comes from its own entry ("@agent-plugin/core/cli"), so the bin's start-up chunk holds only the kit
// and this declaration: the rest is loaded once argv asks to create a plugin.
export { runMain } from "@agent-plugin/core/cli";

export interface CliIo extends ToolOutput {
  cwd: string;
  /**
   * The environment the command runs in: CREATE_AGENT_PLUGIN_NODE_VERSION stands in for the running Node (tests pin
   * it, so the golden files do not depend on the Node that runs them; it only picks the changesets major), and
   * npm_config_user_agent names the package manager that started the run (`pnpm create agent-plugin`).
   */
  env: NodeJS.ProcessEnv;
  /** Prompt for the values the flags leave out (unless --yes); default: never. */
  interactive?: boolean;
  /** The Node version that picks the changesets major; default: from env, else the running Node's. */
  nodeVersion?: string;
  /** The package manager that runs create (`pnpm` or `pnpm@10.34.8`); default: the one env's user agent names. */
  packageManager?: string;
}

/** Parses argv, creates the plugin, prints a summary, and returns the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    return await createCommand(argv, io);
  } catch (error) {
    return reportError(createCli.name, error, io);
  }
}

async function createCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(createCli, argv);
  const flags = values as CreateFlags;
  if (flags.help) {
    io.stdout(formatHelp(createCli));
    return 0;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const { runCreateCommand } = await import("./create-command.js");
  return await runCreateCommand(flags, positionals, io);
}

function defaultIo(): CliIo {
  // The rule: interactive when stdin and stdout are terminals and CI is unset (--yes is checked in runCli).
  const interactive = isTerminal(0) && isTerminal(1) && process.env.CI === undefined;
  // The prompts write through Node's streams.
  if (interactive) guardStandardStreams("create-agent-plugin");
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: fdOutput(1),
    stderr: fdOutput(2),
    interactive,
  };
}
