import { join } from "node:path";
import { type HostId, isRecord, loadSkillFile } from "@agent-plugin/core";
import { declaredComponents, findLosses, type LoadedSkill, type PluginInventory } from "@agent-plugin/hosts";
import type { TryDifference, TryPlugin, TrySkill } from "./types.js";

/**
 * One plugin as its files declare it next to what the host kept: every skill with the name and description the
 * host shows, each component list, and every difference. The losses are the hosts package's `findLosses`, the
 * comparison the host-fidelity harness makes; renames and truncated descriptions are added here.
 */
export function comparePlugin(dir: string, host: HostId, inventory: PluginInventory): TryPlugin {
  const declared = declaredComponents(dir, host);
  const differences: TryDifference[] = findLosses(dir, host, inventory).map((text) => ({
    kind: "lost",
    component: componentOf(text),
    text,
  }));
  const skills = declared.skills.map((path) => skillOf(dir, path, inventory));
  for (const skill of inventory.skills) {
    if (skill.path === undefined || declared.skills.includes(skill.path)) continue;
    // A skill the host found that the files do not list where plugin-pack looks (Claude Code skills have no path).
    skills.push({ path: skill.path, declared: {}, host: shown(skill), status: "loaded" });
  }
  for (const skill of skills) differences.push(...skillDifferences(skill, host));
  const plugin: TryPlugin = {
    name: inventory.name,
    dir,
    installed: inventory.installed,
    manifest: inventory.manifest,
    skills,
    mcpServers: { declared: declared.mcpServers, loaded: inventory.mcpServers },
    hooks: { declared: declared.hookEvents, loaded: inventory.hooks },
    apps: inventory.apps,
    messages: inventory.messages.map((message) => `${message.level}: ${message.text}`),
    differences,
    lost: differences.some((difference) => difference.kind === "lost"),
  };
  if (inventory.installError !== undefined) plugin.installError = inventory.installError;
  if (host === "claude-code") {
    plugin.agents = { declared: declared.agents, loaded: inventory.agents };
    plugin.commands = { declared: declared.commands, loaded: inventory.commands };
    plugin.outputStyles = { declared: declared.outputStyles, loaded: inventory.outputStyles };
    plugin.lspServers = { declared: declared.lspServers, loaded: inventory.lspServers };
    plugin.monitors = { declared: declared.monitors, loaded: inventory.monitors };
  }
  return plugin;
}

function skillOf(dir: string, path: string, inventory: PluginInventory): TrySkill {
  const declared = frontmatterOf(join(dir, path));
  const refusal = inventory.refusedSkills.find((candidate) => candidate.path === path);
  if (refusal !== undefined) return { path, declared, status: "refused", reason: refusal.message };
  const loaded = inventory.skills.find((skill) =>
    skill.path !== undefined ? skill.path === path : matchesName(skill.name, declared.name ?? folderOf(path)),
  );
  // findLosses names the dropped ones (Codex reports paths) or counts them (Claude Code reports names only).
  if (loaded === undefined) return { path, declared, status: "dropped" };
  const skill: TrySkill = { path, declared, host: shown(loaded), status: "loaded" };
  const truncated = truncation(declared.description, loaded.description);
  if (truncated !== undefined) skill.truncated = truncated;
  return skill;
}

function skillDifferences(skill: TrySkill, host: HostId): TryDifference[] {
  if (skill.host === undefined || skill.declared.name === undefined) return [];
  const differences: TryDifference[] = [];
  if (!matchesName(skill.host.name, skill.declared.name)) {
    differences.push({
      kind: "renamed",
      component: "skill",
      text: `skill ${skill.path} is named "${skill.declared.name}" in its file, "${skill.host.name}" by ${host}`,
    });
  }
  if (skill.truncated !== undefined) {
    differences.push({
      kind: "lost",
      component: "skill",
      text: `skill ${skill.path} description truncated: ${host} shows ${skill.truncated.kept} of ${skill.truncated.declared} characters`,
    });
  } else if (
    skill.host.description !== undefined &&
    skill.declared.description !== undefined &&
    collapse(skill.host.description) !== collapse(skill.declared.description)
  ) {
    differences.push({
      kind: "changed",
      component: "skill",
      text: `skill ${skill.path} description differs from its file: ${host} shows "${skill.host.description}"`,
    });
  }
  return differences;
}

/** The host's name is the skill's, or `<plugin>:<skill>`. */
function matchesName(hostName: string, declaredName: string): boolean {
  return hostName === declaredName || hostName.endsWith(`:${declaredName}`);
}

/** When the host kept a shorter start of the declared description (an ellipsis aside). */
function truncation(declared: string | undefined, shownText: string | undefined) {
  if (declared === undefined || shownText === undefined) return undefined;
  const full = collapse(declared);
  const kept = collapse(shownText).replace(/(\.\.\.|…)$/, "");
  if (kept.length >= full.length || !full.startsWith(kept)) return undefined;
  return { kept: kept.length, declared: full.length };
}

function shown(skill: LoadedSkill): { name: string; description?: string } {
  return skill.description === undefined ? { name: skill.name } : { name: skill.name, description: skill.description };
}

function frontmatterOf(path: string): { name?: string; description?: string } {
  const load = loadSkillFile(path);
  const value = load.ok ? load.skill.frontmatter?.value : undefined;
  if (!isRecord(value)) return {};
  const result: { name?: string; description?: string } = {};
  if (typeof value.name === "string") result.name = value.name;
  if (typeof value.description === "string") result.description = value.description;
  return result;
}

function folderOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 2] ?? path;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Which component one of findLosses' lines is about. */
function componentOf(text: string): string {
  if (text.startsWith("plugin not installed")) return "plugin";
  if (text.startsWith("skill ") || / skills dropped$/.test(text)) return "skill";
  if (text.startsWith("MCP server ")) return "mcp";
  if (text.startsWith("hooks for ")) return "hooks";
  const counted = /^\d+ of \d+ (agents|commands|outputStyles) dropped/.exec(text);
  if (counted) return counted[1]!;
  return "manifest";
}
