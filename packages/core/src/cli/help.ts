import { type ArgumentSpec, type CliSpec, hasSubcommands, type OptionSpec } from "./declare.js";

const WIDTH = 100;
const GAP = 2;
const MAX_LEFT = 34;

/**
 * The help text of a declared CLI: the whole tool (`<tool> --help`), or one command (`<tool> <command> --help`).
 * A one-command tool's help is its command's.
 */
export function formatHelp(spec: CliSpec, commandName?: string): string {
  if (!hasSubcommands(spec)) return commandHelp(spec, spec.defaultCommand, spec.name);
  if (commandName !== undefined) return commandHelp(spec, commandName, `${spec.name} ${commandName}`);
  const lines = [`Usage: ${spec.name} [command] [options]`, "", ...wrap(spec.description, WIDTH), "", "Commands:"];
  const rows = Object.entries(spec.commands).map(([name, command]): [string, string] => [
    [spec.name, name === spec.defaultCommand ? "" : name, argumentsUsage(command.arguments)].filter(Boolean).join(" "),
    command.summary,
  ]);
  lines.push(...table(rows), "", "Options of every command:", ...table(optionRows(spec.globalOptions)));
  lines.push("", `Run ${spec.name} <command> --help for a command's arguments and options.`);
  if (spec.footer) lines.push("", ...spec.footer.trimEnd().split("\n"));
  return `${lines.join("\n")}\n`;
}

function commandHelp(spec: CliSpec, name: string, invocation: string): string {
  const command = spec.commands[name];
  if (!command) throw new Error(`${spec.name}: no command "${name}" is declared`);
  const usage = [invocation, argumentsUsage(command.arguments), "[options]"].filter(Boolean).join(" ");
  const lines = [`Usage: ${usage}`, ""];
  const about = hasSubcommands(spec) ? (command.description ?? command.summary) : spec.description;
  for (const paragraph of about.split("\n\n")) lines.push(...wrap(paragraph, WIDTH), "");
  if (command.arguments?.length) {
    lines.push("Arguments:", ...table(command.arguments.map((a) => [a.name, a.description])), "");
  }
  lines.push("Options:", ...table(optionRows({ ...command.options, ...spec.globalOptions })));
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((example) => `  ${example}`));
  if (spec.footer) lines.push("", ...spec.footer.trimEnd().split("\n"));
  return `${lines.join("\n")}\n`;
}

function argumentsUsage(declared: readonly ArgumentSpec[] | undefined): string {
  return (declared ?? [])
    .map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`) + (a.variadic ? "..." : ""))
    .join(" ");
}

function optionRows(options: Readonly<Record<string, OptionSpec>>): [string, string][] {
  return Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : "    "}--${name}${option.value ? ` <${option.value}>` : ""}`;
    return [flag, option.description];
  });
}

/** Two columns: the left one as wide as its longest entry (up to a limit), the right one wrapped. */
function table(rows: readonly [string, string][]): string[] {
  const left = Math.min(MAX_LEFT, Math.max(0, ...rows.map(([l]) => l.length)));
  const right = WIDTH - 2 - left - GAP;
  const out: string[] = [];
  for (const [label, text] of rows) {
    const wrapped = wrap(text, right);
    const pad = " ".repeat(2 + left + GAP);
    if (label.length > left) {
      out.push(`  ${label}`, ...wrapped.map((line) => pad + line));
    } else {
      out.push(`  ${label.padEnd(left + GAP)}${wrapped[0] ?? ""}`, ...wrapped.slice(1).map((line) => pad + line));
    }
  }
  return out;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraphLine of text.split("\n")) {
    let line = "";
    for (const word of paragraphLine.split(/ +/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}
