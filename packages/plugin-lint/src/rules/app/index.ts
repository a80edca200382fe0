// The app/* family: .app.json, the plugin's app connectors.
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue, reportSchema } from "../shared/schema.js";
import { checkDuplicateIds } from "./duplicate-ids.js";
import { appRuleMetas } from "./meta.js";

function lintApps(plugin: PluginModel, context: RuleContext): void {
  const file = plugin.apps;
  if (!hasValue(file)) return;
  reportSchema(context, file, "app", { consequence: "Codex rejects the whole .app.json" });
  const value = file.doc.value;
  if (isRecord(value) && isRecord(value.apps)) checkDuplicateIds(context, file, value.apps);
}

export const appRules: RuleFamily = {
  rules: appRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],
  plugin: lintApps,
};
