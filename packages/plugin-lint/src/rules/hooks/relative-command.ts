// hooks/relative-command: hook commands run from the session's folder, so scripts need the plugin root variable.
import { isAbsolute, posix } from "node:path";
import { locate, type Fix, type HostProfile, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { commandScripts, shellWordSpans, startsWithPluginRoot, type ShellWord } from "../shared/scripts.js";
import type { Hook, HooksFile } from "./hook.js";

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
export function checkRelativeCommand(context: RuleContext, file: HooksFile, plugin: PluginModel, hook: Hook): void {
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
