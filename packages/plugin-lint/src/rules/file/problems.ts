import { readFileSync } from "node:fs";
import { LineIndex, toPosixRelative, type FileProblem, type PluginModel } from "@agent-plugin/core";
import type { Location, RuleContext } from "../../rule.js";

const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Line and column (in characters, like every other position) of a byte offset in a file that is not valid text. */
function byteLocation(path: string, offset: number): Location {
  try {
    const before = lenient.decode(readFileSync(path).subarray(0, offset));
    const lines = new LineIndex(before);
    return lines.position(before.length);
  } catch {
    return { line: 1, column: 1 };
  }
}

/** Reports a file the loader could not take in, under the rule for its reason. */
export function reportFileProblem(context: RuleContext, plugin: PluginModel | undefined, problem: FileProblem): void {
  const at = problem.offset !== undefined ? byteLocation(problem.path, problem.offset) : undefined;
  const base = { file: problem.path, ...(at ? { at } : {}) };
  switch (problem.reason) {
    case "too-large":
      return context.report({ ...base, ruleId: "file/too-large", message: `file ${problem.message}` });
    case "binary":
      return context.report({ ...base, ruleId: "file/binary", message: `file ${problem.message}` });
    case "invalid-utf8":
      return context.report({ ...base, ruleId: "file/invalid-utf8", message: `file ${problem.message}` });
    case "unreadable":
    case "not-a-file":
    case "not-found":
      return context.report({ ...base, ruleId: "file/unreadable", message: `file ${problem.message}` });
    case "walk-limit":
      return context.report({ ...base, ruleId: "file/too-many-files", message: problem.message });
    case "symlink-loop":
      return context.report({ ...base, ruleId: "file/symlink", message: `${problem.message}: remove it` });
    case "symlink-dangling":
      return context.report({ ...base, ruleId: "file/symlink", message: problem.message });
    case "symlink-outside":
      if (plugin?.host.rejectsLinksOutside) {
        return context.report({
          ...base,
          ruleId: "file/symlink",
          message: `${problem.message}: Agent Plugins clients reject package paths that resolve outside the plugin root (§4.1), so ${outsideLinkConsequence(toPosixRelative(plugin.root, problem.path))}`,
        });
      }
      if (plugin?.host.copiesSymlinks) {
        // Claude Code copies the target at install, but the plugin now depends on a file outside its folder.
        return context.report({
          ...base,
          ruleId: "file/symlink",
          severity: "warning",
          message: `${problem.message}: the plugin's content lives outside its folder, so packs and Codex installs will miss it`,
        });
      }
      return context.report({
        ...base,
        ruleId: "file/symlink",
        message: `${problem.message}: installs copy only the plugin folder, so its target will be missing; copy the file in instead`,
      });
    case "symlink-inside":
      if (plugin && !plugin.host.copiesSymlinks) {
        context.report({
          ...base,
          ruleId: "file/symlink",
          message: `${problem.message}: ${plugin.host.displayName} installs do not copy symbolic links, so it will be missing; use a regular file`,
        });
      }
      return;
  }
}

/** The narrowest failure boundary the standard applies to a path that resolves outside the plugin (§4.1). */
function outsideLinkConsequence(relative: string): string {
  const parts = relative.split("/");
  if (relative === "plugin.json") return "the client rejects the whole plugin";
  if (relative === "skills") return "the client treats skills as invalid and loads none (§6.2)";
  if (relative === "mcp.json") return "the client treats MCP as invalid and starts no server (§6.2)";
  if (parts[0] === "skills" && (parts.length === 2 || (parts.length === 3 && parts[2] === "SKILL.md")))
    return `the client skips the skill ${parts[1]} (§7.1)`;
  return "the client denies access to it; copy the file into the plugin instead";
}
