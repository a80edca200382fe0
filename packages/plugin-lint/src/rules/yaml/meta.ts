// The metadata of the yaml/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const yamlRuleMetas = defineRules([
  {
    id: "yaml/syntax",
    severity: "error",
    description: "YAML (SKILL.md frontmatter, agents/openai.yaml) parses.",
    rationale:
      "Codex skips a skill whose frontmatter is not valid YAML. For agents/openai.yaml it only logs a warning and ignores the file, so there the finding is a warning. Codex 0.171 and Claude Code read a value holding an unquoted `: ` as text (Codex 0.117 skips the skill): for them that case is a warning.",
  },
  {
    id: "yaml/duplicate-key",
    severity: "error",
    description: "No YAML mapping has the same key twice.",
    rationale: "Duplicate keys are an error in YAML 1.2 and serde_yaml rejects them, so Codex skips the skill.",
  },
  {
    id: "yaml/alias-limit",
    severity: "warning",
    description: "YAML does not expand more than 100 aliases.",
    rationale:
      'Nested aliases expand exponentially (a "billion laughs" alias bomb). Codex (0.117 and 0.171) loads such a skill, but tools that load the YAML can hang or run out of memory, and readers that cap aliases (the JavaScript `yaml` library stops at 100) reject it.',
  },
]);
