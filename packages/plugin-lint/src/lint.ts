import {
  compareDiagnostics,
  discoverTargets,
  loadMarketplace,
  loadPlugin,
  loadSkillFile,
  locate,
  safeRealpath,
  isInside,
  type Diagnostic,
  type HostProfile,
  type PluginModel,
  type Severity,
  type SkillFile,
  type Target,
  type TargetSpec,
} from "@agent-plugin/core";
import ignore from "ignore";
import { relative } from "node:path";
import { configuredSetting, loadConfig, type LintConfig } from "./config.js";
import { UsageError } from "@agent-plugin/core";
import { applyFixes } from "./fix.js";
import { DEFAULT_RESOLVE_TIMEOUT_MS, type ResolveOptions, resolveNpmSources } from "./resolve/resolve.js";
import { type PluginLoad, targetLoad } from "./plugin-load.js";
import type { Report, RuleContext, RuleFamily } from "./rule.js";
import { reportFileProblem } from "./rules/file/index.js";
import { ruleFamilies, ruleMetas } from "./rules/index.js";
import {
  defaultTargets,
  explicitTargets,
  marketplaceHost,
  marketplaceHostFor,
  mergeTargetRuns,
  type TargetRun,
} from "./targets.js";

export type { LoadedItem, PluginLoad, TargetLoad } from "./plugin-load.js";

export interface LintOptions {
  /** Plugin folders, marketplace repos, skill folders, or any files inside them. Default: `cwd`. */
  paths?: readonly string[];
  cwd?: string;
  /**
   * What to lint for: a host (`"codex"`, or a verified older release: `"codex@0.117"`), the Agent Plugins standard
   * (`"agent-plugins"`), or several. Default: the config's `targets` or `target`, else the targets each plugin
   * declares (see docs/configuration.md).
   */
  target?: TargetSpec | readonly TargetSpec[];
  /** A config file path, or a config object; default: `.pluginlintrc.json` in `cwd` when present. */
  config?: string | LintConfig;
  /** Apply mechanical fixes, then report what remains. */
  fix?: boolean;
  /**
   * Fetch each npm source of a marketplace (`npm pack --ignore-scripts`, with a timeout) and lint the package as the
   * plugin it is; its findings are reported on the marketplace entry. `true` uses npm with the user's config.
   */
  resolve?: boolean | ResolveOptions;
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
  /** For a plugin linted for several targets, when only some of them have this finding: those targets. */
  onlyFor?: TargetSpec[];
}

export interface LintFileResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /**
   * On the manifest of a plugin linted for several targets (an entry with no messages when it has no findings): what
   * each target loads from the plugin.
   */
  pluginLoad?: PluginLoad;
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
  /**
   * Every plugin linted, with what each of its targets loads from it. Always set by `lint()`; optional so that
   * reports put together from several runs (plugin-pack's release) need not carry it.
   */
  plugins?: PluginLoad[];
}

export async function lint(options: LintOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  const config = typeof options.config === "object" ? options.config : loadConfig(options.config, cwd);
  const targets = explicitTargets(options.target, config);
  let run = lintOnce(options.paths ?? [], cwd, targets, config);
  let fixedFiles: string[] = [];
  if (options.fix) {
    fixedFiles = applyFixes(run.diagnostics);
    if (fixedFiles.length > 0) run = lintOnce(options.paths ?? [], cwd, targets, config);
  }
  if (options.resolve) run = await withResolvedSources(run, targets, config, options.resolve);
  return { ...run, fixedFiles };
}

/** Adds the findings of `--resolve` for every marketplace the run linted. */
async function withResolvedSources(
  run: Omit<LintReport, "fixedFiles">,
  targets: readonly HostProfile[] | undefined,
  config: LintConfig,
  options: true | ResolveOptions,
): Promise<Omit<LintReport, "fixedFiles">> {
  const settings = options === true ? {} : options;
  const marketHost = marketplaceHost(targets);
  const found: Diagnostic[] = [];
  const context = createContext(marketHost, config, found);
  const fetcher = settings.fetcher ?? (await import("./resolve/npm-pack.js")).npmPackFetcher;
  for (const target of run.targets) {
    if (target.kind !== "marketplace") continue;
    await resolveNpmSources(loadMarketplace(target.root, { host: marketHost }), context, {
      fetcher,
      timeoutMs: settings.timeoutMs ?? DEFAULT_RESOLVE_TIMEOUT_MS,
      lintPackage: (dir) => lintOnce([dir], dir, [marketHost], { ...config, ignores: [], baseDir: dir }).diagnostics,
    });
  }
  if (found.length === 0) return run;
  const diagnostics = dedupe([...run.diagnostics, ...found]).sort(compareDiagnostics);
  return {
    ...run,
    diagnostics,
    results: withPluginLoads(toResults(diagnostics), run.plugins ?? []),
    errorCount: diagnostics.filter((d) => d.severity === "error").length,
    warningCount: diagnostics.filter((d) => d.severity === "warning").length,
  };
}

function familiesFor(host: HostProfile): RuleFamily[] {
  return ruleFamilies.filter((family) => !family.layouts || family.layouts.includes(host.layout));
}

function lintOnce(
  paths: readonly string[],
  cwd: string,
  targets: readonly HostProfile[] | undefined,
  config: LintConfig,
): Omit<LintReport, "fixedFiles"> {
  const marketHost = marketplaceHost(targets);
  const discovery = discoverTargets(paths, targets === undefined ? { cwd } : { cwd, host: marketHost.id });
  if (discovery.missing.length > 0) {
    throw new UsageError(`no such file or folder: ${discovery.missing.join(", ")}`);
  }
  const collected: Diagnostic[] = [];
  const plugins: PluginLoad[] = [];
  const lintedPlugins = new Set<string>();

  /** Lints one plugin for each of its targets, reusing a model already loaded for one of them. */
  const runPlugin = (root: string, loaded?: PluginModel) => {
    const key = safeRealpath(root);
    if (lintedPlugins.has(key)) return;
    lintedPlugins.add(key);
    const runs: (TargetRun & { plugin: PluginModel })[] = (targets ?? defaultTargets(root)).map((target) => {
      const plugin = loaded?.host === target ? loaded : loadPlugin(root, { host: target });
      const diagnostics: Diagnostic[] = [];
      const context = createContext(plugin.host, config, diagnostics);
      const families = familiesFor(plugin.host);
      for (const family of families) family.plugin?.(plugin, context);
      for (const skill of plugin.skills) runSkill(families, skill, context, plugin);
      return { target, plugin, diagnostics: dedupe(diagnostics) };
    });
    plugins.push({ root, targets: runs.map((run) => targetLoad(run.plugin, run.diagnostics)) });
    collected.push(...mergeTargetRuns(runs));
    if (runs.length > 1) {
      // Checks across the manifests of several targets: one finding each, whatever the targets.
      const first = runs[0]!.plugin;
      const context = createContext(first.host, config, collected);
      for (const family of ruleFamilies)
        family.targets?.(
          runs.map((run) => run.plugin),
          context,
        );
    }
  };

  // Marketplaces first, so a plugin they list is linted once, with its cross-checks.
  const ordered = [...discovery.targets].sort((a, b) => order(a) - order(b));
  for (const target of ordered) {
    if (target.kind === "marketplace") {
      const host = marketplaceHostFor(target.root, targets);
      const marketplace = loadMarketplace(target.root, { host });
      const context = createContext(host, config, collected);
      for (const family of familiesFor(marketplace.host)) family.marketplace?.(marketplace, context);
      for (const entry of marketplace.entries) if (entry.pluginRoot) runPlugin(entry.pluginRoot, entry.plugin);
    } else if (target.kind === "plugin") {
      runPlugin(target.root);
    } else {
      const loaded = loadSkillFile(target.path);
      const runs = (targets ?? [marketHost]).map((profile) => {
        const diagnostics: Diagnostic[] = [];
        const context = createContext(profile, config, diagnostics);
        if (loaded.ok) runSkill(familiesFor(context.host), loaded.skill, context, undefined);
        else {
          const { reason, message, offset } = loaded.failure;
          reportFileProblem(context, undefined, {
            path: target.path,
            reason,
            message,
            ...(offset === undefined ? {} : { offset }),
          });
        }
        return { target: profile, diagnostics: dedupe(diagnostics) };
      });
      collected.push(...mergeTargetRuns(runs));
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
  const results = withPluginLoads(toResults(diagnostics), plugins);
  return {
    results,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === "error").length,
    warningCount: diagnostics.filter((d) => d.severity === "warning").length,
    targets: discovery.targets,
    skipped: discovery.unowned,
    plugins,
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
    if (d.onlyFor) message.onlyFor = d.onlyFor;
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

/** The file a plugin's load table is attached to: the first manifest its targets read, else the plugin folder. */
function loadAnchor(load: PluginLoad): string {
  return load.targets.flatMap((target) => target.manifests)[0] ?? load.root;
}

/** Attaches the load table of every plugin linted for several targets to its manifest's result, in path order. */
function withPluginLoads(results: LintFileResult[], plugins: readonly PluginLoad[]): LintFileResult[] {
  const out = [...results];
  for (const load of plugins) {
    if (load.targets.length < 2) continue;
    const filePath = loadAnchor(load);
    let result = out.find((r) => r.filePath === filePath);
    if (!result) {
      result = {
        filePath,
        messages: [],
        errorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      };
      out.push(result);
    }
    result.pluginLoad = load;
  }
  return out.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}
