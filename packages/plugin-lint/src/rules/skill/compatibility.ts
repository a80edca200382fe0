// skill/compatibility-length: the Agent Skills limit on "compatibility".
import type { RuleContext } from "../../rule.js";
import { characterCount } from "../shared/text.js";
import type { Frontmatter } from "./frontmatter.js";

const COMPATIBILITY_MAX = 500;

export function checkCompatibility(frontmatter: Frontmatter, context: RuleContext): void {
  const raw = frontmatter.value.compatibility;
  if (typeof raw !== "string") return;
  const length = characterCount(raw);
  const message =
    raw.trim() === ""
      ? `"compatibility" is empty: say what the skill needs (products, packages, network access) or remove it`
      : length > COMPATIBILITY_MAX
        ? `"compatibility" is ${length} characters, over the Agent Skills limit of ${COMPATIBILITY_MAX}: shorten it`
        : undefined;
  if (message)
    context.report({
      ruleId: "skill/compatibility-length",
      // The standard skips a skill that breaks the Agent Skills spec (§7.1).
      ...(context.host.strictAgentSkills ? { severity: "error" as const } : {}),
      message: context.host.strictAgentSkills
        ? `${message} (${context.host.displayName} skips the skill, §7.1)`
        : message,
      file: frontmatter.skill.path,
      at: { doc: frontmatter.doc, path: ["compatibility"] },
    });
}
