// The hooks/* family: the order the checks of each hooks file run in; each check is in a file of its own here.
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue, reportSchema } from "../shared/schema.js";
import { checkCommand } from "./command.js";
import { hooksOf, type HooksFile } from "./hook.js";
import { checkHandlerKeys } from "./keys.js";
import { checkLocation } from "./location.js";
import { hooksRuleMetas } from "./meta.js";
import { checkNotLoaded } from "./not-loaded.js";
import { checkPluginRootVariable } from "./plugin-root-var.js";
import { checkRelativeCommand } from "./relative-command.js";
import { checkDescription, checkEvents, checkRequiredByType } from "./shape.js";

function lintHooksFile(context: RuleContext, plugin: PluginModel, file: HooksFile): void {
  reportSchema(context, file, "hooks");
  const value = file.doc.value;
  if (!isRecord(value)) return;
  if (!context.host.expandsClaudePluginRoot) checkDescription(context, file, value);
  if (!isRecord(value.hooks)) return;
  checkEvents(context, file, value.hooks);
  for (const hook of hooksOf(value.hooks)) {
    checkRequiredByType(context, file, hook);
    checkHandlerKeys(context, file, hook);
    checkCommand(context, file, plugin, hook);
    checkRelativeCommand(context, file, plugin, hook);
    checkPluginRootVariable(context, file, hook);
  }
}

function lintHooks(plugin: PluginModel, context: RuleContext): void {
  // A release that ignores plugin hooks gets that one finding, not every hooks rule on top of it.
  if (checkNotLoaded(context, plugin)) return;
  for (const file of plugin.hooks) if (hasValue(file)) lintHooksFile(context, plugin, file);
  checkLocation(context, plugin);
}

export const hooksRules: RuleFamily = {
  rules: hooksRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],
  plugin: lintHooks,
};
