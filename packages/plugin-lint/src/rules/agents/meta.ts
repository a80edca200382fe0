// The metadata of the agents/* rules: Claude Code's plugin agents (`agents/*.md`).
import { defineRules } from "../../rule.js";

export const agentsRuleMetas = defineRules([
  {
    id: "agents/location",
    severity: "error",
    hosts: ["claude-code"],
    description: "Agent files are `.md` files directly in `agents/` (or in a folder the manifest's `agents` names).",
    rationale:
      "Claude Code 2.1.332 loads a plugin's agents from the `.md` files directly in the agents folder. An agent in a subfolder (`agents/team/helper.md`) or named `.MD` is listed by `claude plugin validate`, but the installed plugin has no such agent: `claude plugin details` does not show it and it cannot be used.",
  },
  {
    id: "agents/frontmatter",
    severity: "warning",
    hosts: ["claude-code"],
    description: "An agent file starts with YAML frontmatter between `---` lines that parses as a mapping.",
    rationale:
      "Claude Code still loads an agent whose frontmatter is missing, unclosed or not valid YAML, under its file name, but without its settings: its `description` (which tells Claude when to use it), `tools` and `model` are lost. `claude plugin validate` warns about a missing block.",
  },
  {
    id: "agents/description",
    severity: "warning",
    hosts: ["claude-code"],
    description: "An agent's frontmatter has a non-empty `description`.",
    rationale:
      "Claude Code loads an agent without a description, but Claude chooses which agent to delegate to by its description, so such an agent is rarely used; `claude plugin validate` warns about it.",
  },
]);
