// skill/link: relative links and images in the SKILL.md body point at files that are installed with the skill.
import { isAbsolute, resolve } from "node:path";
import {
  isInside,
  resolvePluginPath,
  toPosixRelative,
  type PluginModel,
  type SkillFile,
  type WalkResult,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { markdownLinkTargets } from "./markdown-links.js";
import { decodeURIComponentSafe } from "../shared/text.js";

export function checkLinks(skill: SkillFile, context: RuleContext, plugin: PluginModel | undefined): void {
  const body = skill.text.slice(skill.bodyStart);
  const targets = markdownLinkTargets(body).map((target) => ({ ...target, offset: target.offset + skill.bodyStart }));
  for (const target of targets) {
    const problem = linkProblem(target.raw, skill, plugin, context.host.id === "claude-code");
    if (problem) {
      context.report({
        ruleId: "skill/link",
        message: problem,
        file: skill.path,
        at: { lines: skill.lines, offset: target.offset, length: target.raw.length },
      });
    }
  }
}

/** Why a link target is broken, or undefined when it is fine or not a local file. */
function linkProblem(
  raw: string,
  skill: SkillFile,
  plugin: PluginModel | undefined,
  claudeVariables: boolean,
): string | undefined {
  const written = localPath(raw);
  if (written === undefined) return undefined;
  const path = claudeVariables ? withClaudeVariables(written, skill, plugin) : written;
  if (path === undefined) return undefined;
  const root = plugin?.root ?? skill.dir;
  const scope = plugin ? "the plugin" : "the skill's folder";
  if (isAbsolute(path) || path.startsWith("~")) {
    return `link target "${raw}" is an absolute path, which will not exist where the skill is installed: link relative to the skill's folder`;
  }
  // `..` is fine in a link as long as it stays inside what is installed, so it is resolved before the root check.
  const absolute = resolve(skill.dir, path);
  if (!isInside(root, absolute)) {
    return `link target "${raw}" is outside ${scope}, which is all that gets installed: move the file into ${scope}`;
  }
  const relative = toPosixRelative(root, absolute);
  // A file or folder the plugin's walk listed exists, inside the plugin, with no link on the way: nothing to ask the
  // file system again (resolving every link target cost a realpath, several lstats each, per link).
  if (plugin && walkedPaths(plugin.files).has(relative)) return undefined;
  const resolution = resolvePluginPath(relative || ".", {
    root,
    from: root,
    requireDotSlash: false,
    allowRoot: true,
  });
  if (resolution.ok) return undefined;
  if (resolution.problem === "escapes-root")
    return `link target "${raw}" leads outside ${scope} through a symbolic link: copy the file in instead`;
  return `link target "${raw}" does not exist: fix the path (it is relative to the skill's folder) or add the file`;
}

const walkedPathSets = new WeakMap<WalkResult, Set<string>>();

/** The relative paths of every file and folder a walk found, made once per walk. */
function walkedPaths(walked: WalkResult): Set<string> {
  let paths = walkedPathSets.get(walked);
  if (!paths) {
    paths = new Set(walked.directories);
    for (const file of walked.files) paths.add(file.relative);
    walkedPathSets.set(walked, paths);
  }
  return paths;
}

/**
 * Claude Code replaces `${CLAUDE_SKILL_DIR}` (the skill's folder) and `${CLAUDE_PLUGIN_ROOT}` (the plugin's) in a
 * skill's text before the model reads it: such a link names a file relative to that folder. `${CLAUDE_PLUGIN_DATA}`
 * is a folder made at run time, so a link into it cannot be checked (undefined).
 */
function withClaudeVariables(path: string, skill: SkillFile, plugin: PluginModel | undefined): string | undefined {
  const variable = /^\$\{(CLAUDE_SKILL_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}(?=\/|$)/.exec(path);
  if (!variable) return path;
  const rest = `.${path.slice(variable[0].length)}`;
  if (variable[1] === "CLAUDE_SKILL_DIR") return rest;
  if (variable[1] === "CLAUDE_PLUGIN_DATA" || plugin === undefined) return undefined;
  return toPosixRelative(skill.dir, resolve(plugin.root, rest)) || ".";
}

/** The file path a link names, or undefined for URLs, mail links and anchors within the page. */
function localPath(raw: string): string | undefined {
  const unescaped = raw.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  if (/^[a-z][a-z0-9+.-]*:/i.test(unescaped) || unescaped.startsWith("//")) return undefined;
  const path = unescaped.split(/[?#]/, 1)[0] ?? "";
  if (path === "") return undefined;
  return decodeURIComponentSafe(path);
}
