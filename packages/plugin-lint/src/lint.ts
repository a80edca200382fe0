import {
  compareDiagnostics,
  discoverTargets,
  loadMarketplace,
  loadPlugin,
  loadSkillFile,
  locate,
  safeRealpath,
  hostProfiles,
  isInside,
  type Diagnostic,
  type HostId,
  type PluginModel,
  type Severity,
  type SkillFile,
  type Target,
} from "@agent-plugin/core";
import ignore from "ignore";
import { relative } from "node:path";
import { configuredSetting, loadConfig, type LintConfig } from "./config.js";
import { UsageError } from "@agent-plugin/core";
import { applyFixes } from "./fix.js";
import type { Report, RuleContext, RuleFamily } from "./rule.js";
import { reportFileProblem } from "./rules/file/index.js";
import { ruleFamilies, ruleMetas } from "./rules/index.js";

export interface LintOptions {
  /** Plugin folders, marketplace repos, skill folders, or any files inside them. Default: `cwd`. */
  paths?: readonly string[];
  cwd?: string;
  /** Host profile. Default: the config's `target`, else `codex`. */
  target?: HostId;
  /** A config file path, or a config object; default: `.pluginlintrc.json` in `cwd` when present. */
  config?: string | LintConfig;
  /** Apply mechanical fixes, then report what remains. */
  fix?: boolean;
}

/** ESLint-compatible message: severity 1 is a warning, 2 an error. */
export interface LintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

export interface LintFileResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export interface LintReport {
  /** One entry per file with findings, in path order: the same data `--format json` prints. */
  results: LintFileResult[];
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Files that `fix` changed. */
  fixedFiles: string[];
  targets: Target[];
  /** Paths given that belong to no plugin and were skipped. */
  skipped: string[];
}

export async function lint(options: LintOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  const config = typeof options.config === "object" ? options.config : loadConfig(options.config, cwd);
  const host = options.target ?? config.target ?? "codex";
  let run = lintOnce(options.paths ?? [], cwd, host, config);
  let fixedFiles: string[] = [];
  if (options.fix) {
    fixedFiles = applyFixes(run.diagnostics);
    if (fixedFiles.length > 0) run = lintOnce(options.paths ?? [], cwd, host, config);
  }
  return { ...run, fixedFiles };
}

function lintOnce(
  paths: readonly string[],
  cwd: string,
  hostId: HostId,
  config: LintConfig,
): Omit<LintReport, "fixedFiles"> {
  const discovery = discoverTargets(paths, { cwd, host: hostId });
  if (discovery.missing.length > 0) {
    throw new UsageError(`no such file or folder: ${discovery.missing.join(", ")}`);
  }
  const host = hostProfiles[hostId];
  const collected: Diagnostic[] = [];
  const context = createContext(host, config, collected);
  const families = ruleFamilies;
  const lintedPlugins = new Set<string>();

  const runPlugin = (plugin: PluginModel) => {
    const key = safeRealpath(plugin.root);
    if (lintedPlugins.has(key)) return;
    lintedPlugins.add(key);
    for (const family of families) family.plugin?.(plugin, context);
    for (const skill of plugin.skills) runSkill(families, skill, context, plugin);
  };

  // Marketplaces first, so a plugin they list is linted once, with its cross-checks.
  const ordered = [...discovery.targets].sort((a, b) => order(a) - order(b));
  for (const target of ordered) {
    if (target.kind === "marketplace") {
      const marketplace = loadMarketplace(target.root, { host: hostId });
      for (const family of families) family.marketplace?.(marketplace, context);
      for (const entry of marketplace.entries) if (entry.plugin) runPlugin(entry.plugin);
    } else if (target.kind === "plugin") {
      runPlugin(loadPlugin(target.root, { host: hostId }));
    } else {
      const loaded = loadSkillFile(target.path);
      if (loaded.ok) runSkill(families, loaded.skill, context, undefined);
      else {
        const { reason, message, offset } = loaded.failure;
        reportFileProblem(context, undefined, {
          path: target.path,
          reason,
          message,
          ...(offset === undefined ? {} : { offset }),
        });
      }
    }
  }

  const ignored = config.ignores.length > 0 ? ignore().add(config.ignores) : undefined;
  const diagnostics = dedupe(collected)
    .filter((d) => {
      if (!ignored) return true;
      if (!isInside(config.baseDir, d.file)) return true;
      const rel = relative(config.baseDir, d.file);
      return rel === "" || !ignored.ignores(rel.split("\\").join("/"));
    })
    .sort(compareDiagnostics);
  const results = toResults(diagnostics);
  return {
    results,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === "error").length,
    warningCount: diagnostics.filter((d) => d.severity === "warning").length,
    targets: discovery.targets,
    skipped: discovery.unowned,
  };
}

function order(target: Target): number {
  return target.kind === "marketplace" ? 0 : target.kind === "plugin" ? 1 : 2;
}

function runSkill(
  families: readonly RuleFamily[],
  skill: SkillFile,
  context: RuleContext,
  plugin: PluginModel | undefined,
): void {
  for (const family of families) family.skill?.(skill, context, plugin);
}

function createContext(host: RuleContext["host"], config: LintConfig, sink: Diagnostic[]): RuleContext {
  return {
    host,
    report(report: Report) {
      const meta = ruleMetas.get(report.ruleId);
      if (!meta) throw new Error(`internal: rule "${report.ruleId}" reported a finding but is not registered`);
      if (meta.hosts && !meta.hosts.includes(host.id)) return;
      const setting = configuredSetting(config, report.ruleId);
      if (setting === "off") return;
      const severity: Severity =
        setting === "warn" ? "warning" : setting === "error" ? "error" : (report.severity ?? meta.severity);
      const span = resolveSpan(report);
      const diagnostic: Diagnostic = {
        ruleId: report.ruleId,
        severity,
        message: report.message,
        file: report.file,
        line: span.line,
        column: span.column,
        endLine: span.endLine,
        endColumn: span.endColumn,
      };
      if (report.fix) diagnostic.fix = report.fix;
      sink.push(diagnostic);
    },
  };
}

function resolveSpan(report: Report): { line: number; column: number; endLine: number; endColumn: number } {
  const at = report.at;
  if (!at) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if ("line" in at) return { line: at.line, column: at.column, endLine: at.line, endColumn: at.column };
  if ("doc" in at) {
    const found = locate(at.doc, at.path, at.part ?? "value");
    const span = at.doc.lines.span(found.offset, found.offset + found.length);
    return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  }
  const span = at.lines.span(at.offset, at.offset + at.length);
  return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.ruleId}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toResults(diagnostics: readonly Diagnostic[]): LintFileResult[] {
  const byFile = new Map<string, LintFileResult>();
  for (const d of diagnostics) {
    let result = byFile.get(d.file);
    if (!result) {
      result = {
        filePath: d.file,
        messages: [],
        errorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      };
      byFile.set(d.file, result);
    }
    const message: LintMessage = {
      ruleId: d.ruleId,
      severity: d.severity === "error" ? 2 : 1,
      message: d.message,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
    };
    if (d.fix?.kind === "edit") message.fix = { range: d.fix.range, text: d.fix.text };
    result.messages.push(message);
    if (d.severity === "error") {
      result.errorCount++;
      if (d.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (d.fix) result.fixableWarningCount++;
    }
  }
  return [...byFile.values()];
}
