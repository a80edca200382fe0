// The metadata of the hooks/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const hooksRuleMetas = defineRules([
  {
    id: "hooks/not-loaded",
    severity: "error",
    description: "A plugin has hooks only for hosts that run plugin hooks.",
    rationale:
      "Codex 0.117 loads no plugin hooks at all (probe hooks-json/baseline/clean): a plugin's `hooks/hooks.json`, or the hook files its manifest names, are ignored, so none of their hooks ever run. Codex 0.171 runs them. The other hooks rules are not checked for a host that ignores the hooks, so one cause is reported once.",
    hosts: ["codex"],
  },
  {
    id: "hooks/schema",
    severity: "error",
    description:
      'Hook files have the shape `{"hooks": {"<Event>": [{"matcher"?: "...", "hooks": [{"type": "command", "command": "..."}]}]}}`.',
    rationale:
      "Both hosts parse hook files into typed structures: a wrong type, or a hook without the field its `type` needs (`command`, `prompt`, `url`), makes the file fail to load, and none of its hooks run.",
  },
  {
    id: "hooks/unknown-field",
    severity: "warning",
    description: "Hook files use only the keys the hosts read.",
    rationale:
      "Unknown keys are ignored (or, in some Codex versions, fail the file), so a misspelt `matcher` or `timeout` silently does nothing.",
  },
  {
    id: "hooks/event",
    severity: "error",
    description: "Hook event names are events the target host fires, spelled exactly (they are case-sensitive).",
    rationale:
      "Hooks are registered per event name. An event the host does not know (`pretooluse`, `PreToolUsed`, or a Claude-only event under Codex) is never fired, so its hooks never run.",
  },
  {
    id: "hooks/command",
    severity: "warning",
    fixable: true,
    description:
      "A command hook's local script exists inside the plugin, and is executable when the command runs it directly.",
    rationale:
      'The host runs the hook command through a shell each time the event fires. A script that is missing, outside the plugin (installs copy only the plugin folder) or lacks its executable bit fails with "not found" or "permission denied" every time. Missing and escaping paths are reported as `path/not-found` and `path/escapes-root`; a missing executable bit is fixed with chmod. The host still registers the hook (nothing is dropped at load), so this is a warning: the failure shows only when the event fires.',
  },
  {
    id: "hooks/relative-command",
    severity: "warning",
    fixable: true,
    description:
      'A command hook names its local script through the host\'s plugin-root variable (`"${PLUGIN_ROOT}/hooks/x.sh"` for Codex, `"${CLAUDE_PLUGIN_ROOT}/hooks/x.sh"` for Claude Code), not by a relative path.',
    rationale:
      "Codex and Claude Code run hook commands through a shell (`sh -lc`, `cmd.exe /C`) whose working directory is the session's folder, the user's workspace, not the plugin root. A relative script path (`./hooks/x.sh`, `hooks/x.sh`, `node ./x.mjs`) is looked up there and fails with \"not found\" (exit 127, openai/codex#26675). Both hosts substitute their plugin-root variable in hook commands; quoting it keeps an install path with spaces one word. The host still registers the hook (nothing is dropped at load), so this is a warning: the failure shows only when the event fires. The fix rewrites the script path to the variable form.",
  },
  {
    id: "hooks/description",
    severity: "warning",
    hosts: ["codex"],
    description: "Hook files have no top-level `description` when targeting Codex.",
    rationale:
      'Codex 0.140 to 0.142 parse the hook file strictly and reject a top-level `description` ("unknown field `description`, expected `hooks`", openai/codex#30397), dropping every hook in the file. Earlier and later versions accept it, so this is a warning.',
  },
  {
    id: "hooks/location",
    severity: "error",
    description:
      "Hook definitions live in `hooks/hooks.json` (or a file the manifest's `hooks` names), not in a `hooks.json` at the plugin root.",
    rationale:
      "Codex and Claude Code look for `hooks/hooks.json` by default; a `hooks.json` at the plugin root that the manifest does not name is never read, so its hooks silently never run (Codex 0.171 installs such a plugin with no hooks: probe hooks-json/location/root-hooks-json). Two plugins of OpenAI's curated marketplace lose their hooks this way.",
  },
  {
    id: "hooks/plugin-root-var",
    severity: "warning",
    description:
      "Hook commands name the plugin folder through the target host's own variable: `${PLUGIN_ROOT}` for Codex, `${CLAUDE_PLUGIN_ROOT}` for Claude Code.",
    rationale:
      "Claude Code sets and expands `${CLAUDE_PLUGIN_ROOT}` in hook commands (and `${CLAUDE_PLUGIN_DATA}`, `${CLAUDE_PROJECT_DIR}`); Codex does neither, so the shell expands it to an empty string and the command points at the wrong path. The reverse holds for Codex's `${PLUGIN_ROOT}` under Claude Code 2.1.332, which expands no other variable.",
  },
]);
