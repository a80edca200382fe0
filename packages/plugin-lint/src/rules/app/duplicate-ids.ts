// app/duplicate-id: two entries of .app.json with the same connector id.
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

/** Codex sorts and deduplicates the ids it collects, so a second entry with the same id adds nothing. */
export function checkDuplicateIds(
  context: RuleContext,
  file: NonNullable<PluginModel["apps"]>,
  apps: Record<string, unknown>,
): void {
  const firstKeyById = new Map<string, string>();
  for (const [key, app] of Object.entries(apps)) {
    if (!isRecord(app) || typeof app.id !== "string" || app.id.trim() === "") continue;
    const id = app.id.trim();
    const first = firstKeyById.get(id);
    if (first === undefined) {
      firstKeyById.set(id, key);
      continue;
    }
    context.report({
      ruleId: "app/duplicate-id",
      message: `app "${key}" has the same id as app "${first}" ("${id}"): Codex keeps the id once, so this entry adds nothing; remove it or fix its id`,
      file: file.path,
      at: { doc: file.doc, path: ["apps", key, "id"] },
    });
  }
}
