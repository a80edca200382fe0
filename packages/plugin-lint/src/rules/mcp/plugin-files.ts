// How a server reaches the plugin's own files: mcp/command for its cwd and the scripts it runs,
// mcp/relative-path for relative paths with no cwd, and mcp/plugin-root-var for the ${CLAUDE_PLUGIN_ROOT}
// references Codex leaves unexpanded.
import { existsSync } from "node:fs";
import { isAbsolute, posix, resolve } from "node:path";
import { isInside, isRecord, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { stringList, type McpFile, type Server } from "./servers.js";
import {
  checkScript,
  commandScripts,
  mentionsClaudePluginRoot,
  replacePluginRoot,
  startsWithPluginRoot,
} from "../shared/scripts.js";
import { checkPath } from "../path/check.js";

/** The folder a server's relative paths resolve from: its `cwd` (itself relative to the plugin root), else the root. */
function serverFolder(context: RuleContext, file: McpFile, plugin: PluginModel, server: Server): string | undefined {
  const cwd = server.value.cwd;
  if (typeof cwd !== "string") return plugin.root;
  const withoutRoot = replacePluginRoot(cwd);
  // Other variables are filled in on the user's machine: nothing to check here.
  if (withoutRoot.includes("$")) return undefined;
  const resolution = checkPath(context, file, [...server.pointer, "cwd"], withoutRoot, {
    root: plugin.root,
    requireDotSlash: false,
    allowRoot: true,
    expect: "directory",
    what: `server "${server.name}" cwd`,
    consequence: `${context.host.displayName} cannot start the server`,
  });
  return resolution.ok ? resolution.absolute : undefined;
}

export function checkCommand(context: RuleContext, file: McpFile, plugin: PluginModel, server: Server): void {
  const command = server.value.command;
  if (typeof command !== "string" || command === "") return;
  const from = serverFolder(context, file, plugin, server);
  if (from === undefined) return;
  const args = stringList(server.value.args) ?? [];
  const scripts = commandScripts([command, ...args], { root: plugin.root, from });
  const options = {
    root: plugin.root,
    ruleId: "mcp/command" as const,
    consequence: `${context.host.displayName} cannot start the server`,
  };
  if (scripts.program) {
    checkScript(context, file, [...server.pointer, "command"], scripts.program.script, {
      ...options,
      what: `server "${server.name}" command`,
      mustBeExecutable: true,
    });
  }
  if (scripts.argument) {
    const index = scripts.argument.index - 1;
    checkScript(context, file, [...server.pointer, "args", index], scripts.argument.script, {
      ...options,
      what: `server "${server.name}" script`,
      mustBeExecutable: false,
    });
  }
}

/** The server fields whose strings Claude Code expands `${CLAUDE_PLUGIN_ROOT}` in. */
function expandedStrings(server: Server): { path: PointerSegment[]; label: string; value: string }[] {
  const out: { path: PointerSegment[]; label: string; value: string }[] = [];
  for (const field of ["command", "cwd", "url"]) {
    const value = server.value[field];
    if (typeof value === "string") out.push({ path: [...server.pointer, field], label: `"${field}"`, value });
  }
  for (const [index, value] of (stringList(server.value.args) ?? []).entries()) {
    out.push({ path: [...server.pointer, "args", index], label: `args[${index}]`, value });
  }
  const env = server.value.env;
  if (isRecord(env)) {
    for (const [key, value] of Object.entries(env))
      if (typeof value === "string") out.push({ path: [...server.pointer, "env", key], label: `env "${key}"`, value });
  }
  return out;
}

export function checkPluginRootVariable(context: RuleContext, file: McpFile, server: Server): void {
  for (const place of expandedStrings(server)) {
    if (!mentionsClaudePluginRoot(place.value)) continue;
    context.report({
      ruleId: "mcp/plugin-root-var",
      message: `server "${server.name}" ${place.label} uses \${CLAUDE_PLUGIN_ROOT}, which Codex does not expand (the server gets the literal text); for Codex use a relative path with "cwd": "." (resolved against the plugin root)`,
      file: file.path,
      at: { doc: file.doc, path: place.path },
    });
  }
}

/**
 * A word the host resolves from the server's working folder: `./x`, `../x`, or a path with a `/` that names
 * something in the plugin (`server/index.mjs`, but not `owner/repo` or a package spec).
 */
function isRelativeLocalPath(word: string, root: string): boolean {
  if (startsWithPluginRoot(word)) return false;
  if (word.startsWith("./") || word.startsWith("../")) return true;
  if (
    !word.includes("/") ||
    /[$`*?\s]/.test(word) ||
    /^[@~]/.test(word) ||
    isAbsolute(word) ||
    /^[A-Za-z][A-Za-z0-9+.-]*:/.test(word)
  )
    return false;
  const absolute = resolve(root, word);
  return isInside(root, absolute) && existsSync(absolute);
}

/** `command` is word 0 and `args[i]` word i + 1: the words that are relative local paths. */
function relativeWords(plugin: PluginModel, command: string, args: readonly string[]): Set<number> {
  const words = [command, ...args];
  const relative = new Set(words.flatMap((word, index) => (isRelativeLocalPath(word, plugin.root) ? [index] : [])));
  // An interpreter's bare script (`node server.mjs`) is a relative path too.
  const scripts = commandScripts(words, { root: plugin.root, from: plugin.root });
  const script = scripts.program ?? scripts.argument;
  if (script && !startsWithPluginRoot(script.script.written)) relative.add(script.index);
  return relative;
}

function relativePathAdvice(context: RuleContext, word: string): string {
  if (!context.host.expandsClaudePluginRoot)
    return 'set "cwd": "." (Codex resolves a relative cwd against the plugin root) or use an absolute path';
  const normal = posix.normalize(word);
  return `use "\${CLAUDE_PLUGIN_ROOT}/${normal.startsWith("../") ? "..." : normal}"`;
}

/**
 * Both hosts start a stdio server in the session's folder (the user's workspace) unless it sets `cwd`
 * (openai/codex#22842), so a relative `command` or argument is looked up there, not in the plugin.
 */
export function checkRelativePaths(context: RuleContext, file: McpFile, plugin: PluginModel, server: Server): void {
  const command = server.value.command;
  if (typeof command !== "string" || command === "" || server.value.cwd !== undefined) return;
  const args = stringList(server.value.args) ?? [];
  for (const index of [...relativeWords(plugin, command, args)].sort((a, b) => a - b)) {
    const word = index === 0 ? command : args[index - 1]!;
    const label = index === 0 ? "command" : `args[${index - 1}]`;
    context.report({
      ruleId: "mcp/relative-path",
      message: `server "${server.name}" ${label} "${word}" is a relative path, but ${context.host.displayName} starts a server with no "cwd" in the session's folder (the user's workspace), so the path is looked up there and the server fails to start; ${relativePathAdvice(context, word)}`,
      file: file.path,
      at: {
        doc: file.doc,
        path: index === 0 ? [...server.pointer, "command"] : [...server.pointer, "args", index - 1],
      },
    });
  }
}
