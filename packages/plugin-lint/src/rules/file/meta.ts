// The metadata of the file/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const fileRuleMetas = defineRules([
  {
    id: "file/too-large",
    severity: "error",
    description: "Plugin text files (manifests, SKILL.md, MCP/app/hook files) are at most 4 MiB.",
    rationale:
      "A multi-megabyte manifest or skill is a mistake (a generated dump, a committed log), and a skill that large would swamp the agent's context window.",
  },
  {
    id: "file/binary",
    severity: "error",
    description: "Files the hosts read as text (plugin.json, SKILL.md, .mcp.json...) are text, not binary.",
    rationale: "The host cannot parse a binary file where it expects JSON or Markdown, and drops the component.",
  },
  {
    id: "file/invalid-utf8",
    severity: "error",
    description: "Text files are valid UTF-8.",
    rationale:
      "Codex reads plugin files as UTF-8 strings; an invalid byte makes the read fail and the component is dropped.",
  },
  {
    id: "file/unreadable",
    severity: "error",
    description: "Every file the plugin names can be read.",
    rationale:
      "A file without read permission, or a folder where a file is expected, fails at install or load time on the user's machine.",
  },
  {
    id: "file/symlink",
    severity: "error",
    description: "No symbolic links that loop, dangle, leave the plugin, or (for Codex) that installs would drop.",
    rationale:
      "Codex installs copy only regular files and folders, so a symlinked file is missing after install. Links that loop or leave the plugin break every host. The Agent Plugins standard allows links that stay inside the plugin, and clients MUST reject any package path that resolves outside it (§4.1), at the narrowest boundary: a `plugin.json` outside rejects the plugin, `skills` or `mcp.json` outside invalidates that component type, a skill's folder or `SKILL.md` outside skips the skill, and any other path is denied.",
  },
  {
    id: "file/too-many-files",
    severity: "warning",
    description: "The plugin folder stays within 50,000 entries and 32 levels of folders.",
    rationale:
      "A plugin that large almost always has a build output or dependency folder inside it; the linter stops walking there rather than hang.",
  },
  {
    id: "file/secret",
    purpose: "security",
    severity: "error",
    description:
      "No credentials (private keys, cloud, GitHub, Slack, Stripe, OpenAI, Anthropic, Google, npm tokens, JWTs) in plugin files.",
    rationale:
      "Installs copy every file of the plugin to each user's machine (Codex into `~/.codex/plugins/cache`, Claude Code into `~/.claude/plugins/cache`), and marketplaces are public git repositories: a committed credential is published. Removing it later does not help; it must be rotated. A file that git ignores (and does not track) and that plugin-pack leaves out of archives, such as a signing key in a git-ignored `keys/` folder or a local `.env`, is neither committed nor packed, so it is not reported; the message says which of the two would publish the secret.",
  },
]);
