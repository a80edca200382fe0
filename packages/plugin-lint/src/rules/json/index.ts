// The json/* family: what the JSON parser found in every JSON file of a plugin or marketplace.
import type { JsonDocument, JsonProblem } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { jsonRuleMetas } from "./meta.js";

const jsonRuleIds = {
  syntax: "json/syntax",
  bom: "json/bom",
  comment: "json/comment",
  "trailing-comma": "json/trailing-comma",
  "duplicate-key": "json/duplicate-key",
} as const;

/**
 * A duplicated top-level field the host does not read leaves the file whole for it (serde only refuses a duplicate
 * of a field it deserialises): a warning naming the release, since a release that reads the field refuses it.
 */
function ignoredDuplicate(context: RuleContext, problem: JsonProblem, ignoredFields: readonly string[]) {
  const field = problem.pointer?.length === 1 ? problem.pointer[0] : undefined;
  if (problem.kind !== "duplicate-key" || typeof field !== "string" || !ignoredFields.includes(field)) return {};
  const host = `${context.host.displayName} ${context.host.version}`;
  return {
    severity: "warning" as const,
    message: `${problem.message}: ${host} does not read "${field}" and loads the plugin, but releases that read it refuse the whole manifest, and JavaScript readers keep the last value; keep one`,
  };
}

function reportJson(
  context: RuleContext,
  file: { path: string; doc: JsonDocument } | undefined,
  ignoredFields: readonly string[] = [],
): void {
  if (!file) return;
  for (const problem of file.doc.problems) {
    const report = {
      ruleId: jsonRuleIds[problem.kind],
      message: problem.message,
      file: file.path,
      at: { lines: file.doc.lines, offset: problem.offset, length: problem.length },
      ...ignoredDuplicate(context, problem, ignoredFields),
    };
    context.report(
      problem.fix
        ? { ...report, fix: { kind: "edit", file: file.path, range: problem.fix.range, text: problem.fix.text } }
        : report,
    );
  }
}

export const jsonRules: RuleFamily = {
  rules: jsonRuleMetas,
  plugin(plugin, context) {
    reportJson(context, plugin.manifest, context.host.ignoredManifestFields);
    reportJson(context, plugin.mcp);
    reportJson(context, plugin.apps);
    reportJson(context, plugin.packageJson);
    for (const hooks of plugin.hooks) reportJson(context, hooks);
    for (const file of plugin.claude?.lspFiles ?? []) reportJson(context, file);
    for (const file of plugin.claude?.monitorFiles ?? []) reportJson(context, file);
  },
  marketplace(marketplace, context) {
    reportJson(context, marketplace.file);
  },
};
