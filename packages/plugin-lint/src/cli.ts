import { argvErrorMessage, internalErrorText, isHostId, writeFileAtomic } from "@agent-plugin/core";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError, WriteError } from "./errors.js";
import { formatters } from "./formatters/index.js";
import { lint } from "./lint.js";
import { VERSION } from "./version.js";

const HELP = `Usage: plugin-lint [options] [paths...]

Lint agent plugins: manifests, skills, MCP server / app / hook files, and marketplaces.
A path may be a plugin folder, a marketplace repo (.agents/plugins/marketplace.json),
a skill folder or SKILL.md, or any file inside a plugin. Default: the current folder.

Options:
  -f, --format <name>      stylish (default), json (ESLint-compatible), sarif, github
  -o, --output-file <file> write the report to a file instead of standard output
  -c, --config <file>      config file (default: .pluginlintrc.json in the current folder)
      --target <host>      codex (default) or claude-code
      --fix                apply mechanical fixes, then report what remains
      --max-warnings <n>   exit 1 when there are more than n warnings
      --quiet              report errors only
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings, 2 usage error.

Examples:
  plugin-lint                                   lint the plugin or marketplace in this folder
  plugin-lint plugins/* --format github         annotate a pull request in GitHub Actions
  plugin-lint --format sarif -o lint.sarif      for GitHub code scanning
  plugin-lint --max-warnings 0 --fix            fix what can be fixed; fail on any finding
`;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
}

/** Parses argv, runs the linter, prints, and returns the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const { values, positionals } = parseCliArgs(argv);
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const format = values.format ?? "stylish";
    const formatter = formatters[format];
    if (!formatter) throw new UsageError(`unknown --format "${format}": use stylish, json, sarif or github`);
    if (values.target !== undefined && !isHostId(values.target))
      throw new UsageError(`unknown --target "${values.target}": use codex or claude-code`);
    let maxWarnings: number | undefined;
    if (values["max-warnings"] !== undefined) {
      maxWarnings = Number(values["max-warnings"]);
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
        throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${values["max-warnings"]}"`);
    }
    const report = await lint({
      paths: positionals,
      cwd: io.cwd,
      fix: values.fix ?? false,
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.target === undefined ? {} : { target: values.target as "codex" | "claude-code" }),
    });
    const shown = values.quiet ? withoutWarnings(report) : report;
    const output = formatter(shown, {
      cwd: io.cwd,
      color: io.color && format === "stylish" && !values["output-file"],
      toolVersion: VERSION,
    });
    if (values["output-file"]) writeReport(resolve(io.cwd, values["output-file"]), output);
    else io.stdout(output);
    if (shown.errorCount > 0) return 1;
    if (maxWarnings !== undefined && shown.warningCount > maxWarnings) {
      io.stderr(
        `plugin-lint: ${shown.warningCount} warning${shown.warningCount === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof WriteError) {
      io.stderr(`plugin-lint: ${error.message}\n`);
      return 2;
    }
    io.stderr(internalErrorText("plugin-lint", error));
    return 2;
  }
}

function parseCliArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        target: { type: "string" },
        fix: { type: "boolean" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(`${argvErrorMessage(error)}; see plugin-lint --help`);
  }
}

/** Like ESLint, creates the report's folder; any failure is a one-line error, not a crash. */
function writeReport(path: string, output: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, output);
  } catch (error) {
    throw new WriteError(
      `cannot write the report to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

function withoutWarnings<T extends Awaited<ReturnType<typeof lint>>>(report: T): T {
  const diagnostics = report.diagnostics.filter((d) => d.severity === "error");
  const results = report.results
    .map((r) => ({
      ...r,
      messages: r.messages.filter((m) => m.severity === 2),
      warningCount: 0,
      fixableWarningCount: 0,
    }))
    .filter((r) => r.messages.length > 0);
  return { ...report, diagnostics, results, warningCount: 0 };
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb",
  };
}
