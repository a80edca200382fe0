import { applySetup, copyFixture, type SetupStep } from "@agent-plugin/test-utils";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TargetSpec } from "@agent-plugin/core";
import { lint, type LintReport } from "./lint.js";
import { folderRegistry } from "./resolve/folder-registry.js";
import type { RuleId } from "./rules/index.js";

export const fixturesRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures");

/** `fixtures/<area>/<rule>/{fail,pass}/case.json`: what to lint and, for `fail`, where the rule must fire. */
export interface FixtureCase {
  /** The path to lint, relative to the case folder. */
  lint: string;
  /** What to lint for: one target, or several (default: codex). */
  target?: TargetSpec | TargetSpec[];
  /** Steps git cannot hold (huge files, links, modes), applied to a temporary copy. */
  setup?: SetupStep[];
  expect?: { file: string; line: number; column: number }[];
  /** Lint with `--resolve`, fetching npm sources from this folder (`<package>/<version>/`) instead of a registry. */
  resolve?: string;
}

export function caseDir(ruleId: RuleId, kind: "fail" | "pass"): string {
  return join(fixturesRoot, ruleId, kind);
}

export function hasCase(ruleId: RuleId, kind: "fail" | "pass"): boolean {
  return existsSync(join(caseDir(ruleId, kind), "case.json"));
}

export function readCase(ruleId: RuleId, kind: "fail" | "pass"): FixtureCase {
  return JSON.parse(readFileSync(join(caseDir(ruleId, kind), "case.json"), "utf8")) as FixtureCase;
}

/** Lints a temporary copy of a case and returns the report with paths relative to the copy. */
export async function lintCase(
  ruleId: RuleId,
  kind: "fail" | "pass",
  options: { fix?: boolean } = {},
): Promise<{
  dir: string;
  report: LintReport;
  found: { ruleId: string; file: string; line: number; column: number; message: string }[];
}> {
  const fixture = readCase(ruleId, kind);
  const dir = copyFixture(caseDir(ruleId, kind));
  applySetup(dir, fixture.setup ?? []);
  const report = await lint({
    paths: [fixture.lint],
    cwd: dir,
    target: fixture.target ?? "codex",
    config: { rules: {}, ignores: [], baseDir: dir },
    fix: options.fix ?? false,
    ...(fixture.resolve === undefined ? {} : { resolve: { fetcher: folderRegistry(join(dir, fixture.resolve)) } }),
  });
  const found = report.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    file: relative(dir, d.file).split("\\").join("/"),
    line: d.line,
    column: d.column,
    message: d.message,
  }));
  return { dir, report, found };
}

/** One fixture on one host release, as data/host-behaviour.json records it: how its rule reported it, what the host lost. */
export interface FixtureBehaviour {
  host: string;
  version: string;
  severity: "error" | "warning" | "none";
  /** What the host lost; none: it loaded the fixture whole. */
  losses: string[];
}

/** data/host-behaviour.json: per rule id, per fixture kind, what each pinned host release did. */
export type HostBehaviour = Record<string, { fail?: FixtureBehaviour[]; pass?: FixtureBehaviour[] }>;
