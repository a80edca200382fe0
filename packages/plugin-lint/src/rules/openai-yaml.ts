// agents/openai.yaml: a skill's optional display metadata for Codex.
import { isAbsolute } from "node:path";
import { isRecord, resolvePluginPath, type PluginModel, type SkillFile, type YamlFile } from "@agent-plugin/core";
import type { RuleContext, RuleFamily, RuleMeta } from "../rule.js";
import { reportSchema } from "./shared.js";

const rules: readonly RuleMeta[] = [
  {
    id: "openai-yaml/schema",
    severity: "warning",
    description:
      "agents/openai.yaml has the shape Codex reads: strings within their length limits, a #RRGGBB brand colour, known policy values.",
    rationale:
      "Codex fails open on this optional file: a value of the wrong type makes it log a warning and ignore the whole file, and an empty or over-long string is dropped. The skill still loads, without its display metadata.",
  },
  {
    id: "openai-yaml/unknown-field",
    severity: "warning",
    description: "agents/openai.yaml contains only the fields Codex reads.",
    rationale:
      "Codex ignores fields it does not know, so a misspelt field such as `icon` or `displayName` silently has no effect.",
  },
  {
    id: "openai-yaml/icon",
    severity: "warning",
    description:
      "`interface.icon_small` and `interface.icon_large` are relative paths under the skill's assets/ folder, without `..`, to files that exist.",
    rationale:
      'Codex 0.117 ignores an icon path that is absolute, contains `..` or is not under assets/ ("icon path must be under assets/"), and shows no icon for a file that is missing.',
  },
];

export const openaiYamlRules: RuleFamily = {
  rules,
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
    const problem = iconProblem(raw, skill, plugin);
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

/**
 * Codex 0.117's icon rule (relative, under the skill's assets/, no `..`), then whether the file is there.
 * The result continues a sentence that starts with the field's name.
 */
function iconProblem(raw: string, skill: SkillFile, plugin: PluginModel | undefined): string | undefined {
  if (raw.trim() === "") return " is empty: name an image under assets/ or remove the field";
  if (isAbsolute(raw))
    return ` is an absolute path ("${raw}"), which Codex ignores: use a path under the skill's assets/ folder`;
  const segments = raw.split(/[\\/]/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes(".."))
    return ` contains ".." ("${raw}"), which Codex ignores: copy the image into the skill's assets/ folder`;
  if (segments[0] !== "assets")
    return ` is not under assets/ ("${raw}"), so Codex ignores it: move the image into the skill's assets/ folder`;
  const resolution = resolvePluginPath(raw, {
    root: plugin?.root ?? skill.dir,
    from: skill.dir,
    requireDotSlash: false,
    expect: "file",
  });
  return resolution.ok ? undefined : `: ${resolution.message}, so Codex shows no icon: add the image or fix the path`;
}
