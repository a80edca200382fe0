// The fixed component locations (§6): of the expected kind, skills one level under skills/, and no MCP servers
// left only in a host's .mcp.json.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type PluginModel, toPosixRelative, type UnloadedSkillFile } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

export function checkComponentKinds(plugin: PluginModel, context: RuleContext): void {
  const standard = plugin.standard;
  if (!standard) return;
  const locations = [
    { location: standard.skills, name: "skills", expected: "a folder", lost: "no skill of the plugin is loaded" },
    { location: standard.mcp, name: "mcp.json", expected: "a regular file", lost: "MCP is disabled for the plugin" },
  ];
  for (const { location, name, expected, lost } of locations) {
    if (location.state !== "wrong-kind") continue;
    // A folder has no line 1: name it on the manifest when there is one.
    const anchor = location.found === "a folder" ? (plugin.manifest?.path ?? location.path) : location.path;
    context.report({
      ruleId: "agent-plugins/component-kind",
      message: `${name} is ${location.found}, not ${expected}: clients treat the component type as invalid, so ${lost} (§6.2)`,
      file: anchor,
    });
  }
}

function unloadedMessage(plugin: PluginModel, file: UnloadedSkillFile): string {
  const path = toPosixRelative(plugin.root, file.path);
  const folder = path.split("/").slice(0, 2).join("/");
  switch (file.reason) {
    case "nested":
      return `${path} is more than one level under skills/, where clients never look (§7.1), so this skill is not loaded; move its folder to skills/${path.split("/").at(-2)}/`;
    case "inside-skill":
      return `${path} is inside the skill ${folder}/: clients load only skills/<name>/SKILL.md (§7.1), so it is part of that skill's files, not a skill of its own; move it to skills/<name>/ if it is one`;
    case "in-skills-folder":
      return `${path} sits directly in skills/, where clients look only for folders (§7.1), so it is not loaded; move it to skills/<name>/SKILL.md`;
    case "misnamed":
      return `${path} is not named exactly SKILL.md, so clients do not find the skill in ${folder}/ (§7.1); rename it to SKILL.md`;
    case "not-a-file":
      return `${path} is not a regular file, so clients do not treat ${folder}/ as a skill (§7.1)`;
  }
}

export function checkSkillLocations(plugin: PluginModel, context: RuleContext): void {
  for (const file of plugin.standard?.unloadedSkillFiles ?? []) {
    context.report({
      ruleId: "agent-plugins/skill-location",
      message: unloadedMessage(plugin, file),
      file: file.path,
      ...(file.reason === "inside-skill" ? { severity: "warning" as const } : {}),
    });
  }
}

export function checkIgnoredComponents(plugin: PluginModel, context: RuleContext): void {
  const hostMcp = join(plugin.root, ".mcp.json");
  if (plugin.standard?.mcp.state !== "absent" || !existsSync(hostMcp)) return;
  context.report({
    ruleId: "agent-plugins/ignored-component",
    message:
      ".mcp.json is Codex's and Claude Code's MCP file: Agent Plugins clients load servers only from mcp.json (§7.2.1), so they start none of these; add mcp.json in the standard's format beside it",
    file: hostMcp,
  });
}
