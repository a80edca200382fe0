// A stdio server's command, cwd and env (§7.2.1, §9): one executable token, a working folder of an allowed form that
// stays where it must, and no reserved variable names.
import { realpathSync, statSync } from "node:fs";
import { posix, resolve } from "node:path";
import { isInside, isRecord, type PluginModel, safeRealpath } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { McpFile } from "../mcp/servers.js";
import { SERVER_SKIPPED, type StandardServer } from "./mcp-file.js";

const ROOT = "${PLUGIN_ROOT}";
const DATA = "${PLUGIN_DATA}";
/** Characters a shell gives meaning to: a command holding one is a command line, not an executable token. */
const SHELL_SYNTAX = /[\s;&|<>`$()*?"'\\]/;

type Verdict = { ok: true; absolute: string } | { ok: false; problem: string };

/** Where a plugin-relative path resolves, judged after links are followed (§4.1). */
function resolveInPlugin(plugin: PluginModel, relative: string, expect: "file" | "directory"): Verdict {
  const absolute = resolve(plugin.root, relative);
  if (!isInside(plugin.root, absolute)) return { ok: false, problem: "climbs out of the plugin root (§4.1)" };
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { ok: false, problem: "does not exist in the plugin, so the server cannot start" };
  }
  if (!isInside(safeRealpath(plugin.root), real))
    return { ok: false, problem: `resolves through a link to ${real}, outside the plugin root (§4.1)` };
  const isDirectory = statSync(real).isDirectory();
  if (expect === "file" && isDirectory) return { ok: false, problem: "is a folder, not an executable file" };
  if (expect === "directory" && !isDirectory) return { ok: false, problem: "is a file, not a folder" };
  return { ok: true, absolute: real };
}

/** Files in the plugin that look like the executable a bare command names: same name, executable, or under bin/. */
function bundledExecutable(plugin: PluginModel, command: string): string | undefined {
  return plugin.files.files.find((file) => {
    const parts = file.relative.split("/");
    if (parts.at(-1) !== command) return false;
    return parts.length === 1 || parts.includes("bin") || (file.mode & 0o111) !== 0;
  })?.relative;
}

export function checkCommand(file: McpFile, plugin: PluginModel, server: StandardServer, context: RuleContext): void {
  const command = server.value.command;
  if (typeof command !== "string" || command === "") return;
  const at = { doc: file.doc, path: [...server.pointer, "command"] };
  const where = `server "${server.name}" command ${JSON.stringify(command)}`;
  const invalid = (problem: string, advice?: string) =>
    context.report({
      ruleId: "agent-plugins/mcp-command",
      message: `${where} ${problem}; ${SERVER_SKIPPED}${advice ? `: ${advice}` : ""}`,
      file: file.path,
      at,
    });
  if (command.startsWith(ROOT) || command.startsWith("$PLUGIN_ROOT")) {
    const rest = command.replace(/^\$\{PLUGIN_ROOT\}|^\$PLUGIN_ROOT/, "").replace(/^\//, "");
    return invalid(
      'uses a placeholder, which clients do not expand in "command" (§9.2)',
      `write "./${rest}", which clients resolve against the plugin root`,
    );
  }
  const words = command.trim().split(/\s+/);
  if (words.length > 1 && !command.startsWith("./")) {
    const [program, ...args] = words;
    return invalid(
      "is a command line, not one executable token (§7.2.1)",
      `put "${program}" in "command" and ${JSON.stringify(args)} in "args"`,
    );
  }
  if (!command.startsWith("./") && SHELL_SYNTAX.test(command))
    return invalid(
      "holds shell syntax (quotes, $, |, ;...), but it is one executable token that no shell reads (§7.2.1)",
    );
  if (command.startsWith("/") || /^[A-Za-z]:[\\/]/.test(command) || command.startsWith("~"))
    return invalid(
      "is an absolute path (§7.2.1)",
      'use a bare program name, or a "./" path to a file inside the plugin',
    );
  if (!command.startsWith("./")) {
    if (command.includes("/"))
      return invalid(
        'is a path that does not start with "./" (§4.1, §7.2.1)',
        `write "./${command.replace(/^(?:\.\.\/)+/, "")}" if the file is in the plugin`,
      );
    checkBareCommand(file, plugin, server, command, context);
    return;
  }
  const resolved = resolveInPlugin(plugin, command, "file");
  if (!resolved.ok)
    return words.length > 1 && resolved.problem.startsWith("does not exist")
      ? invalid("does not exist in the plugin (§7.2.1)", 'it is one executable token: put its arguments in "args"')
      : invalid(resolved.problem);
  const mode = statSync(resolved.absolute).mode;
  if (process.platform === "win32" || (mode & 0o111) !== 0) return;
  context.report({
    ruleId: "agent-plugins/mcp-command",
    message: `${where} is not executable (mode ${(mode & 0o777).toString(8)}): the client cannot launch it; run chmod +x on it`,
    file: file.path,
    at,
    fix: { kind: "chmod", file: resolved.absolute, mode: (mode & 0o7777) | 0o755 },
  });
}

/** A bare name is looked up with the platform's executable search; warn where the files show the plugin relies on more. */
function checkBareCommand(
  file: McpFile,
  plugin: PluginModel,
  server: StandardServer,
  command: string,
  context: RuleContext,
): void {
  const at = { doc: file.doc, path: [...server.pointer, "command"] };
  const bundled = bundledExecutable(plugin, command);
  if (bundled !== undefined) {
    context.report({
      ruleId: "agent-plugins/mcp-command",
      severity: "warning",
      message: `server "${server.name}" command "${command}" is a bare name, but the plugin bundles ${bundled}: a bare name is looked up on the user's PATH, and a plugin that bundles its executable must name it by a plugin-relative path (§7.2.1): use "./${bundled}"`,
      file: file.path,
      at,
    });
  }
  const env = server.value.env;
  const pathKey = isRecord(env) ? Object.keys(env).find((key) => key.toUpperCase() === "PATH") : undefined;
  if (pathKey !== undefined) {
    context.report({
      ruleId: "agent-plugins/mcp-command",
      severity: "warning",
      message: `server "${server.name}" sets "${pathKey}" in "env" to find the bare command "${command}": whether a configured PATH takes part in the search is up to each client, and plugins must not depend on it (§7.2.1); name the program by a "./" path or rely on the user's PATH`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "env", pathKey], part: "key" as const },
    });
  }
}

export function checkCwd(file: McpFile, plugin: PluginModel, server: StandardServer, context: RuleContext): void {
  const cwd = server.value.cwd;
  if (typeof cwd !== "string") return;
  const report = (problem: string, advice?: string) =>
    context.report({
      ruleId: "agent-plugins/mcp-cwd",
      message: `server "${server.name}" cwd ${JSON.stringify(cwd)} ${problem}; ${SERVER_SKIPPED}${advice ? `: ${advice}` : ""}`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "cwd"] },
    });
  const rooted = (prefix: string) => cwd === prefix || cwd.startsWith(`${prefix}/`);
  if (rooted(DATA)) {
    // The data folder is the client's; only a climb out of it shows in the file.
    const inside = posix.normalize(`/data${cwd.slice(DATA.length)}`);
    if (inside !== "/data" && !inside.startsWith("/data/")) report(`climbs out of the plugin's data folder (§7.2.1)`);
    return;
  }
  if (!rooted(ROOT) && !cwd.startsWith("./")) {
    const suggestion =
      cwd === "." || cwd === "" ? "./" : /^[^/$~]/.test(cwd) && !/^[A-Za-z]:/.test(cwd) ? `./${cwd}` : undefined;
    report(`must start with "./", "${ROOT}" or "${DATA}" (§7.2.1)`, suggestion ? `write "${suggestion}"` : undefined);
    return;
  }
  const relative = rooted(ROOT) ? `.${cwd.slice(ROOT.length)}` : cwd;
  // Other placeholders stay literal text (mcp-placeholder reports them); nothing more to resolve here.
  if (relative.includes("${")) return;
  const resolved = resolveInPlugin(plugin, relative, "directory");
  if (!resolved.ok) report(resolved.problem);
}

export function checkReservedEnv(file: McpFile, server: StandardServer, context: RuleContext): void {
  const env = server.value.env;
  if (!isRecord(env)) return;
  for (const key of Object.keys(env)) {
    const reserved = ["PLUGIN_ROOT", "PLUGIN_DATA"].find((name) => name === key.toUpperCase());
    if (reserved === undefined) continue;
    const exact = key === reserved;
    context.report({
      ruleId: "agent-plugins/mcp-reserved-env",
      ...(exact ? {} : { severity: "warning" as const }),
      message: exact
        ? `server "${server.name}" sets "${key}" in "env", which clients set themselves (§9.2); ${SERVER_SKIPPED}: remove it (use "\${${key}}" in args, env values and cwd)`
        : `server "${server.name}" sets "${key}" in "env": where environment names ignore case (Windows) the client replaces it with its own ${reserved} (§9.1); rename it`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "env", key], part: "key" },
    });
  }
}
