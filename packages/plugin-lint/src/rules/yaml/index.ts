// The yaml/* family: what the YAML parser found in SKILL.md frontmatter and agents/openai.yaml.
import type { YamlDocument } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { yamlRuleMetas } from "./meta.js";
import { failsOnlyOnUnquotedColons } from "./unquoted-colons.js";

const yamlRuleIds = {
  syntax: "yaml/syntax",
  "duplicate-key": "yaml/duplicate-key",
  "alias-limit": "yaml/alias-limit",
  "not-mapping": "yaml/syntax",
} as const;

/** `failsOpen`: the host only logs a bad file (agents/openai.yaml), so findings are warnings. */
function reportYaml(context: RuleContext, path: string, doc: YamlDocument, failsOpen: boolean): void {
  const readAsText = !failsOpen && context.host.readsUnquotedColons && failsOnlyOnUnquotedColons(doc);
  for (const problem of doc.problems) {
    const consequence = failsOpen
      ? " (Codex ignores this file)"
      : readAsText && problem.kind === "syntax"
        ? `: an unquoted ": " in a value; ${context.host.displayName} ${context.host.version} reads it as text, but it is not valid YAML, and Codex 0.117 and other YAML readers skip the skill; quote the value`
        : problem.kind === "alias-limit"
          ? " (Codex loads it, but YAML readers that cap aliases reject it, and readers that do not can hang)"
          : "";
    context.report({
      ruleId: yamlRuleIds[problem.kind],
      message: problem.message + consequence,
      file: path,
      at: { lines: doc.lines, offset: problem.offset, length: problem.length },
      ...(failsOpen || (readAsText && problem.kind === "syntax") ? { severity: "warning" as const } : {}),
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
