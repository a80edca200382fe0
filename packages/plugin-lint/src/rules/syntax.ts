import type { JsonDocument, MarketplaceModel, PluginModel, SkillFile, YamlDocument } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../rule.js";

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

const yamlRuleIds = {
  syntax: "yaml/syntax",
  "duplicate-key": "yaml/duplicate-key",
  "alias-limit": "yaml/alias-limit",
  "not-mapping": "yaml/syntax",
} as const;

/** `failsOpen`: the host only logs a bad file (agents/openai.yaml), so findings are warnings. */
export function reportYaml(context: RuleContext, path: string, doc: YamlDocument, failsOpen: boolean): void {
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

export const syntaxRules: RuleFamily = {
  rules: [
    {
      id: "json/syntax",
      severity: "error",
      description: "JSON files parse as strict JSON.",
      rationale:
        "Codex parses plugin files with serde_json: a syntax error makes it drop the whole file, and for plugin.json the whole plugin.",
    },
    {
      id: "json/duplicate-key",
      severity: "error",
      description: "No object has the same key twice.",
      rationale:
        "serde rejects a duplicated field of a known struct (the whole manifest fails), while JavaScript keeps the last one: the file means different things to different readers.",
    },
    {
      id: "json/bom",
      severity: "error",
      description: "JSON files do not start with a UTF-8 byte order mark.",
      rationale:
        "serde_json does not skip a BOM: the file fails to parse at line 1, column 1, although most editors show nothing wrong.",
      fixable: true,
    },
    {
      id: "json/comment",
      severity: "error",
      description: "JSON files contain no comments.",
      rationale:
        "Comments are not JSON. Codex's parser rejects the file; put notes in a README or a `description` field.",
    },
    {
      id: "json/trailing-comma",
      severity: "error",
      description: "No comma before a closing `}` or `]`.",
      rationale: "Strict JSON parsers, including Codex's, reject trailing commas and drop the file.",
      fixable: true,
    },
    {
      id: "yaml/syntax",
      severity: "error",
      description: "YAML (SKILL.md frontmatter, agents/openai.yaml) parses.",
      rationale:
        "Codex skips a skill whose frontmatter is not valid YAML. For agents/openai.yaml it only logs a warning and ignores the file, so there the finding is a warning.",
    },
    {
      id: "yaml/duplicate-key",
      severity: "error",
      description: "No YAML mapping has the same key twice.",
      rationale: "Duplicate keys are an error in YAML 1.2 and serde_yaml rejects them, so Codex skips the skill.",
    },
    {
      id: "yaml/alias-limit",
      severity: "error",
      description: "YAML does not expand more than 100 aliases.",
      rationale:
        'Nested aliases expand exponentially (a "billion laughs" alias bomb). Tools that load the YAML can hang or run out of memory.',
    },
  ],
  plugin(plugin: PluginModel, context) {
    reportJson(context, plugin.manifest);
    reportJson(context, plugin.mcp);
    reportJson(context, plugin.apps);
    reportJson(context, plugin.packageJson);
    for (const hooks of plugin.hooks) reportJson(context, hooks);
  },
  marketplace(marketplace: MarketplaceModel, context) {
    reportJson(context, marketplace.file);
  },
  skill(skill: SkillFile, context) {
    if (skill.frontmatter) reportYaml(context, skill.path, skill.frontmatter, false);
    if (skill.openaiYaml) reportYaml(context, skill.openaiYaml.path, skill.openaiYaml.doc, true);
  },
};
