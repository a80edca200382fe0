// The yaml/* family: what the YAML parser found in SKILL.md frontmatter and agents/openai.yaml.
import type { YamlDocument } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { yamlRuleMetas } from "./meta.js";

const yamlRuleIds = {
  syntax: "yaml/syntax",
  "duplicate-key": "yaml/duplicate-key",
  "alias-limit": "yaml/alias-limit",
  "not-mapping": "yaml/syntax",
} as const;

/** `failsOpen`: the host only logs a bad file (agents/openai.yaml), so findings are warnings. */
function reportYaml(context: RuleContext, path: string, doc: YamlDocument, failsOpen: boolean): void {
  for (const problem of doc.problems) {
    context.report({
      ruleId: yamlRuleIds[problem.kind],
      message: problem.message + (failsOpen ? " (Codex ignores this file)" : ""),
      file: path,
      at: { lines: doc.lines, offset: problem.offset, length: problem.length },
      ...(failsOpen ? { severity: "warning" as const } : {}),
    });
  }
}

export const yamlRules: RuleFamily = {
  rules: yamlRuleMetas,
  skill(skill, context) {
    if (skill.frontmatter) reportYaml(context, skill.path, skill.frontmatter, false);
    if (skill.openaiYaml) reportYaml(context, skill.openaiYaml.path, skill.openaiYaml.doc, true);
  },
};
