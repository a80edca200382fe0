import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../rule.js";
import { hasValue, reportSchema } from "./shared.js";

/** Codex sorts and deduplicates the ids it collects, so a second entry with the same id adds nothing. */
function checkDuplicateIds(
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

function lintApps(plugin: PluginModel, context: RuleContext): void {
  const file = plugin.apps;
  if (!hasValue(file)) return;
  reportSchema(context, file, "app", { consequence: "Codex rejects the whole .app.json" });
  const value = file.doc.value;
  if (isRecord(value) && isRecord(value.apps)) checkDuplicateIds(context, file, value.apps);
}

export const appRules: RuleFamily = {
  rules: [
    {
      id: "app/schema",
      severity: "error",
      hosts: ["codex"],
      description: '`.app.json` is `{"apps": {"<key>": {"id": "..."}}}`: every app has a string `id`.',
      rationale:
        "Codex deserialises `.app.json` into `PluginAppFile { apps: HashMap<String, PluginAppConfig { id: String }> }`. A missing `id` or a wrong JSON type fails the whole file, and none of the plugin's apps (connectors) is offered.",
    },
    {
      id: "app/unknown-field",
      severity: "warning",
      hosts: ["codex"],
      description: "`.app.json` uses only the keys Codex reads (`apps`; per app `id`, `category`, `required`).",
      rationale:
        "Codex ignores unknown keys, so a misspelt one (`ID`, `app_id`) does nothing; if it was meant to be the `id`, the app is missing its id.",
    },
    {
      id: "app/empty-id",
      severity: "error",
      hosts: ["codex"],
      description: "No app has a blank `id`.",
      rationale:
        'Codex skips an app whose id is empty or only spaces, logging "plugin app config is missing an app id"; the connector never appears.',
    },
    {
      id: "app/duplicate-id",
      severity: "warning",
      hosts: ["codex"],
      description: "No two apps in `.app.json` share an `id`.",
      rationale:
        "Codex sorts and deduplicates the app ids it collects, so a repeated id is loaded once; the second entry is dead weight, or a copy-paste mistake that hides the connector it was meant to name.",
    },
  ],
  plugin: lintApps,
};
