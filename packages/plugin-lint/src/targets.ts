// Which targets a plugin is linted for, and how the findings of several targets become one report.
import {
  declaredTargets,
  type Diagnostic,
  type HostId,
  isHostId,
  type Severity,
  type TargetId,
} from "@agent-plugin/core";
import type { LintConfig } from "./config.js";

/** The targets given by the caller or the config, in that order of precedence; undefined when neither names any. */
export function explicitTargets(
  option: TargetId | readonly TargetId[] | undefined,
  config: LintConfig,
): readonly TargetId[] | undefined {
  const given = option ?? config.targets ?? config.target;
  if (given === undefined) return undefined;
  const list = typeof given === "string" ? [given] : given;
  return list.length > 0 ? [...new Set(list)] : undefined;
}

/**
 * The targets a plugin is linted for when none are given: every target it declares when it declares the Agent
 * Plugins standard or more than one host, else Codex (a plugin with a single host manifest, or none, is linted for
 * Codex as before the standard existed).
 */
export function defaultTargets(root: string): TargetId[] {
  const declared = declaredTargets(root);
  return declared.includes("agent-plugins") || declared.length > 1 ? declared : ["codex"];
}

/** The host a marketplace is linted for: the first host among the targets, else Codex. */
export function marketplaceHost(targets: readonly TargetId[] | undefined): HostId {
  return targets?.find((target): target is HostId => isHostId(target)) ?? "codex";
}

/** One target's findings for one plugin. */
export interface TargetRun {
  target: TargetId;
  diagnostics: Diagnostic[];
}

const rank: Record<Severity, number> = { warning: 1, error: 2 };

/**
 * Merges the findings of several targets so that one cause is reported once: a finding of the same rule at the same
 * place from another target is folded into the first, taking the higher severity (and that target's message).
 * A finding that only some of the targets report says which (`onlyFor`).
 */
export function mergeTargetRuns(runs: readonly TargetRun[]): Diagnostic[] {
  const merged: { diagnostic: Diagnostic; from: Set<TargetId> }[] = [];
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
    if (all.length > 1 && from.size < all.length) diagnostic.onlyFor = all.filter((target) => from.has(target));
    return diagnostic;
  });
}
