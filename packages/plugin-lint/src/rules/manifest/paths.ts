// The manifest's component paths (skills, MCP servers, apps, hooks...), reported as path/*.
import type { PluginModel, ResolveOptions } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { fieldName, type Manifest, type StringAt } from "./value.js";
import { checkPath, type MissingPath } from "../path/check.js";
import { isUrl } from "../shared/text.js";

interface ComponentField {
  field: string;
  expect: ResolveOptions["expect"];
}

const CODEX_COMPONENTS: readonly ComponentField[] = [
  { field: "skills", expect: "directory" },
  { field: "mcpServers", expect: "file" },
  { field: "apps", expect: "file" },
  { field: "hooks", expect: "file" },
  { field: "agents", expect: "any" },
];

const CLAUDE_COMPONENTS: readonly ComponentField[] = [
  { field: "skills", expect: "directory" },
  { field: "mcpServers", expect: "file" },
  { field: "hooks", expect: "file" },
  { field: "agents", expect: "any" },
  { field: "commands", expect: "any" },
  { field: "outputStyles", expect: "any" },
  { field: "lspServers", expect: "file" },
];

/** The path strings of a component field: a string or the strings of an array (inline objects are not paths). */
function componentPaths(value: unknown, field: string): StringAt[] {
  if (typeof value === "string") return [{ text: value, path: [field] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((text, index) => (typeof text === "string" ? [{ text, path: [field, index] }] : []));
}

/**
 * A `skills` path that names nothing loses nothing where the host reads `skills/` as well (Codex 0.117, Claude Code);
 * where the path replaces `skills/` (Codex 0.171) the default folder's skills are dropped.
 */
function missingSkillsPath(plugin: PluginModel): MissingPath {
  const host = `${plugin.host.displayName} ${plugin.host.version}`;
  if (plugin.host.skillPathsReplaceDefault) {
    return {
      severity: "error",
      consequence: `${host} reads this path instead of ./skills/, so none of the plugin's skills loads`,
    };
  }
  return {
    severity: "warning",
    consequence: `${host} still reads ./skills/, so nothing is lost, but the field adds no skills; fix or remove it`,
  };
}

export function checkComponentPaths(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const claude = plugin.host.id === "claude-code";
  const consequence = `${plugin.host.displayName} ignores this path, so the component is not loaded`;
  for (const { field, expect } of claude ? CLAUDE_COMPONENTS : CODEX_COMPONENTS) {
    for (const entry of componentPaths(manifest.value[field], field)) {
      // Claude Code also takes MCP servers from a URL, which is not a path.
      if (claude && field === "mcpServers" && isUrl(entry.text)) continue;
      // Claude Code (2.1.221+) accepts `skills: "."`, the plugin root itself.
      const rootSkills = claude && field === "skills";
      const options = {
        root: plugin.root,
        expect,
        what: fieldName(entry.path),
        consequence,
        allowRoot: rootSkills,
        requireDotSlash: !(rootSkills && entry.text === "."),
        ifMissing: field === "skills" ? missingSkillsPath(plugin) : undefined,
      };
      checkPath(context, manifest, entry.path, entry.text, options);
    }
  }
}
