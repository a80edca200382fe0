// The metadata of the skill/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const skillRuleMetas = defineRules([
  {
    id: "skill/frontmatter",
    severity: "error",
    description:
      "SKILL.md starts with a `---` line, closes its YAML frontmatter with another `---` line, and the frontmatter is a mapping.",
    rationale:
      'Codex skips a skill whose SKILL.md has no frontmatter, an unclosed or empty one ("missing YAML frontmatter delimited by ---"), or one that is not a `key: value` mapping. Claude Code copes with a file that has no frontmatter at all, so there that case is a warning. For the Agent Plugins target it is an error: a client skips a skill that does not conform to the Agent Skills spec (Agent Plugins §7.1).',
  },
  {
    id: "skill/schema",
    severity: "error",
    description:
      "Frontmatter values have the types the hosts read: `name` and `description` are strings, `metadata` is a map of strings, and so on.",
    rationale:
      "Codex reads the frontmatter with serde_yaml into typed fields: a number or list where it expects a string fails the whole parse and the skill is skipped. Fields Codex does not read are only a warning for Codex. For the Agent Plugins target every wrong type is an error (a client skips a skill that does not conform to the Agent Skills spec, Agent Plugins §7.1), and an `allowed-tools` list is a warning: the spec defines it as one space-separated string, though `skills-ref` also accepts a list.",
  },
  {
    id: "skill/description",
    severity: "error",
    description: "The frontmatter has a non-empty `description`.",
    rationale:
      'The description is how the agent decides when to use the skill. Codex skips a skill without one ("missing field `description`"); Claude Code falls back to the first paragraph, so there it is a warning. For the Agent Plugins target it is an error: a client skips a skill that does not conform to the Agent Skills spec (Agent Plugins §7.1).',
  },
  {
    id: "skill/description-length",
    severity: "error",
    description:
      "`description` (and Codex's `metadata.short-description`) fit the host's limit: 1024 characters for Codex, 1536 for Claude Code, after whitespace is collapsed.",
    rationale:
      'Codex skips a skill whose description is longer than 1024 characters ("exceeds maximum length"). Claude Code cuts `description` plus `when_to_use` at 1536 characters in its skill listing, so there it is a warning. For the Agent Plugins target the limit is the Agent Skills spec\'s 1024 characters counted as written, and a longer description is an error: the client skips the skill (Agent Plugins §7.1).',
  },
  {
    id: "skill/description-angle-brackets",
    severity: "warning",
    description: "`description` contains no `<` or `>`.",
    rationale:
      "The skill-creator `quick_validate.py` scripts of Anthropic and Codex reject descriptions with angle brackets, because the description is placed inside XML-like tags in the agent's prompt.",
  },
  {
    id: "skill/name",
    severity: "warning",
    description: "`name`, when present, is lowercase kebab-case: a-z, 0-9 and single hyphens, not at the start or end.",
    rationale:
      "The Agent Skills spec and `skills-ref validate` require this form, and Claude Code documents it. Codex tolerates other names, so this is a warning. For the Agent Plugins target `name` is required and checked as `skills-ref` does (trimmed, NFKC-normalised, lowercase letters of any script, digits and single inner hyphens), and any violation is an error: the client skips the skill (Agent Plugins §7.1).",
  },
  {
    id: "skill/name-folder",
    severity: "warning",
    description: "`name` equals the name of the skill's folder.",
    rationale:
      'The Agent Skills spec requires it and `skills-ref validate` fails without it ("Directory name must match skill name"). Codex and Claude Code tolerate a mismatch, but the skill is then known by two names. For the Agent Plugins target it is an error: a client skips a skill that does not conform to the Agent Skills spec (Agent Plugins §7.1).',
  },
  {
    id: "skill/name-length",
    severity: "error",
    description: "The skill name is at most 64 characters; for a Codex plugin, `<plugin name>:<skill name>` is.",
    rationale:
      'Codex prefixes a plugin\'s skill names with the plugin name and skips a skill whose prefixed name is longer than 64 characters ("invalid name: exceeds maximum length of 64 characters"). The spec and Claude Code allow at most 64 characters. For the Agent Plugins target the name alone counts (trimmed and NFKC-normalised), and a client skips the skill (Agent Plugins §7.1).',
  },
  {
    id: "skill/unknown-key",
    severity: "warning",
    description:
      "Frontmatter keys are ones the host knows: the Agent Skills spec's six, plus Claude Code's extensions when the target is Claude Code.",
    rationale:
      "Hosts ignore keys they do not know, so a misspelt key silently does nothing, and `skills-ref validate` and the skill-creator validators reject unknown keys. Claude Code's extensions (such as `model` or `allowed-tools` lists) have no effect in Codex. For the Agent Plugins target only the spec's six keys are allowed and any other is an error: the client skips a skill that does not conform to the Agent Skills spec (Agent Plugins §7.1).",
  },
  {
    id: "skill/compatibility-length",
    severity: "warning",
    description: "`compatibility`, when present, is 1-500 characters.",
    rationale:
      "The Agent Skills spec limits `compatibility` to 1-500 characters and `skills-ref validate` rejects longer values. The hosts ignore it. For the Agent Plugins target it is an error: a client skips a skill that does not conform to the Agent Skills spec (Agent Plugins §7.1).",
  },
  {
    id: "skill/yaml-portability",
    severity: "warning",
    // Codex and Claude Code accept these constructs: only the Agent Skills standard's validator rejects them.
    hosts: ["agent-plugins"],
    description:
      "Frontmatter uses plain block-style YAML: no flow collections (`[a, b]`, `{}`), anchors, aliases or explicit tags.",
    rationale:
      "`skills-ref validate` parses frontmatter with strictyaml, which rejects flow style, anchors, aliases and tags. Codex and Claude Code accept them (probes skill-md/yaml-syntax/flow-mapping, anchor-alias, explicit-tag load on every pinned release), so the rule runs only for the Agent Plugins target.",
  },
  {
    id: "skill/link",
    severity: "warning",
    description:
      "Relative links and images in the SKILL.md body point at files that exist inside the plugin (or, for a standalone skill, inside its folder).",
    rationale:
      "The agent follows these links to load references and scripts on demand. A missing target, or one outside the folder that is installed, leaves the agent without the instructions the skill promises.",
  },
  {
    id: "skill/body-length",
    severity: "warning",
    description: "The SKILL.md body is at most 500 lines.",
    rationale:
      "The whole body enters the agent's context when the skill is used. The Agent Skills spec recommends keeping SKILL.md under 500 lines and moving detail into files under references/ that are read only when needed.",
  },
]);
