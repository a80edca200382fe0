// The metadata of the openai-yaml/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const openaiYamlRuleMetas = defineRules([
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
]);
