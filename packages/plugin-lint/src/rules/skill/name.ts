// skill/name, skill/name-folder and skill/name-length: the name the spec requires and the hosts list the skill by.
import { basename } from "node:path";
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { Location, RuleContext } from "../../rule.js";
import type { Frontmatter } from "./frontmatter.js";
import { characterCount, collapseWhitespace, KEBAB_CASE } from "../shared/text.js";

export function checkName(frontmatter: Frontmatter, context: RuleContext): void {
  if (context.host.strictAgentSkills) return checkAgentSkillsName(frontmatter, context);
  const { value, skill } = frontmatter;
  if (!("name" in value)) return;
  const raw = value.name;
  // A non-string, non-null name is reported through the schema.
  if (raw !== null && typeof raw !== "string") return;
  const at: Location = { doc: frontmatter.doc, path: ["name"] };
  const name = raw ?? "";
  if (name.trim() === "") {
    context.report({
      ruleId: "skill/name",
      message: `"name" is empty (hosts use the folder name instead): set it to "${skill.folderName}" or remove it`,
      file: skill.path,
      at,
    });
    return;
  }
  const problems = nameProblems(name);
  if (problems.length > 0) {
    const suggestion = kebabCase(name);
    context.report({
      ruleId: "skill/name",
      message: `"name" ${problems.join(", ")}${suggestion && suggestion !== name ? `: rename it to "${suggestion}"` : ""}`,
      file: skill.path,
      at,
    });
  }
  const normalised = name.normalize("NFKC");
  const folder = skill.folderName.normalize("NFKC");
  if (normalised !== folder) {
    context.report({
      ruleId: "skill/name-folder",
      message: `"name" is "${name}" but the skill's folder is "${skill.folderName}": the Agent Skills spec requires them to match; rename one of them`,
      file: skill.path,
      at,
    });
  }
}

/**
 * The Agent Skills name rule as a client that skips non-conforming skills applies it (Agent Plugins §7.1): `name` is
 * required; after trimming and NFKC normalisation it is lowercase letters (any script), digits and single inner
 * hyphens, and equals the folder's name.
 */
function checkAgentSkillsName(frontmatter: Frontmatter, context: RuleContext): void {
  const { value, skill } = frontmatter;
  const skipped = `${context.host.displayName} skips the skill (§7.1)`;
  const at: Location = { doc: frontmatter.doc, path: ["name"] };
  const raw = value.name;
  // A name of another type is reported through the schema.
  if (raw !== undefined && raw !== null && typeof raw !== "string") return;
  if (raw === undefined || raw === null || raw.trim() === "") {
    context.report({
      ruleId: "skill/name",
      severity: "error",
      message: `the Agent Skills spec requires a "name", and ${skipped}: add "name: ${skill.folderName}"`,
      file: skill.path,
      at,
    });
    return;
  }
  const name = raw.trim().normalize("NFKC");
  const problems = agentSkillsNameProblems(name);
  if (problems.length > 0)
    context.report({
      ruleId: "skill/name",
      severity: "error",
      message: `"name" ${problems.join(", ")}, so ${skipped}`,
      file: skill.path,
      at,
    });
  if (name !== skill.folderName.normalize("NFKC"))
    context.report({
      ruleId: "skill/name-folder",
      severity: "error",
      message: `"name" is "${name}" but the skill's folder is "${skill.folderName}": the Agent Skills spec requires them to match, so ${skipped}; rename one of them`,
      file: skill.path,
      at,
    });
}

/** skills-ref's name checks, over a trimmed, NFKC-normalised name (its length is skill/name-length's). */
function agentSkillsNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name !== name.toLowerCase()) problems.push("must be lowercase");
  if (name.startsWith("-") || name.endsWith("-")) problems.push("must not start or end with a hyphen");
  if (name.includes("--")) problems.push("must not contain consecutive hyphens");
  const invalid = [...new Set([...name].filter((c) => !/[\p{L}\p{N}-]/u.test(c)))];
  if (invalid.length > 0)
    problems.push(
      `may contain only letters, digits and "-" (found ${invalid.map((c) => JSON.stringify(c)).join(", ")})`,
    );
  return problems;
}

/** Which parts of the spec's name rule a name breaks, in the words of `skills-ref validate`. */
function nameProblems(name: string): string[] {
  if (KEBAB_CASE.test(name)) return [];
  const problems: string[] = [];
  if (name !== name.toLowerCase()) problems.push("must be lowercase");
  if (name.startsWith("-") || name.endsWith("-")) problems.push("must not start or end with a hyphen");
  if (name.includes("--")) problems.push("must not contain consecutive hyphens");
  const invalid = [...new Set([...name.toLowerCase()].filter((c) => !/[a-z0-9-]/.test(c)))];
  if (invalid.length > 0)
    problems.push(`may contain only a-z, 0-9 and "-" (found ${invalid.map((c) => JSON.stringify(c)).join(", ")})`);
  return problems;
}

function kebabCase(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function checkNameLength(frontmatter: Frontmatter, context: RuleContext, plugin: PluginModel | undefined): void {
  const { skill, value } = frontmatter;
  const host = context.host;
  if (host.strictAgentSkills) {
    // skills-ref measures the trimmed, NFKC-normalised name; a missing name is skill/name's.
    const name = typeof value.name === "string" ? value.name.trim().normalize("NFKC") : "";
    const length = characterCount(name);
    if (length > host.skillNameMax)
      context.report({
        ruleId: "skill/name-length",
        message: `skill name "${name}" is ${length} characters, over the Agent Skills limit of ${host.skillNameMax}, so ${host.displayName} skips the skill (§7.1): shorten it`,
        file: skill.path,
        at: { doc: frontmatter.doc, path: ["name"] },
      });
    return;
  }
  const declared = typeof value.name === "string" ? collapseWhitespace(value.name) : "";
  // Codex and Claude Code both fall back to the folder name.
  const base = declared !== "" ? declared : collapseWhitespace(skill.folderName);
  const namespaced = host.namespacedSkillNames && plugin !== undefined;
  const full = namespaced ? `${pluginName(plugin)}:${base}` : base;
  const length = characterCount(full);
  if (length <= host.skillNameMax) return;
  const at: Location =
    declared !== "" ? { doc: frontmatter.doc, path: ["name"] } : { lines: skill.lines, offset: 0, length: 3 };
  const source = declared !== "" ? "" : " (taken from the folder name)";
  context.report({
    ruleId: "skill/name-length",
    message: namespaced
      ? `${host.displayName} names this skill "${full}"${source}, ${length} characters, over its limit of ${host.skillNameMax} for plugin name, ":" and skill name together (${host.displayName} skips the skill): shorten the skill or plugin name`
      : `skill name "${full}"${source} is ${length} characters, over the limit of ${host.skillNameMax}: shorten it`,
    file: skill.path,
    at,
  });
}

/** The namespace Codex puts before a plugin's skills: the manifest's name, else the folder's. */
function pluginName(plugin: PluginModel): string {
  const manifest = plugin.manifest?.doc.value;
  const name = isRecord(manifest) ? manifest.name : undefined;
  return typeof name === "string" && name !== "" ? name : basename(plugin.root);
}
