// One plugin linted for each of its targets: the unit of work of a run, done on the calling thread or on a worker
// (lint-pool.ts). A job is paths and target names only, so it crosses to a worker; its result is plain data.
import {
  type Diagnostic,
  type HostProfile,
  type JsonDocument,
  jsonSubDocument,
  loadPlugin,
  type PluginLoadOptions,
  type PluginModel,
  profileFor,
  type SkillFile,
  type TargetSpec,
  walk,
} from "@agent-plugin/core";
import { resolve } from "node:path";
import type { LintConfig } from "./config.js";
import { createContext, dedupe } from "./findings.js";
import { type PluginLoad, targetLoad } from "./plugin-load.js";
import type { RuleContext, RuleFamily } from "./rule.js";
import { ruleFamilies } from "./rules/index.js";
import { defaultTargets, mergeTargetRuns, type TargetRun } from "./targets.js";

export interface PluginJob {
  root: string;
  /** The host of the marketplace that lists the plugin: its model for that target is loaded with `entry`. */
  host?: TargetSpec;
  /** The Claude Code marketplace entry that is the plugin's manifest when it has none: the marketplace file, the index. */
  entry?: { file: string; index: number };
}

export interface PluginJobResult {
  /** Every target's findings merged, then those across targets, in the order they were reported. */
  diagnostics: Diagnostic[];
  load: PluginLoad;
}

/** What every job of a run shares: the targets given (else each plugin's own) and the config. */
export interface JobSetup {
  targets: readonly HostProfile[] | undefined;
  config: LintConfig;
  /** A marketplace file's parsed document, for the entry a job names. */
  marketplaceDoc(file: string): JsonDocument | undefined;
  /**
   * The marketplace's shallow load of a job's plugin, when this thread made it: the files it read are not read again.
   * Handed out once, so it is let go as the jobs go.
   */
  takePriorLoad?(root: string): Pick<PluginModel, "readText"> | undefined;
}

export function familiesFor(host: HostProfile): RuleFamily[] {
  return ruleFamilies.filter((family) => !family.layouts || family.layouts.includes(host.layout));
}

export function runSkill(
  families: readonly RuleFamily[],
  skill: SkillFile,
  context: RuleContext,
  plugin: PluginModel | undefined,
): void {
  for (const family of families) family.skill?.(skill, context, plugin);
}

/** Lints one plugin for each of its targets, walking its folder once for all of them. */
export function lintPluginJob(job: PluginJob, setup: JobSetup): PluginJobResult {
  const { config } = setup;
  const host = job.host === undefined ? undefined : profileFor(job.host);
  // Walked once, for the targets it declares and every target's load.
  const files = walk(resolve(job.root));
  const targets = setup.targets ?? defaultTargets(job.root, files);
  const prior = setup.takePriorLoad?.(job.root);
  const shared: PluginLoadOptions = prior ? { files, prior } : { files };
  const runs: (TargetRun & { plugin: PluginModel })[] = targets.map((target) => {
    const entry = target === host ? entryOption(job, setup) : {};
    const plugin = loadPlugin(job.root, { ...shared, ...entry, host: target });
    const diagnostics: Diagnostic[] = [];
    const context = createContext(plugin.host, config, diagnostics);
    const families = familiesFor(plugin.host);
    for (const family of families) family.plugin?.(plugin, context);
    for (const skill of plugin.skills) runSkill(families, skill, context, plugin);
    return { target, plugin, diagnostics: dedupe(diagnostics) };
  });
  const load: PluginLoad = { root: job.root, targets: runs.map((run) => targetLoad(run.plugin, run.diagnostics)) };
  const diagnostics = mergeTargetRuns(runs);
  if (runs.length > 1) {
    // Checks across the manifests of several targets: one finding each, whatever the targets.
    const context = createContext(runs[0]!.plugin.host, config, diagnostics);
    const plugins = runs.map((run) => run.plugin);
    for (const family of ruleFamilies) family.targets?.(plugins, context);
  }
  return { diagnostics, load };
}

function entryOption(job: PluginJob, setup: JobSetup): Pick<PluginLoadOptions, "entry"> {
  if (!job.entry) return {};
  const doc = setup.marketplaceDoc(job.entry.file);
  const entry = doc && jsonSubDocument(doc, ["plugins", job.entry.index]);
  return entry ? { entry: { path: job.entry.file, doc: entry } } : {};
}
