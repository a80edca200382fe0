/** The human form of a policy check: a head line, then one line per violation with the rule it breaks. */
import { isAbsolute, relative } from "node:path";
import type { DiffPolicyResult } from "./check-diff.js";
import type { PolicyCheckReport, PolicyResult, PolicyViolation } from "./types.js";

export function renderPolicyCheck(report: PolicyCheckReport, cwd: string): string {
  const { policy, target } = report;
  const what = report.plugins.map((p) => (p.version === undefined ? p.name : `${p.name} ${p.version}`)).join(", ");
  const about = what === "" ? target.source : `${target.source} (${what})`;
  const head = policy.passed
    ? `✔ ${about} passes policy ${shownPath(cwd, policy.file)}\n`
    : `✖ ${about} breaks policy ${shownPath(cwd, policy.file)}: ${count(policy.violations.length)}\n`;
  return `${head}${renderViolations(policy.violations, target.kind === "marketplace")}${notes(report.notes)}`;
}

/** Every violation, one line each, the rule (a JSON pointer into the policy) after it. */
export function renderViolations(violations: readonly PolicyViolation[], withPlugin = false): string {
  return violations
    .map(
      (v) => `  ${withPlugin && v.plugin !== undefined ? `${v.plugin}: ` : ""}${v.subject}: ${v.reason}  [${v.rule}]\n`,
    )
    .join("");
}

/** The policy part of `diff --policy`, under the diff itself. */
export function renderDiffPolicy(
  result: DiffPolicyResult,
  newVersion: string,
  notesList: readonly string[],
  cwd: string,
): string {
  const file = shownPath(cwd, result.file);
  if (result.passed) return `✔ ${newVersion} passes policy ${file}\n${notes(notesList)}`;
  const lines = result.violations
    .map((v) => `  ${v.new ? "new" : "already before"}: ${v.subject}: ${v.reason}  [${v.rule}]\n`)
    .join("");
  return `✖ ${newVersion} breaks policy ${file}: ${count(result.violations.length)}\n${lines}${notes(notesList)}`;
}

/** The refusal `install --policy` prints before its one line. */
export function renderPolicyRefusal(result: PolicyResult, cwd: string): string {
  return `✖ policy ${shownPath(cwd, result.file)}: ${count(result.violations.length)}\n${renderViolations(result.violations)}`;
}

function notes(list: readonly string[]): string {
  return list.map((note) => `  note: ${note}\n`).join("");
}

function count(n: number): string {
  return `${n} violation${n === 1 ? "" : "s"}`;
}

function shownPath(cwd: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
