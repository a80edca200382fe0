import { type CommandSpec, type OptionValues, UsageError } from "@agent-plugin/core/cli";
import { isTargetId, type TargetId } from "@agent-plugin/core/model";

/** Where the CLI runs and prints; tests pass their own to run a command in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Stops a long-running command (`try --watch`); the bin stops it on Ctrl-C instead. */
  signal?: AbortSignal;
}

/** What a command's handler gets: its parsed flags and arguments, and where to print. */
export interface CommandContext {
  values: OptionValues;
  positionals: readonly string[];
  io: CliIo;
  /** Prints the command's result: as JSON with --json (the library's data), else as text. */
  print(data: unknown, text: string): void;
}

/**
 * A command as plugin-pack declares it: core's spec (arguments, options, help), and its handler, which
 * loads the command's code only when it runs, so the bin starts without the code of the other commands.
 */
export interface PackCommand extends CommandSpec {
  run(context: CommandContext): Promise<number>;
}

/** A string flag's value, or undefined when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Every value of a flag that may repeat (`--trust a --trust b`). */
export function stringsOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** `--target`, checked: codex, claude-code or agent-plugins (the standard's root plugin.json). */
export function targetOption(values: OptionValues): TargetId | undefined {
  const value = values.target;
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isTargetId(value))
    throw new UsageError(`unknown --target "${String(value)}": use codex, claude-code or agent-plugins`);
  return value;
}

/** `--max-always-on-tokens`: a whole number of 0 or more, or undefined when not given. */
export function maxAlwaysOnTokensOption(values: OptionValues): number | undefined {
  const value = stringOption(values, "max-always-on-tokens");
  if (value === undefined) return undefined;
  const max = Number(value);
  if (value.trim() === "" || !Number.isInteger(max) || max < 0)
    throw new UsageError(`--max-always-on-tokens takes a whole number of 0 or more, not "${value}"`);
  return max;
}
