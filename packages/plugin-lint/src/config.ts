import {
  checkSchema,
  closestMatch,
  locate,
  parseJson,
  readTextFile,
  resolveTarget,
  type TargetSpec,
} from "@agent-plugin/core";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "@agent-plugin/core";
import { isRuleId, type RuleArea, type RuleId, ruleMetas } from "./rules/index.js";

export type RuleSetting = "off" | "warn" | "error";

/** What a config's `rules` names: one rule (`manifest/name`) or a whole area (`manifest/*`). */
export type RuleSelector = RuleId | `${RuleArea}/*`;

export interface LintConfig {
  /** One target: a host (`codex`, or a verified older release: `codex@0.117`) or `agent-plugins`. */
  target?: TargetSpec;
  /** Several targets: each plugin is linted for every one of them. Wins over `target`. */
  targets?: readonly TargetSpec[];
  rules: Partial<Record<RuleSelector, RuleSetting>>;
  ignores: string[];
  /** Folder that `ignores` patterns are relative to. */
  baseDir: string;
  /** The file the config came from, if any. */
  file?: string;
}

export const CONFIG_FILE_NAME = ".pluginlintrc.json";

/** Reads `--config FILE`, or `.pluginlintrc.json` in `cwd` when present. Problems are usage errors (exit 2). */
export function loadConfig(file: string | undefined, cwd: string): LintConfig {
  const path = file ? resolve(cwd, file) : join(cwd, CONFIG_FILE_NAME);
  if (!file && !existsSync(path)) return { rules: {}, ignores: [], baseDir: cwd };
  const read = readTextFile(path, 1024 * 1024);
  if (!read.ok) throw new UsageError(`config file ${path} ${read.message}`);
  const doc = parseJson(read.text);
  const where = (offset: number) => {
    const p = doc.lines.position(offset);
    return `${path}:${p.line}:${p.column}`;
  };
  const problem = doc.problems.find((p) => p.kind !== "bom");
  if (problem) throw new UsageError(`${where(problem.offset)}: invalid JSON in config: ${problem.message}`);
  const issues = checkSchema("lintConfig", doc.value);
  const issue = issues[0];
  if (issue) {
    const at = locate(doc, issue.path, issue.part);
    throw new UsageError(`${where(at.offset)}: invalid config: ${issue.message}`);
  }
  const value = doc.value as {
    target?: string;
    targets?: string[];
    rules?: Record<string, RuleSetting>;
    ignores?: string[];
  };
  if (value.target !== undefined && value.targets !== undefined) {
    const at = locate(doc, ["targets"], "key");
    throw new UsageError(`${where(at.offset)}: invalid config: give "target" or "targets", not both`);
  }
  const rules = value.rules ?? {};
  for (const id of Object.keys(rules)) {
    const known = id.endsWith("/*") ? [...ruleMetas.keys()].some((r) => r.startsWith(id.slice(0, -1))) : isRuleId(id);
    if (!known) {
      const suggestion = closestMatch(id, ruleMetas.keys());
      const at = locate(doc, ["rules", id], "key");
      throw new UsageError(
        `${where(at.offset)}: unknown rule "${id}" in config${suggestion ? `: did you mean "${suggestion}"?` : ""}`,
      );
    }
  }
  // Every key was checked above, so the rules are known ones.
  const config: LintConfig = {
    rules: rules as LintConfig["rules"],
    ignores: value.ignores ?? [],
    baseDir: dirname(path),
    file: path,
  };
  const targetAt = (path: (string | number)[], spec: string): TargetSpec => {
    const resolved = resolveTarget(spec);
    if (!resolved.ok) throw new UsageError(`${where(locate(doc, path).offset)}: invalid config: ${resolved.message}`);
    return spec as TargetSpec;
  };
  if (value.target !== undefined) config.target = targetAt(["target"], value.target);
  if (value.targets) config.targets = value.targets.map((spec, index) => targetAt(["targets", index], spec));
  return config;
}

/** Config wins over the rule's own default; an exact id wins over an area wildcard. */
export function configuredSetting(config: LintConfig, ruleId: RuleId): RuleSetting | undefined {
  const area = ruleId.slice(0, ruleId.indexOf("/")) as RuleArea;
  return config.rules[ruleId] ?? config.rules[`${area}/*`];
}
