// The metadata of the output-styles/* rules: Claude Code's plugin output styles (`output-styles/*.md`).
import { defineRules } from "../../rule.js";

export const outputStylesRuleMetas = defineRules([
  {
    id: "output-styles/frontmatter",
    severity: "warning",
    hosts: ["claude-code"],
    description: "An output style's frontmatter, when it has one, is closed and parses as a YAML mapping.",
    rationale:
      "Claude Code loads every `.md` file under `output-styles/` (subfolders too), with or without frontmatter. A style whose frontmatter block is unclosed or not valid YAML still loads, but its `name`, `description` and `keep-coding-instructions` may be lost, so it shows under its file name.",
  },
]);
