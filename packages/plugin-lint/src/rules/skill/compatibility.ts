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
      message,
      file: frontmatter.skill.path,
      at: { doc: frontmatter.doc, path: ["compatibility"] },
    });
}
