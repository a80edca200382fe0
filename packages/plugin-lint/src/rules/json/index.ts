// The json/* family: what the JSON parser found in every JSON file of a plugin or marketplace.
import type { JsonDocument } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { jsonRuleMetas } from "./meta.js";

const jsonRuleIds = {
  syntax: "json/syntax",
  bom: "json/bom",
  comment: "json/comment",
  "trailing-comma": "json/trailing-comma",
  "duplicate-key": "json/duplicate-key",
} as const;

function reportJson(context: RuleContext, file: { path: string; doc: JsonDocument } | undefined): void {
  if (!file) return;
  for (const problem of file.doc.problems) {
    const report = {
      ruleId: jsonRuleIds[problem.kind],
      message: problem.message,
      file: file.path,
      at: { lines: file.doc.lines, offset: problem.offset, length: problem.length },
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
    reportJson(context, plugin.manifest);
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
