import { resolveTarget, type TargetSpec, UsageError, writeFileAtomic } from "@agent-plugin/core";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CliIo } from "./cli.js";
import type { LintFlags } from "./cli-spec.js";
import { WriteError } from "./errors.js";
import { formatters } from "./formatters/index.js";
import { lint } from "./lint.js";
import { formatProfileSummaries, profileSummaries } from "./print-hosts.js";
import { VERSION } from "./version.js";

/**
 * `plugin-lint [paths]` once its command line is parsed: lints, prints, and returns the exit code. cli.ts loads this
 * module only for a lint (not for --help, --version or a usage error found while parsing), so those start without
 * the linter.
 */
export async function runLintCommand(flags: LintFlags, positionals: readonly string[], io: CliIo): Promise<number> {
  if (flags["print-hosts"]) {
    const summaries = profileSummaries();
    if (flags.format === "json") io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
    else if (flags.format === undefined || flags.format === "stylish") io.stdout(formatProfileSummaries(summaries));
    else throw new UsageError(`--print-hosts prints stylish or json, not "${flags.format}"`);
    return 0;
  }
  const format = flags.format ?? "stylish";
  const formatter = formatters[format];
  if (!formatter) throw new UsageError(`unknown --format "${format}": use stylish, json, sarif or github`);
  const targets = flags.target === undefined ? undefined : parseTargets(flags.target);
  let maxWarnings: number | undefined;
  if (flags["max-warnings"] !== undefined) {
    maxWarnings = Number(flags["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
      throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${flags["max-warnings"]}"`);
  }
  const report = await lint({
    paths: positionals,
    cwd: io.cwd,
    fix: flags.fix ?? false,
    resolve: flags.resolve ?? false,
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(targets === undefined ? {} : { target: targets }),
  });
  const shown = flags.quiet ? withoutWarnings(report) : report;
  const output = formatter(shown, {
    cwd: io.cwd,
    color: io.color && format === "stylish" && !flags["output-file"],
    toolVersion: VERSION,
  });
  if (flags["output-file"]) writeReport(resolve(io.cwd, flags["output-file"]), output);
  else io.stdout(output);
  if (shown.errorCount > 0) return 1;
  if (maxWarnings !== undefined && shown.warningCount > maxWarnings) {
    io.stderr(
      `plugin-lint: ${shown.warningCount} warning${shown.warningCount === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`,
    );
    return 1;
  }
  return 0;
}

/** `--target codex,agent-plugins` or `--target codex@0.117`: one or more targets, comma-separated. */
function parseTargets(value: string): TargetSpec[] {
  const names = value.split(",").map((name) => name.trim());
  for (const name of names) {
    const resolved = resolveTarget(name);
    if (!resolved.ok) throw new UsageError(resolved.message);
  }
  return [...new Set(names as TargetSpec[])];
}

/** Like ESLint, creates the report's folder; any failure is a one-line error, not a crash. */
function writeReport(path: string, output: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, output);
  } catch (error) {
    throw new WriteError(
      `cannot write the report to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { file: path },
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
    .filter((r) => r.messages.length > 0 || r.pluginLoad !== undefined);
  return { ...report, diagnostics, results, warningCount: 0 };
}
