// skill/body-length: a SKILL.md body short enough to load whole into the agent's context.
import type { SkillFile } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

const BODY_LINES_MAX = 500;

export function checkBodyLength(skill: SkillFile, context: RuleContext): void {
  const body = skill.text.slice(skill.bodyStart);
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  if (lines.length <= BODY_LINES_MAX) return;
  const firstBodyLine = skill.lines.position(skill.bodyStart).line;
  context.report({
    ruleId: "skill/body-length",
    message: `the SKILL.md body is ${lines.length} lines, over the recommended ${BODY_LINES_MAX}: move detail into files under references/ and link to them`,
    file: skill.path,
    at: { line: firstBodyLine + BODY_LINES_MAX, column: 1 },
  });
}
