// skill/description, skill/description-length and skill/description-angle-brackets: the description the agent
// reads to decide when to use the skill.
import { isRecord } from "@agent-plugin/core";
import type { Location, RuleContext } from "../../rule.js";
import { descriptionFinding, type Frontmatter } from "./frontmatter.js";
import { characterCount, collapseWhitespace } from "../shared/text.js";

/** Codex checks `metadata.short-description` against the description limit. */
const CODEX_SHORT_DESCRIPTION_MAX = 1024;

export function checkDescription(frontmatter: Frontmatter, context: RuleContext): void {
  const raw = frontmatter.value.description;
  // A missing or non-string description is reported through the schema.
  if (typeof raw !== "string") return;
  const at: Location = { doc: frontmatter.doc, path: ["description"] };
  const file = frontmatter.skill.path;
  const host = context.host;
  if (collapseWhitespace(raw) === "") {
    context.report({ ruleId: "skill/description", file, at, ...descriptionFinding(`"description" is empty`, host) });
    return;
  }
  checkDescriptionLength(frontmatter, raw, context);
  if (/[<>]/.test(raw)) {
    context.report({
      ruleId: "skill/description-angle-brackets",
      message: `"description" contains "<" or ">", which the skill-creator validators of Anthropic and Codex reject: reword it without angle brackets`,
      file,
      at,
    });
  }
}

function checkDescriptionLength(frontmatter: Frontmatter, description: string, context: RuleContext): void {
  const host = context.host;
  const file = frontmatter.skill.path;
  // Undefined when the host sets no limit (Codex 0.171 loads a 5000-character description).
  const max = host.skillDescriptionMax;
  if (host.strictAgentSkills) {
    // skills-ref counts the description as written, whitespace and all.
    const length = characterCount(description);
    if (max !== undefined && length > max)
      context.report({
        ruleId: "skill/description-length",
        message: `"description" is ${length} characters, over the Agent Skills limit of ${max}, so ${host.displayName} skips the skill (§7.1): shorten it`,
        file,
        at: { doc: frontmatter.doc, path: ["description"] },
      });
    return;
  }
  if (host.id === "claude-code") {
    // Claude Code's listing cuts description and when_to_use together.
    const whenToUse = frontmatter.value.when_to_use;
    const extra = typeof whenToUse === "string" ? characterCount(collapseWhitespace(whenToUse)) : 0;
    const length = characterCount(collapseWhitespace(description)) + extra;
    if (max === undefined || length <= max) return;
    context.report({
      ruleId: "skill/description-length",
      message: `"description"${extra > 0 ? ` plus "when_to_use"` : ""} is ${length} characters, over Claude Code's listing limit of ${max}: the rest is cut off; shorten it`,
      file,
      at: { doc: frontmatter.doc, path: ["description"] },
      severity: "warning",
    });
    return;
  }
  if (max !== undefined) reportOverLong(context, frontmatter, ["description"], description, max);
  const metadata = frontmatter.value.metadata;
  const shortDescription = isRecord(metadata) ? metadata["short-description"] : undefined;
  if (typeof shortDescription === "string") {
    reportOverLong(
      context,
      frontmatter,
      ["metadata", "short-description"],
      shortDescription,
      CODEX_SHORT_DESCRIPTION_MAX,
    );
  }
}

function reportOverLong(
  context: RuleContext,
  frontmatter: Frontmatter,
  path: readonly string[],
  raw: string,
  limit: number,
): void {
  const length = characterCount(collapseWhitespace(raw));
  if (length <= limit) return;
  context.report({
    ruleId: "skill/description-length",
    message: `"${path.join(".")}" is ${length} characters with whitespace collapsed, over ${context.host.displayName}'s limit of ${limit} (${context.host.displayName} skips the skill): shorten it`,
    file: frontmatter.skill.path,
    at: { doc: frontmatter.doc, path },
  });
}
