// The metadata of the app/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const appRuleMetas = defineRules([
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
]);
