import {
  compareDiagnostics,
  discoverTargets,
  loadMarketplace,
  loadSkillFile,
  safeRealpath,
  isInside,
  type Diagnostic,
  type HostProfile,
  type JsonDocument,
  type PluginModel,
  type Target,
  type TargetSpec,
  targetLabel,
} from "@agent-plugin/core";
import ignore from "ignore";
import { relative } from "node:path";
import { loadConfig, type LintConfig } from "./config.js";
import { UsageError } from "@agent-plugin/core";
import { applyFixes } from "./fix.js";
import { createContext, dedupe } from "./findings.js";
import { marketplaceDocs, runPluginJobs } from "./lint-pool.js";
import { DEFAULT_RESOLVE_TIMEOUT_MS, type ResolveOptions, resolveNpmSources } from "./resolve/resolve.js";
import type { PluginLoad } from "./plugin-load.js";
import {
  familiesFor,
  type JobSetup,
  lintPluginJob,
  type PluginJob,
  type PluginJobResult,
  runSkill,
} from "./plugin-job.js";
import { reportFileProblem } from "./rules/file/index.js";
import { explicitTargets, marketplaceHost, marketplaceHostFor, mergeTargetRuns } from "./targets.js";

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
  /**
   * Threads that lint the plugins, the calling one included: by default one per core (at most three) on three cores or
   * more, when there are at least 24 plugins to lint; else 1, which lints everything on the calling thread. The report
   * is the same with any number.
   */
  threads?: number;
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
  const paths = options.paths ?? [];
  let run = await lintOnceParallel(paths, cwd, targets, config, options.threads);
  let fixedFiles: string[] = [];
  if (options.fix) {
    fixedFiles = applyFixes(run.diagnostics);
    if (fixedFiles.length > 0) run = await lintOnceParallel(paths, cwd, targets, config, options.threads);
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
    await resolveNpmSources(loadMarketplace(target.root, { host: marketHost, shallow: true }), context, {
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

/** A run's work before the plugins are linted: the findings found so far and the plugins to lint, in report order. */
interface RunPlan {
  /** The findings in the order they are collected: found already, or those of the job at that index. */
  parts: (Diagnostic[] | number)[];
  jobs: PluginJob[];
  /** The marketplace files already parsed, for the jobs whose entry is their plugin's manifest. */
  marketplaceDocs: Map<string, JsonDocument>;
  /**
   * What the marketplaces' shallow loads of their plugins read, by job root: their reads only, not the models (whose
   * parsed documents, held for every plugin at once, would make memory follow the marketplace's size).
   */
  priorLoads: Map<string, Pick<PluginModel, "readText">>;
  targets: Target[];
  skipped: string[];
}

/** Lints every plugin here, on the calling thread: for the packages `--resolve` fetches, one plugin each. */
function lintOnce(
  paths: readonly string[],
  cwd: string,
  targets: readonly HostProfile[] | undefined,
  config: LintConfig,
): Omit<LintReport, "fixedFiles"> {
  const plan = planRun(paths, cwd, targets, config);
  const setup = jobSetup(plan, targets, config);
  return finishRun(
    plan,
    plan.jobs.map((job) => lintPluginJob(job, setup)),
    config,
  );
}

/** Lints the plugins of a large marketplace on several threads (lint-pool.ts); the report is the same. */
async function lintOnceParallel(
  paths: readonly string[],
  cwd: string,
  targets: readonly HostProfile[] | undefined,
  config: LintConfig,
  threads: number | undefined,
): Promise<Omit<LintReport, "fixedFiles">> {
  const plan = planRun(paths, cwd, targets, config);
  const results = await runPluginJobs(
    plan.jobs,
    jobSetup(plan, targets, config),
    threads === undefined ? {} : { threads },
  );
  return finishRun(plan, results, config);
}

function jobSetup(plan: RunPlan, targets: readonly HostProfile[] | undefined, config: LintConfig): JobSetup {
  return {
    targets,
    config,
    marketplaceDoc: marketplaceDocs(plan.marketplaceDocs),
    takePriorLoad: (root) => {
      const prior = plan.priorLoads.get(root);
      plan.priorLoads.delete(root);
      return prior;
    },
  };
}

/**
 * Checks the marketplaces and skill files given, and lists the plugins to lint, each once. A marketplace's checks read
 * only the manifests and MCP files of its plugins (a shallow load), so no plugin's files stay in memory for them.
 */
function planRun(
  paths: readonly string[],
  cwd: string,
  targets: readonly HostProfile[] | undefined,
  config: LintConfig,
): RunPlan {
  const marketHost = marketplaceHost(targets);
  const discovery = discoverTargets(paths, targets === undefined ? { cwd } : { cwd, host: marketHost.id });
  if (discovery.missing.length > 0) {
    throw new UsageError(`no such file or folder: ${discovery.missing.join(", ")}`);
  }
  const plan: RunPlan = {
    parts: [],
    jobs: [],
    marketplaceDocs: new Map(),
    priorLoads: new Map(),
    targets: discovery.targets,
    skipped: discovery.unowned,
  };
  const planned = new Set<string>();
  const addJob = (job: PluginJob, realRoot?: string) => {
    const key = realRoot ?? safeRealpath(job.root);
    if (planned.has(key)) return;
    planned.add(key);
    plan.parts.push(plan.jobs.length);
    plan.jobs.push(job);
  };

  // Marketplaces first, so a plugin they list is linted once, with its cross-checks.
  const ordered = [...discovery.targets].sort((a, b) => order(a) - order(b));
  for (const target of ordered) {
    if (target.kind === "marketplace") {
      const host = marketplaceHostFor(target.root, targets);
      const marketplace = loadMarketplace(target.root, { host, shallow: true });
      const found: Diagnostic[] = [];
      const context = createContext(host, config, found);
      for (const family of familiesFor(marketplace.host)) family.marketplace?.(marketplace, context);
      plan.parts.push(found);
      if (marketplace.file) plan.marketplaceDocs.set(marketplace.file.path, marketplace.file.doc);
      for (const entry of marketplace.entries) {
        if (!entry.pluginRoot) continue;
        if (entry.plugin && !plan.priorLoads.has(entry.pluginRoot))
          plan.priorLoads.set(entry.pluginRoot, { readText: entry.plugin.readText });
        const manifest = entry.entryManifest;
        addJob(
          {
            root: entry.pluginRoot,
            host: targetLabel(host),
            ...(manifest ? { entry: { file: manifest.path, index: entry.index } } : {}),
          },
          entry.pluginRealRoot,
        );
      }
    } else if (target.kind === "plugin") {
      addJob({ root: target.root });
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
      plan.parts.push(mergeTargetRuns(runs));
    }
  }
  return plan;
}

/** The report: every finding in collection order, deduplicated, filtered by the config's ignores, sorted. */
function finishRun(
  plan: RunPlan,
  results: readonly PluginJobResult[],
  config: LintConfig,
): Omit<LintReport, "fixedFiles"> {
  const collected = plan.parts.flatMap((part) => (typeof part === "number" ? results[part]!.diagnostics : part));
  const plugins = results.map((result) => result.load);
  const ignored = config.ignores.length > 0 ? ignore().add(config.ignores) : undefined;
  const diagnostics = dedupe(collected)
    .filter((d) => {
      if (!ignored) return true;
      if (!isInside(config.baseDir, d.file)) return true;
      const rel = relative(config.baseDir, d.file);
      return rel === "" || !ignored.ignores(rel.split("\\").join("/"));
    })
    .sort(compareDiagnostics);
  return {
    results: withPluginLoads(toResults(diagnostics), plugins),
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === "error").length,
    warningCount: diagnostics.filter((d) => d.severity === "warning").length,
    targets: plan.targets,
    skipped: plan.skipped,
    plugins,
  };
}

function order(target: Target): number {
  return target.kind === "marketplace" ? 0 : target.kind === "plugin" ? 1 : 2;
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
