// hooks/schema (what the JSON Schema cannot state), hooks/event and hooks/description.
import { closestMatch, describePath } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Hook, HooksFile } from "./hook.js";

/** The field each hook type cannot work without (a conditional requirement the schema cannot state without noise). */
const REQUIRED_BY_TYPE: Readonly<Record<string, string>> = { command: "command", prompt: "prompt", http: "url" };

export function checkRequiredByType(context: RuleContext, file: HooksFile, hook: Hook): void {
  const type = hook.value.type;
  const field = typeof type === "string" ? REQUIRED_BY_TYPE[type] : undefined;
  if (field === undefined || field in hook.value) return;
  context.report({
    ruleId: "hooks/schema",
    message: `${describePath(hook.pointer)} is missing the required field "${field}" (a "${String(type)}" hook needs it)`,
    file: file.path,
    at: { doc: file.doc, path: hook.pointer, part: "key" },
  });
}

export function checkEvents(context: RuleContext, file: HooksFile, events: Record<string, unknown>): void {
  const known = context.host.hookEvents;
  for (const event of Object.keys(events)) {
    if (known.includes(event)) continue;
    const suggestion = closestMatch(event, known);
    context.report({
      ruleId: "hooks/event",
      message: `"${event}" is not a ${context.host.displayName} hook event${suggestion ? `: did you mean "${suggestion}"?` : ""} (names are case-sensitive; hooks under an unknown event never run)`,
      file: file.path,
      at: { doc: file.doc, path: ["hooks", event], part: "key" },
    });
  }
}

export function checkDescription(context: RuleContext, file: HooksFile, value: Record<string, unknown>): void {
  if (!("description" in value)) return;
  context.report({
    ruleId: "hooks/description",
    message:
      'Codex 0.140-0.142 reject a hooks file with a top-level "description" (unknown field, openai/codex#30397) and run none of its hooks; remove it',
    file: file.path,
    at: { doc: file.doc, path: ["description"], part: "key" },
  });
}
