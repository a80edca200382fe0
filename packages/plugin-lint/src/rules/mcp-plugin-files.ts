// How a server reaches the plugin's own files: mcp/command for its cwd and the scripts it runs, and
// mcp/plugin-root-var for the ${CLAUDE_PLUGIN_ROOT} references Codex leaves unexpanded.
import { isRecord, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../rule.js";
import { stringList, type McpFile, type Server } from "./mcp-servers.js";
import { checkScript, commandScripts, mentionsClaudePluginRoot, replacePluginRoot } from "./scripts.js";
import { checkPath } from "./shared.js";

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
  const options = { root: plugin.root, ruleId: "mcp/command", consequence: `${context.host.displayName} cannot start the server` };
  if (scripts.program) {
    checkScript(context, file, [...server.pointer, "command"], scripts.program.script, { ...options, what: `server "${server.name}" command`, mustBeExecutable: true });
  }
  if (scripts.argument) {
    const index = scripts.argument.index - 1;
    checkScript(context, file, [...server.pointer, "args", index], scripts.argument.script, { ...options, what: `server "${server.name}" script`, mustBeExecutable: false });
  }
}

/** The server fields whose strings Claude Code expands `${CLAUDE_PLUGIN_ROOT}` in. */
function expandedStrings(server: Server): { path: PointerSegment[]; label: string; value: string }[] {
  const out: { path: PointerSegment[]; label: string; value: string }[] = [];
  for (const field of ["command", "cwd", "url"]) {
    const value = server.value[field];
    if (typeof value === "string") out.push({ path: [...server.pointer, field], label: `"${field}"`, value });
  }
  (stringList(server.value.args) ?? []).forEach((value, index) => out.push({ path: [...server.pointer, "args", index], label: `args[${index}]`, value }));
  const env = server.value.env;
  if (isRecord(env)) {
    for (const [key, value] of Object.entries(env)) if (typeof value === "string") out.push({ path: [...server.pointer, "env", key], label: `env "${key}"`, value });
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
