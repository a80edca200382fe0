// The metadata of the monitors/* rules: Claude Code's background monitors (`monitors/monitors.json`).
import { defineRules } from "../../rule.js";

export const monitorsRuleMetas = defineRules([
  {
    id: "monitors/schema",
    severity: "error",
    hosts: ["claude-code"],
    description:
      'Monitor files are a list of `{"name": "...", "command": "...", "description": "..."}` with unique names and an optional `when`.',
    rationale:
      'Claude Code 2.1.332 checks the monitor list as a whole: a list written as an object, a monitor without a `name`, `command` or `description`, a `when` other than "always" or "on-skill-invoke:<skill>", or two monitors with one name makes it drop every monitor of the plugin (`claude plugin validate` lists none).',
  },
  {
    id: "monitors/unknown-field",
    severity: "error",
    hosts: ["claude-code"],
    description: "Monitors use only the fields Claude Code reads (`name`, `command`, `description`, `when`).",
    rationale:
      "Claude Code parses each monitor strictly: an unknown field fails the whole list, and none of the plugin's monitors is armed.",
  },
]);
