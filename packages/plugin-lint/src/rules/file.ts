import { readFileSync } from "node:fs";
import { LineIndex, type FileProblem, type PluginModel } from "@agent-plugin/core";
import type { Location, RuleContext, RuleFamily } from "../rule.js";

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

export const fileRules: RuleFamily = {
  rules: [
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
        "Codex installs copy only regular files and folders, so a symlinked file is missing after install. Links that loop or leave the plugin break every host.",
    },
    {
      id: "file/too-many-files",
      severity: "warning",
      description: "The plugin folder stays within 50,000 entries and 32 levels of folders.",
      rationale:
        "A plugin that large almost always has a build output or dependency folder inside it; the linter stops walking there rather than hang.",
    },
  ],
  plugin(plugin, context) {
    for (const problem of plugin.fileProblems) reportFileProblem(context, plugin, problem);
  },
  marketplace(marketplace, context) {
    if (marketplace.fileProblem && marketplace.fileProblem.reason !== "not-found")
      reportFileProblem(context, undefined, marketplace.fileProblem);
  },
};
