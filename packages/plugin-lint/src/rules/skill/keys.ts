// skill/unknown-key: frontmatter keys the host does not read.
import { closestMatch, hostProfiles, type HostProfile } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Frontmatter } from "./frontmatter.js";

export function checkKeys(frontmatter: Frontmatter, context: RuleContext): void {
  const host = context.host;
  const known = new Set(host.skillKeys);
  const claudeOnly = new Set(hostProfiles["claude-code"].skillKeys.filter((key) => !known.has(key)));
  for (const key of Object.keys(frontmatter.value)) {
    if (known.has(key)) continue;
    context.report({
      ruleId: "skill/unknown-key",
      ...(host.strictAgentSkills ? { severity: "error" as const } : {}),
      message: host.strictAgentSkills
        ? strictKeyMessage(key, host)
        : claudeOnly.has(key)
          ? claudeKeyMessage(key, host)
          : unknownKeyMessage(key, host),
      file: frontmatter.skill.path,
      at: { doc: frontmatter.doc, path: [key], part: "key" },
    });
  }
}

/** The standard skips a skill whose frontmatter has keys outside the Agent Skills spec (Agent Plugins §7.1). */
function strictKeyMessage(key: string, host: HostProfile): string {
  const suggestion = closestMatch(key, host.skillKeys);
  return `frontmatter key "${key}" is not one of the Agent Skills spec's ${host.skillKeys.join(", ")}, so ${host.displayName} skips the skill (§7.1)${suggestion ? `: did you mean "${suggestion}"?` : '; put custom data under "metadata"'}`;
}

function claudeKeyMessage(key: string, host: HostProfile): string {
  return `"${key}" is a Claude Code frontmatter key: ${host.displayName} ignores it and skills-ref rejects it; remove it unless the skill is only for Claude Code`;
}

function unknownKeyMessage(key: string, host: HostProfile): string {
  const suggestion = closestMatch(key, host.skillKeys);
  if (suggestion) return `unknown frontmatter key "${key}": did you mean "${suggestion}"?`;
  return `unknown frontmatter key "${key}": ${host.displayName} ignores it and skills-ref rejects it; put custom data under "metadata"`;
}
