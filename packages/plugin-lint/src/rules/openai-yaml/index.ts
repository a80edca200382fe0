// The openai-yaml/* family: agents/openai.yaml, a skill's optional display metadata for Codex.
import { isRecord, type PluginModel, type SkillFile, type YamlFile } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { reportSchema } from "../shared/schema.js";
import { iconProblem } from "./icon.js";
import { openaiYamlRuleMetas } from "./meta.js";

export const openaiYamlRules: RuleFamily = {
  rules: openaiYamlRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],
  skill(skill, context, plugin) {
    if (skill.openaiYaml) checkOpenaiYaml(skill, skill.openaiYaml, context, plugin);
  },
};

const ICON_FIELDS = ["icon_small", "icon_large"] as const;

function checkOpenaiYaml(
  skill: SkillFile,
  file: YamlFile,
  context: RuleContext,
  plugin: PluginModel | undefined,
): void {
  // YAML problems are reported by the yaml/* rules.
  if (file.doc.problems.length > 0) return;
  reportSchema(context, file, "openaiYaml", { consequence: "Codex logs a warning and ignores it" });
  const value = file.doc.value;
  const ui = isRecord(value) && isRecord(value.interface) ? value.interface : undefined;
  if (!ui) return;
  for (const field of ICON_FIELDS) {
    const raw = ui[field];
    if (typeof raw !== "string") continue;
    const problem = iconProblem(raw, skill, plugin, context.host);
    if (problem) {
      context.report({
        ruleId: "openai-yaml/icon",
        message: `"interface.${field}"${problem}`,
        file: file.path,
        at: { doc: file.doc, path: ["interface", field] },
      });
    }
  }
}
