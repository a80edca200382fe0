// The metadata of the commands/* rules: Claude Code's plugin commands (`commands/*.md`).
import { defineRules } from "../../rule.js";

export const commandsRuleMetas = defineRules([
  {
    id: "commands/location",
    severity: "error",
    hosts: ["claude-code"],
    description:
      "Command files are `.md` files directly in `commands/` (or in a folder the manifest's `commands` names).",
    rationale:
      "Claude Code 2.1.332 loads a plugin's commands from the `.md` files directly in the commands folder. A command in a subfolder (`commands/group/run.md`) or named `.MD` is listed by `claude plugin validate` (as `group:run`), but the installed plugin has no such command: `claude plugin details` does not show it and there is no slash command.",
  },
  {
    id: "commands/frontmatter",
    severity: "warning",
    hosts: ["claude-code"],
    description: "A command file starts with YAML frontmatter between `---` lines that parses as a mapping.",
    rationale:
      "Claude Code still loads a command whose frontmatter is missing, unclosed or not valid YAML, under its file name, but without its settings: its `description`, `argument-hint` and `allowed-tools` are lost. `claude plugin validate` warns about a missing block.",
  },
]);
