// Runs plugin-lint's rule fixtures through the pinned real hosts and judges each run by the linter's promise: an
// error exactly where the host drops or rejects something. Used by the `[host]` test and by `pnpm hosts:fixtures`.
import { type HostId, isHostId } from "@agent-plugin/core";
import { findLosses, inspectBatch, limiter, marketplaceLosses, parseProbeData, pins } from "@agent-plugin/hosts";
import { lint, ruleMetas } from "@agent-plugin/plugin-lint";
import { applySetup, copyFixture } from "@agent-plugin/test-utils";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fixturesRoot } from "../../../packages/plugin-lint/src/fixture-cases.js";
import type { FixtureCase } from "../../../packages/plugin-lint/src/fixture-cases.js";

/** One fixture (a rule's failing case or its passing twin) linted for, and loaded into, one pinned host release. */
export interface FixtureRun {
  rule: string;
  kind: "fail" | "pass";
  host: HostId;
  version: string;
  /** The copy of the fixture that was linted and loaded. */
  path: string;
  marketplace: boolean;
  /** The marketplace entry name the host installs it under. */
  name: string;
  /** Errors of rules that speak for the host (not security rules), as `rule: message`. */
  errors: string[];
  /** How the fixture's own rule reported it for this release: its highest severity, or none. */
  ruleSeverity: "error" | "warning" | "none";
  /** What the host lost from what the files declare. */
  losses: string[];
}

/** Security rules keep their severity whatever the host loads (docs/rules say why). */
function speaksForHost(ruleId: string): boolean {
  return ruleMetas.get(ruleId as never)?.purpose !== "security";
}

/** Every fixture whose case targets a host, copied into a temporary folder, once per pinned release of that host. */
export function fixtureRuns(options: { rule?: string; allPins?: boolean } = {}): FixtureRun[] {
  const runs: FixtureRun[] = [];
  for (const area of readdirSync(fixturesRoot).sort()) {
    for (const rule of readdirSync(join(fixturesRoot, area)).sort()) {
      const id = `${area}/${rule}`;
      if (options.rule && !id.startsWith(options.rule)) continue;
      for (const kind of ["fail", "pass"] as const) {
        const dir = join(fixturesRoot, area, rule, kind);
        if (!existsSync(join(dir, "case.json"))) continue;
        const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as FixtureCase;
        const targets = typeof spec.target === "string" ? [spec.target] : (spec.target ?? ["codex"]);
        const hosts = [...new Set(targets.map((target) => target.split("@")[0]!))].filter(isHostId);
        for (const host of hosts) {
          const hostPins = pins.filter((pin) => pin.host === host && (pin.current || options.allPins !== false));
          for (const pin of hostPins) {
            const copy = copyFixture(dir);
            applySetup(copy, spec.setup ?? []);
            const path = join(copy, spec.lint);
            const marketplace = [".agents/plugins/marketplace.json", ".claude-plugin/marketplace.json"].some((file) =>
              existsSync(join(path, file)),
            );
            runs.push({
              rule: id,
              kind,
              host,
              version: pin.version,
              path,
              marketplace,
              name: pluginName(path, host),
              errors: [],
              ruleSeverity: "none",
              losses: [],
            });
          }
        }
      }
    }
  }
  return runs;
}

/** Lints each run's copy for its host release and records the errors that speak for the host. */
export async function lintRuns(runs: readonly FixtureRun[]): Promise<void> {
  for (const run of runs) {
    const report = await lint({
      paths: [run.path],
      cwd: run.path,
      target: `${run.host}@${run.version}`,
      config: { rules: {}, ignores: [], baseDir: run.path },
    });
    run.errors = report.diagnostics
      .filter((d) => d.severity === "error" && speaksForHost(d.ruleId))
      .map((d) => `${d.ruleId}: ${d.message}`);
    const own = report.diagnostics.filter((d) => d.ruleId === run.rule);
    run.ruleSeverity = own.some((d) => d.severity === "error") ? "error" : own.length > 0 ? "warning" : "none";
  }
}

const probeDataDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../packages/hosts/data");

/**
 * Whether a host release lists a plugin's apps without a signed-in user, as its recorded clean app probe shows
 * (Codex 0.117 does; 0.171 lists none signed out, so there the apps cannot be compared).
 */
function listsAppsSignedOut(host: HostId, version: string): boolean {
  const file = join(probeDataDir, `${host}-${version}.json`);
  if (!existsSync(file)) return false;
  const outcome = parseProbeData(readFileSync(file, "utf8")).probes["app-json/baseline/clean"];
  return outcome !== undefined && "plugin" in outcome && (outcome.plugin.apps ?? []).length > 0;
}

/**
 * How many host sessions run at once (HOST_FIXTURES_PARALLEL, default 3): each has its own sandbox, and a session
 * spends much of its time waiting for the host to start, so a few at a time keep two cores busy.
 */
function parallelSessions(): number {
  const value = Number(process.env.HOST_FIXTURES_PARALLEL);
  return Number.isInteger(value) && value > 0 ? value : 3;
}

/**
 * Loads every run into its host release: each release's plugins and marketplaces go into a few throwaway homes
 * (several marketplaces to a home, so plugins of one name share it), and the homes of every release share one limit
 * of sessions at once.
 */
export async function loadRuns(runs: readonly FixtureRun[], progress?: (line: string) => void): Promise<void> {
  const groups = new Map<string, FixtureRun[]>();
  for (const run of runs) {
    const key = `${run.host}@${run.version}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const limit = limiter(parallelSessions());
  const releases = [...groups].map(async ([key, group]) => {
    progress?.(`${key}: ${group.length} fixtures`);
    const { host, version } = group[0]!;
    const apps = listsAppsSignedOut(host, version);
    const plugins = group.filter((run) => !run.marketplace);
    const marketplaces = group.filter((run) => run.marketplace);
    const loaded = await inspectBatch({
      host,
      version,
      plugins: plugins.map((run) => ({ name: run.name, dir: run.path })),
      marketplaces: marketplaces.map((run) => run.path),
      parallel: parallelSessions(),
      limit,
    });
    for (const [index, run] of plugins.entries())
      run.losses = findLosses(run.path, host, loaded.plugins[index]!, { apps });
    for (const [index, run] of marketplaces.entries())
      run.losses = marketplaceLosses(run.path, host, loaded.marketplaces[index]!, { apps });
  });
  for (const outcome of await Promise.allSettled(releases)) if (outcome.status === "rejected") throw outcome.reason;
}

/** The name the plugin's marketplace entry must have: its manifest's, else its folder's. */
function pluginName(dir: string, host: HostId): string {
  const manifests =
    host === "codex"
      ? [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]
      : [".claude-plugin/plugin.json", "plugin.json"];
  for (const file of manifests) {
    try {
      const name = (JSON.parse(readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "")) as { name?: unknown })
        .name;
      if (typeof name === "string" && /^[A-Za-z0-9._-]+$/.test(name)) return name;
    } catch {
      // Unreadable: the folder name below.
    }
  }
  return basename(dir);
}

/** A run where lint and host disagree, in one line: the rule, the host version and what each side did. */
export function disagreement(run: FixtureRun): string | undefined {
  const erred = run.errors.length > 0;
  const lost = run.losses.length > 0;
  if (erred === lost) return undefined;
  const where = `${run.rule} (${run.kind}) on ${run.host} ${run.version}`;
  return erred
    ? `${where}: lint reports ${run.errors.join("; ")}, but the host lost nothing`
    : `${where}: the host lost ${run.losses.join("; ")}, but lint reports no error`;
}
