import { isAbsolute, join, posix, resolve } from "node:path";
import {
  closestMatch,
  describePath,
  isRecord,
  locate,
  type Fix,
  type HostProfile,
  type JsonDocument,
  type PluginModel,
  type PointerSegment,
} from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../rule.js";
import {
  checkScript,
  commandScripts,
  mentionsClaudePluginRoot,
  shellWords,
  shellWordSpans,
  startsWithPluginRoot,
  type ShellWord,
} from "./scripts.js";
import { hasValue, reportSchema } from "./shared.js";

interface HooksFile {
  path: string;
  doc: JsonDocument;
}

/** One hook handler: `hooks.<Event>[i].hooks[j]`. */
interface Hook {
  event: string;
  value: Record<string, unknown>;
  pointer: PointerSegment[];
}

function hooksOf(events: Record<string, unknown>): Hook[] {
  const hooks: Hook[] = [];
  for (const [event, groups] of Object.entries(events)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, groupIndex) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return;
      group.hooks.forEach((hook, hookIndex) => {
        if (isRecord(hook))
          hooks.push({ event, value: hook, pointer: ["hooks", event, groupIndex, "hooks", hookIndex] });
      });
    });
  }
  return hooks;
}

/** The field each hook type cannot work without (a conditional requirement the schema cannot state without noise). */
const REQUIRED_BY_TYPE: Readonly<Record<string, string>> = { command: "command", prompt: "prompt", http: "url" };

function checkRequiredByType(context: RuleContext, file: HooksFile, hook: Hook): void {
  const type = hook.value.type;
  const field = typeof type === "string" ? REQUIRED_BY_TYPE[type] : undefined;
  if (field === undefined || field in hook.value) return;
  context.report({
    ruleId: "hooks/schema",
    message: `${describePath(hook.pointer)} is missing the required field "${field}" (a "${String(type)}" hook needs it)`,
    file: file.path,
    at: { doc: file.doc, path: hook.pointer, part: "key" },
  });
}

function checkEvents(context: RuleContext, file: HooksFile, events: Record<string, unknown>): void {
  const known = context.host.hookEvents;
  for (const event of Object.keys(events)) {
    if (known.includes(event)) continue;
    const suggestion = closestMatch(event, known);
    context.report({
      ruleId: "hooks/event",
      message: `"${event}" is not a ${context.host.displayName} hook event${suggestion ? `: did you mean "${suggestion}"?` : ""} (names are case-sensitive; hooks under an unknown event never run)`,
      file: file.path,
      at: { doc: file.doc, path: ["hooks", event], part: "key" },
    });
  }
}

function checkDescription(context: RuleContext, file: HooksFile, value: Record<string, unknown>): void {
  if (!("description" in value)) return;
  context.report({
    ruleId: "hooks/description",
    message:
      'Codex 0.140-0.142 reject a hooks file with a top-level "description" (unknown field, openai/codex#30397) and run none of its hooks; remove it',
    file: file.path,
    at: { doc: file.doc, path: ["description"], part: "key" },
  });
}

function checkCommand(context: RuleContext, file: HooksFile, plugin: PluginModel, hook: Hook): void {
  const command = hook.value.command;
  if (hook.value.type !== "command" || typeof command !== "string") return;
  const scripts = commandScripts(shellWords(command), { root: plugin.root, from: plugin.root });
  const options = {
    root: plugin.root,
    ruleId: "hooks/command",
    what: "hook command",
    consequence: `the ${hook.event} hook fails every time it runs`,
  };
  const at = [...hook.pointer, "command"];
  if (scripts.program) checkScript(context, file, at, scripts.program.script, { ...options, mustBeExecutable: true });
  if (scripts.argument)
    checkScript(context, file, at, scripts.argument.script, { ...options, mustBeExecutable: false });
}

/** The variable each host sets to the plugin's install folder and expands in hook commands. */
function pluginRootVariable(host: HostProfile): string {
  return host.expandsClaudePluginRoot ? "CLAUDE_PLUGIN_ROOT" : "PLUGIN_ROOT";
}

/** `./hooks/x.sh` → `"${PLUGIN_ROOT}/hooks/x.sh"`; undefined for a path that climbs out of the plugin. */
function rootedScript(written: string, variable: string): string | undefined {
  const normal = posix.normalize(written);
  if (normal === ".." || normal.startsWith("../") || isAbsolute(normal)) return undefined;
  // Double quotes keep a plugin root with spaces in it one word; the variable still expands inside them.
  return `"\${${variable}}/${normal}"`;
}

/** Replaces the script word inside the command's JSON string token; only a word written without quotes or escapes. */
function relativeCommandFix(
  file: HooksFile,
  at: readonly PointerSegment[],
  command: string,
  word: ShellWord,
  rooted: string,
): Fix | undefined {
  const token = locate(file.doc, at);
  if (!word.plain || !token.exact) return undefined;
  const fixed = command.slice(0, word.start) + rooted + command.slice(word.end);
  return {
    kind: "edit",
    file: file.path,
    range: [token.offset, token.offset + token.length],
    text: JSON.stringify(fixed),
  };
}

/**
 * Both hosts run hook commands through a shell from the session's folder (the user's workspace), not the
 * plugin root (openai/codex#26675: `./scripts/x.sh` exits 127), so a relative script path is not found.
 */
function checkRelativeCommand(context: RuleContext, file: HooksFile, plugin: PluginModel, hook: Hook): void {
  const command = hook.value.command;
  if (hook.value.type !== "command" || typeof command !== "string") return;
  const words = shellWordSpans(command);
  const scripts = commandScripts(
    words.map((word) => word.text),
    { root: plugin.root, from: plugin.root },
  );
  const found = scripts.program ?? scripts.argument;
  if (!found || startsWithPluginRoot(found.script.written)) return;
  const variable = pluginRootVariable(context.host);
  const rooted = rootedScript(found.script.written, variable);
  const at = [...hook.pointer, "command"];
  const fix = rooted === undefined ? undefined : relativeCommandFix(file, at, command, words[found.index]!, rooted);
  context.report({
    ruleId: "hooks/relative-command",
    message: `hook command runs "${found.script.written}" by a relative path, but ${context.host.displayName} runs hook commands from the session's folder (the user's workspace), not the plugin root, so the ${hook.event} hook fails with "not found"; use ${rooted ?? `"\${${variable}}/..."`} (quoted, so an install path with spaces stays one word)`,
    file: file.path,
    at: { doc: file.doc, path: at },
    ...(fix ? { fix } : {}),
  });
}

function checkPluginRootVariable(context: RuleContext, file: HooksFile, hook: Hook): void {
  const command = hook.value.command;
  if (typeof command !== "string" || !mentionsClaudePluginRoot(command)) return;
  context.report({
    ruleId: "hooks/plugin-root-var",
    message: `hook command uses \${CLAUDE_PLUGIN_ROOT}, which Codex neither sets nor expands, so the path is wrong and the ${hook.event} hook fails; use Codex's own variable, e.g. "\${PLUGIN_ROOT}/hooks/check.sh"`,
    file: file.path,
    at: { doc: file.doc, path: [...hook.pointer, "command"] },
  });
}

function lintHooksFile(context: RuleContext, plugin: PluginModel, file: HooksFile): void {
  reportSchema(context, file, "hooks");
  const value = file.doc.value;
  if (!isRecord(value)) return;
  if (!context.host.expandsClaudePluginRoot) checkDescription(context, file, value);
  if (!isRecord(value.hooks)) return;
  checkEvents(context, file, value.hooks);
  for (const hook of hooksOf(value.hooks)) {
    checkRequiredByType(context, file, hook);
    checkCommand(context, file, plugin, hook);
    checkRelativeCommand(context, file, plugin, hook);
    if (!context.host.expandsClaudePluginRoot) checkPluginRootVariable(context, file, hook);
  }
}

/** Hosts read `hooks/hooks.json` or the manifest's `hooks` paths; a `hooks.json` at the root is neither. */
function checkLocation(context: RuleContext, plugin: PluginModel): void {
  const stray = plugin.files.files.find((file) => file.relative === "hooks.json");
  if (!stray) return;
  const declared = isRecord(plugin.manifest?.doc.value) ? plugin.manifest.doc.value.hooks : undefined;
  const paths =
    typeof declared === "string"
      ? [declared]
      : Array.isArray(declared)
        ? declared.filter((p): p is string => typeof p === "string")
        : [];
  if (paths.some((path) => resolve(plugin.root, path) === join(plugin.root, "hooks.json"))) return;
  context.report({
    ruleId: "hooks/location",
    message:
      'hooks.json at the plugin root is never loaded: Codex and Claude Code read hooks/hooks.json (or the paths in the manifest\'s "hooks"); move it to hooks/hooks.json',
    file: stray.absolute,
    at: { line: 1, column: 1 },
  });
}

function lintHooks(plugin: PluginModel, context: RuleContext): void {
  for (const file of plugin.hooks) if (hasValue(file)) lintHooksFile(context, plugin, file);
  checkLocation(context, plugin);
}

export const hooksRules: RuleFamily = {
  rules: [
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
      severity: "error",
      fixable: true,
      description:
        "A command hook's local script exists inside the plugin, and is executable when the command runs it directly.",
      rationale:
        'The host runs the hook command through a shell each time the event fires. A script that is missing, outside the plugin (installs copy only the plugin folder) or lacks its executable bit fails with "not found" or "permission denied" every time. Missing and escaping paths are reported as `path/not-found` and `path/escapes-root`; a missing executable bit is fixed with chmod.',
    },
    {
      id: "hooks/relative-command",
      severity: "error",
      fixable: true,
      description:
        'A command hook names its local script through the host\'s plugin-root variable (`"${PLUGIN_ROOT}/hooks/x.sh"` for Codex, `"${CLAUDE_PLUGIN_ROOT}/hooks/x.sh"` for Claude Code), not by a relative path.',
      rationale:
        "Codex and Claude Code run hook commands through a shell (`sh -lc`, `cmd.exe /C`) whose working directory is the session's folder, the user's workspace, not the plugin root. A relative script path (`./hooks/x.sh`, `hooks/x.sh`, `node ./x.mjs`) is looked up there and fails with \"not found\" (exit 127, openai/codex#26675). Both hosts substitute their plugin-root variable in hook commands; quoting it keeps an install path with spaces one word. The fix rewrites the script path to the variable form.",
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
      severity: "warning",
      description:
        "Hook definitions live in `hooks/hooks.json` (or a file the manifest's `hooks` names), not in a `hooks.json` at the plugin root.",
      rationale:
        "Codex and Claude Code look for `hooks/hooks.json` by default; a `hooks.json` at the plugin root that the manifest does not name is never read, so its hooks silently never run.",
    },
    {
      id: "hooks/plugin-root-var",
      severity: "warning",
      hosts: ["codex"],
      description: "Hook commands do not rely on `${CLAUDE_PLUGIN_ROOT}` when targeting Codex.",
      rationale:
        "Claude Code sets and expands `${CLAUDE_PLUGIN_ROOT}` in hook commands; Codex does neither, so the shell expands it to an empty string and the command points at the wrong path. Codex's own variable is `${PLUGIN_ROOT}`.",
    },
  ],
  plugin: lintHooks,
};
