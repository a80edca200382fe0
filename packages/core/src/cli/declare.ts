import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";

/**
 * A CLI declared once: its commands, arguments and options, from which both the argv parser and the
 * help text are made, so the two cannot drift apart (and tests read the same declaration).
 */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given more than once; the values come back as an array. */
  multiple?: boolean;
  /** The placeholder shown in help: `--out <dir>`. */
  value?: string;
  /** What it does, one or more sentences; wrapped to the help's width. */
  description: string;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  /** Shown as `<name>` when required, `[name]` when optional; `...` when it repeats. */
  required?: boolean;
  variadic?: boolean;
}

export interface CommandSpec {
  /** What it does, one line, shown in the command list. */
  summary: string;
  /** Longer help, shown above the options of `<tool> <command> --help`. */
  description?: string;
  arguments?: readonly ArgumentSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  examples?: readonly string[];
}

export interface CliSpec {
  name: string;
  /** One paragraph under the usage line. */
  description: string;
  /** Options every command takes (`--json`, `--help`, `--version`). */
  globalOptions: Readonly<Record<string, OptionSpec>>;
  /**
   * A tool with subcommands. The default command runs when the first argument names none
   * (`plugin-pack <dir>` packs). A tool without subcommands has one command under `defaultCommand`.
   */
  commands: Readonly<Record<string, CommandSpec>>;
  defaultCommand: string;
  /** Exit codes and other closing lines of the help. */
  footer?: string;
}

/** The values parseCommandLine gives for a set of declared options, keyed and typed as the declaration says. */
export type FlagValues<Options extends Readonly<Record<string, OptionSpec>>> = {
  -readonly [Name in keyof Options]?: Options[Name] extends { multiple: true }
    ? Options[Name]["type"] extends "boolean"
      ? boolean[]
      : string[]
    : Options[Name]["type"] extends "boolean"
      ? boolean
      : string;
};

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface ParsedCommandLine {
  command: string;
  /** Whether argv named the command (`plugin-pack pack`) rather than falling back to the default one. */
  explicit: boolean;
  values: OptionValues;
  positionals: string[];
}

/** Splits argv into the command, its option values and positionals; bad flags throw a UsageError. */
export function parseCommandLine(spec: CliSpec, argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  // A one-command tool never reads its first argument as a command: `plugin-lint lint` lints the folder "lint".
  const explicit = hasSubcommands(spec) && first !== undefined && Object.hasOwn(spec.commands, first);
  const command = explicit ? first : spec.defaultCommand;
  const args = explicit ? rest : [...argv];
  const commandSpec = spec.commands[command];
  if (!commandSpec) throw new Error(`${spec.name}: the default command "${command}" is not declared`);
  const options = optionsOf(spec, commandSpec);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: toParseArgs(options), allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${argvErrorMessage(error)}; see ${spec.name} --help`);
  }
  const values = parsed.values as OptionValues;
  if (values.help !== true && values.version !== true) checkPositionals(spec, command, commandSpec, parsed.positionals);
  return { command, explicit, values, positionals: parsed.positionals };
}

export function hasSubcommands(spec: CliSpec): boolean {
  return Object.keys(spec.commands).length > 1;
}

/** Every option a command takes: its own, then the global ones. */
export function optionsOf(spec: CliSpec, command: CommandSpec): Record<string, OptionSpec> {
  return { ...command.options, ...spec.globalOptions };
}

function toParseArgs(options: Record<string, OptionSpec>) {
  const out: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, option] of Object.entries(options)) {
    out[name] = {
      type: option.type,
      ...(option.short === undefined ? {} : { short: option.short }),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  return out;
}

function checkPositionals(spec: CliSpec, name: string, command: CommandSpec, positionals: string[]): void {
  const declared = command.arguments ?? [];
  const min = declared.filter((argument) => argument.required).length;
  const variadic = declared.some((argument) => argument.variadic);
  const label = hasSubcommands(spec) ? name : spec.name;
  if (positionals.length < min) {
    const missing = declared.filter((argument) => argument.required).slice(positionals.length);
    throw new UsageError(`${label} needs ${missing.map((a) => `<${a.name}>`).join(" ")}; see ${spec.name} --help`);
  }
  if (!variadic && positionals.length > declared.length) {
    const extra = positionals.slice(declared.length).join(" ");
    const max = declared.length;
    const takes = max === 0 ? "no arguments" : `at most ${max} argument${max === 1 ? "" : "s"}`;
    throw new UsageError(`${label} takes ${takes}, got "${extra}"; see ${spec.name} --help`);
  }
}

/**
 * The first sentence of an argv parsing error from node:util's parseArgs. Node's messages run over
 * several lines with advice about `--`; a CLI prints one line, so this is the part worth showing.
 */
export function argvErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/\. To specify .*$/, "").replace(/\.$/, "");
}
