// The metadata of the manifest/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const manifestRuleMetas = defineRules([
  {
    id: "manifest/missing",
    severity: "error",
    description: "A Codex plugin has `.codex-plugin/plugin.json`.",
    rationale:
      'Codex 0.117 reads the manifest only from `.codex-plugin/plugin.json` and fails with "missing or invalid .codex-plugin/plugin.json": the plugin cannot be installed or loaded. Claude Code works without a manifest, so the rule does not apply there. Codex 0.171 also reads an Agent Plugins root `plugin.json` (one whose `$schema` names the standard), so with one of those the missing `.codex-plugin/plugin.json` is a warning: only earlier Codex versions cannot install the plugin.',
    hosts: ["codex"],
  },
  {
    id: "manifest/location",
    severity: "error",
    description:
      "The manifest is in the folder the hosts read, and component folders and files sit at the plugin root, not inside `.codex-plugin/` or `.claude-plugin/`.",
    rationale:
      "Codex reads `.codex-plugin/plugin.json` (later versions also `.claude-plugin/plugin.json`, and a root `plugin.json` only when its `$schema` is an Agent Plugins schema); Claude Code reads `.claude-plugin/plugin.json`. Both look for `skills/`, `hooks/`, `.mcp.json` and the other components at the plugin root only, so anything placed next to the manifest is never loaded (probe plugin/location/components-inside-codex-plugin: Codex lists no skill from `.codex-plugin/skills/`). A root `plugin.json` without that `$schema` beside a manifest the host reads is a warning: its fields are ignored, nothing else is lost.",
  },
  {
    id: "manifest/schema",
    severity: "error",
    description: "The manifest is a JSON object and every known field has the right JSON type.",
    rationale:
      "Codex parses the manifest with serde: one known field of the wrong type (`description: 5`, a `skills` array at 0.117, `interface.capabilities: null`) fails the whole parse and the plugin is dropped. Fields Codex 0.117 never reads (`author`, `homepage`, `hooks`...) are reported as warnings. Claude Code rejects a manifest whose known fields have the wrong type.",
  },
  {
    id: "manifest/unknown-field",
    severity: "warning",
    description: "The manifest has no fields the host does not know.",
    rationale:
      "Both hosts ignore unknown fields silently, so a misspelt field (`descripton`, `interface.websiteUrI`) simply has no effect. `claude plugin validate` warns about them too.",
  },
  {
    id: "manifest/name",
    severity: "error",
    description:
      "The plugin name is non-empty, uses only ASCII letters, digits, `_` and `-`, and should be lowercase kebab-case of at most 64 characters.",
    rationale:
      "Codex installs a plugin only if its name passes `validate_plugin_segment` (`^[A-Za-z0-9_-]+$`, non-empty): anything else is an error. Codex's plugin-creator and Claude Code's docs expect lowercase kebab-case up to 64 characters; names that are valid but not in that form are a warning.",
  },
  {
    id: "manifest/name-folder",
    severity: "warning",
    description: "The manifest `name` equals the plugin folder's name.",
    rationale:
      "By convention (Codex's plugin-creator, marketplace layouts) the folder is named after the plugin. When they differ, the marketplace entry, the install cache folder and the folder in the repository disagree, which is how mismatched marketplace entries happen.",
  },
  {
    id: "manifest/version",
    severity: "error",
    description: "`version` uses only letters, digits, `.`, `+`, `_` and `-`, and should be strict SemVer.",
    rationale:
      "Codex 0.171 uses the version as the install cache folder name and refuses to install one with other characters, or `.` / `..` (probe plugin-json/value/version-slash); Codex 0.117 ignores the version, so there it is a warning that later releases refuse the plugin. Both hosts compare versions to offer updates, so a version that is not SemVer (`1.0`, `v1.0.0`) is a warning.",
  },
  {
    id: "manifest/url",
    severity: "warning",
    description:
      "`homepage`, `author.url` and the `interface` website, privacy policy and terms URLs are absolute https URLs.",
    rationale:
      "Codex's runtime shows these links without checking them, but the curated-marketplace ingestion contract (`validate_plugin.py`) rejects URLs that are not https. A relative or http link is broken or insecure for every user who clicks it.",
  },
  {
    id: "manifest/brand-color",
    severity: "warning",
    description: "`interface.brandColor` is a `#RRGGBB` colour.",
    rationale:
      "Codex's runtime passes the value on unchecked, but the UI and the curated-marketplace ingestion expect `#RRGGBB`; any other form is ignored or rejected there.",
    hosts: ["codex"],
  },
  {
    id: "manifest/default-prompt",
    severity: "error",
    description:
      "`interface.defaultPrompt` is a string or an array of at most 3 strings, each non-empty and at most 128 characters once whitespace is collapsed.",
    rationale:
      "Codex collapses whitespace in each starter prompt, skips entries that are not strings, drops (does not truncate) empty prompts and prompts over 128 characters, and stops after the first 3 valid ones. A value that is neither a string nor an array is ignored entirely. Skipped prompts never reach users.",
    hosts: ["codex"],
  },
  {
    id: "manifest/asset",
    severity: "warning",
    description:
      "`interface.composerIcon`, `logo`, `logoDark` and `screenshots` name PNG, JPEG, GIF, WebP or SVG files whose bytes match their extension.",
    rationale:
      "Codex drops invalid asset paths with only a log line (their path problems are reported as `path/*`). A file whose bytes are not the image its extension promises (a renamed JPEG, an HTML error page saved as `.png`) cannot be displayed either. Codex still installs and lists the plugin, only without that image (Codex 0.117 and 0.171 drop nothing else), so a wrong image is a warning.",
    hosts: ["codex"],
  },
  {
    id: "manifest/todo",
    severity: "warning",
    description: "No `[TODO` placeholders are left in the manifest.",
    rationale:
      "Codex's plugin-creator writes `[TODO: ...]` into every field it scaffolds. Hosts show them as they are, and the curated-marketplace ingestion rejects any manifest that still holds one.",
  },
  {
    id: "manifest/claude-fields",
    severity: "warning",
    description:
      "A Codex manifest has no Claude Code-only component fields (`commands`, `outputStyles`, `lspServers`, `userConfig`, `channels`).",
    rationale:
      "Codex ignores these fields: the slash commands, output styles, LSP servers, options and channels they declare do not exist in Codex. Codex's own manifest diagnostics list them as unsupported capability fields.",
    hosts: ["codex"],
  },
  {
    id: "manifest/conflict",
    severity: "warning",
    description:
      "A plugin with several manifests (the Agent Plugins `plugin.json`, `.codex-plugin/plugin.json`, `.claude-plugin/plugin.json`) gives the same `name`, `version` and `description` in each.",
    rationale:
      "Each host reads its own manifest, and Codex 0.171 merges root `plugin.json` with `.codex-plugin/plugin.json` field by field (`version` and `description` from `plugin.json`, `interface` from `.codex-plugin/plugin.json`). Values that disagree make one plugin show different names, versions or descriptions in different hosts, and updates are offered in one host but not another. Checked when a plugin is linted for more than one target.",
  },
  {
    id: "manifest/package-version",
    severity: "warning",
    description: "When the plugin has a package.json with a `version`, plugin.json has the same `version`.",
    rationale:
      "The release flow bumps package.json, but hosts read only plugin.json: Codex names the install cache folder after its `version` and Claude Code uses it as the update key. When the two drift apart, a release ships under the old version and users are never offered the update. The hosts install either version, so this belongs to the release flow and is a warning here: `plugin-pack release` refuses to release while the two differ, and `plugin-pack version` (or `--fix`) syncs them.",
    fixable: true,
  },
]);
