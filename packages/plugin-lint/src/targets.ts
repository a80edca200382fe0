// Which targets a plugin is linted for, and how the findings of several targets become one report.
import {
  declaredTargets,
  type Diagnostic,
  type HostId,
  type HostProfile,
  hostProfiles,
  isHostId,
  resolveTarget,
  type Severity,
  type TargetSpec,
  targetLabel,
  UsageError,
  walkedKinds,
  type WalkResult,
} from "@agent-plugin/core";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LintConfig } from "./config.js";

/**
 * The profiles of the targets given by the caller or the config, in that order of precedence; undefined when neither
 * names any. An unknown target or version is a usage error.
 */
export function explicitTargets(
  option: TargetSpec | readonly TargetSpec[] | undefined,
  config: LintConfig,
): readonly HostProfile[] | undefined {
  const given = option ?? config.targets ?? config.target;
  if (given === undefined) return undefined;
  const list = typeof given === "string" ? [given] : given;
  const profiles = list.map((spec) => {
    const resolved = resolveTarget(spec);
    if (!resolved.ok) throw new UsageError(resolved.message);
    return resolved.profile;
  });
  return profiles.length > 0 ? [...new Set(profiles)] : undefined;
}

/**
 * The targets a plugin is linted for when none are given: the standard and the hosts whose own manifest it has
 * (a plugin with only `.claude-plugin/` targets Claude Code, although Codex can read it too), else Codex.
 */
export function defaultTargets(root: string, files?: WalkResult): HostProfile[] {
  const declared = declaredTargets(root, files && walkedKinds(files));
  return (declared.length > 0 ? declared : ["codex" as const]).map((id) => hostProfiles[id]);
}

/** The host profile a marketplace is linted for: the first host among the targets, else the current Codex. */
export function marketplaceHost(targets: readonly HostProfile[] | undefined): HostProfile & { id: HostId } {
  return targets?.find((target): target is HostProfile & { id: HostId } => isHostId(target.id)) ?? codexProfile;
}

/**
 * The host a marketplace folder is linted for: the first host among the targets given; with none, the host whose
 * marketplace file it has (a folder with only `.claude-plugin/marketplace.json` is a Claude Code marketplace, although
 * Codex 0.171 can read it too), else the current Codex.
 */
export function marketplaceHostFor(
  root: string,
  targets: readonly HostProfile[] | undefined,
): HostProfile & { id: HostId } {
  if (targets !== undefined) return marketplaceHost(targets);
  const codexFile = existsSync(join(root, ".agents/plugins/marketplace.json"));
  const claudeFile = existsSync(join(root, ".claude-plugin/marketplace.json"));
  return !codexFile && claudeFile ? (hostProfiles["claude-code"] as HostProfile & { id: HostId }) : codexProfile;
}

const codexProfile = hostProfiles.codex as HostProfile & { id: HostId };

/** One target's findings for one plugin. */
export interface TargetRun {
  target: HostProfile;
  diagnostics: Diagnostic[];
}

const rank: Record<Severity, number> = { warning: 1, error: 2 };

/**
 * Merges the findings of several targets so that one cause is reported once: a finding of the same rule at the same
 * place from another target is folded into the first, taking the higher severity (and that target's message).
 * A finding that only some of the targets report says which (`onlyFor`).
 */
export function mergeTargetRuns(runs: readonly TargetRun[]): Diagnostic[] {
  const merged: { diagnostic: Diagnostic; from: Set<HostProfile> }[] = [];
  const byPlace = new Map<string, number[]>();
  for (const run of runs) {
    const used = new Set<number>();
    for (const diagnostic of run.diagnostics) {
      const key = `${diagnostic.file}|${diagnostic.line}|${diagnostic.column}|${diagnostic.ruleId}`;
      const candidates = (byPlace.get(key) ?? []).filter((index) => !used.has(index));
      const same =
        candidates.find((index) => merged[index]!.diagnostic.message === diagnostic.message) ??
        candidates.find((index) => !merged[index]!.from.has(run.target));
      if (same === undefined) {
        byPlace.set(key, [...(byPlace.get(key) ?? []), merged.length]);
        used.add(merged.length);
        merged.push({ diagnostic: { ...diagnostic }, from: new Set([run.target]) });
        continue;
      }
      used.add(same);
      const entry = merged[same]!;
      entry.from.add(run.target);
      if (rank[diagnostic.severity] > rank[entry.diagnostic.severity]) {
        entry.diagnostic = { ...diagnostic };
      }
    }
  }
  const all = runs.map((run) => run.target);
  return merged.map(({ diagnostic, from }) => {
    if (all.length > 1 && from.size < all.length)
      diagnostic.onlyFor = all.filter((target) => from.has(target)).map(targetLabel);
    return diagnostic;
  });
}
