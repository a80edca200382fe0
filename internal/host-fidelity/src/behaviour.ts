// What each pinned host release did with each rule's fixtures, as committed data: the rule pages in docs/rules are
// generated from it (so they say which host versions drop what), and the host-fidelity test checks it is current.
import type { HostBehaviour } from "../../../packages/plugin-lint/src/fixture-cases.js";
import type { FixtureRun } from "./fixture-runs.js";

export function hostBehaviour(runs: readonly FixtureRun[]): HostBehaviour {
  const behaviour: HostBehaviour = {};
  const sorted = [...runs].sort(
    (a, b) =>
      a.rule.localeCompare(b.rule) ||
      a.kind.localeCompare(b.kind) ||
      a.host.localeCompare(b.host) ||
      compareVersions(b.version, a.version),
  );
  for (const run of sorted) {
    const entry = behaviour[run.rule] ?? {};
    behaviour[run.rule] = entry;
    const list = entry[run.kind] ?? [];
    entry[run.kind] = list;
    list.push({
      host: run.host,
      version: run.version,
      severity: run.ruleSeverity,
      losses: run.losses.map(normaliseLoss),
    });
  }
  return behaviour;
}

/** Newest first. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let index = 0; index < Math.max(pa.length, pb.length); index++) {
    const difference = (pa[index] ?? 0) - (pb[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Losses name temporary folders; the committed data must not. */
function normaliseLoss(loss: string): string {
  return loss.replace(/\/[^\s:`'"]*\/(agent-plugin-test-[A-Za-z0-9]+)(\/[^\s:`'"]*)?/g, "<fixture>$2");
}
