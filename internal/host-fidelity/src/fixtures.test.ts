// plugin-lint's promise, checked against the real hosts: every rule fixture (the failing case and its passing
// twin), linted for each pinned host release, has an error exactly when that release loses something from it.
// Runs every pinned host (installed on demand into a cache); skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
// `pnpm hosts:fixtures` runs it and writes the table of every run (HOST_FIXTURES_REPORT=<file>.md).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { hostBehaviour } from "./behaviour.js";
import { disagreement, fixtureRuns, lintRuns, loadRuns } from "./fixture-runs.js";
import known from "./known-disagreements.json" with { type: "json" };
import { formatRunTable } from "./report.js";

/** What the hosts did with each fixture: rule pages are generated from it (packages/plugin-lint/src/rule-docs.test.ts). */
const behaviourFile = join(repoRoot, "packages/plugin-lint/data/host-behaviour.json");

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";

/** The committed host behaviour with the rules under `prefix` replaced by this run's. */
function mergedBehaviour(prefix: string, runs: Parameters<typeof hostBehaviour>[0]): string {
  const committed = JSON.parse(readFileSync(behaviourFile, "utf8")) as ReturnType<typeof hostBehaviour>;
  const merged = {
    ...Object.fromEntries(Object.entries(committed).filter(([rule]) => !rule.startsWith(prefix))),
    ...hostBehaviour(runs),
  };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort((a, b) => a.localeCompare(b))
      .map((rule) => [rule, merged[rule]]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

interface KnownDisagreement {
  rule: string;
  kind: "fail" | "pass";
  host: string;
  version: string;
  reason: string;
}

describe.skipIf(skipHosts)("plugin-lint agrees with the pinned hosts on every rule fixture [host] [slow]", () => {
  it("an error exactly where the host loses something; every clean twin loads whole", {
    timeout: 20 * 60_000,
  }, async () => {
    const runs = fixtureRuns({ rule: process.env.HOST_FIXTURES_RULE || undefined });
    expect(runs.length).toBeGreaterThan(process.env.HOST_FIXTURES_RULE ? 0 : 250);
    await lintRuns(runs);
    await loadRuns(runs, (line) => console.error(line));
    if (process.env.HOST_FIXTURES_REPORT) writeFileSync(process.env.HOST_FIXTURES_REPORT, formatRunTable(runs));
    const behaviour = `${JSON.stringify(hostBehaviour(runs), null, 2)}\n`;
    const wholeRun = !process.env.HOST_FIXTURES_RULE;
    if (process.env.HOST_FIXTURES_UPDATE === "1") {
      // A run of some rules replaces just their rows, so a rule's table can be brought up to date on its own.
      writeFileSync(behaviourFile, wholeRun ? behaviour : mergedBehaviour(process.env.HOST_FIXTURES_RULE!, runs));
    }
    const entries = known.entries as KnownDisagreement[];
    const isKnown = (run: (typeof runs)[number]) =>
      entries.some(
        (entry) =>
          entry.rule === run.rule &&
          entry.kind === run.kind &&
          entry.host === run.host &&
          entry.version === run.version,
      );
    const unexpected = runs.filter((run) => disagreement(run) !== undefined && !isKnown(run)).map(disagreement);
    const stale = entries.filter((entry) =>
      runs.some(
        (run) =>
          run.rule === entry.rule &&
          run.kind === entry.kind &&
          run.host === entry.host &&
          run.version === entry.version &&
          disagreement(run) === undefined,
      ),
    );
    expect(unexpected, "lint and host disagree (fix the rule, or record why in known-disagreements.json)").toEqual([]);
    expect(stale, "listed in known-disagreements.json but now agree: remove them").toEqual([]);
    if (wholeRun)
      expect(behaviour, "host-behaviour.json is out of date: run pnpm hosts:fixtures:update").toBe(
        readFileSync(behaviourFile, "utf8"),
      );
  });
});
