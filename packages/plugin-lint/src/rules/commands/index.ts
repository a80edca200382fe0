// The commands/* family: Claude Code's plugin commands, Markdown files with frontmatter.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { checkFlatLocation, checkFrontmatterReads, componentsOf } from "../shared/markdown-component.js";
import { commandsRuleMetas } from "./meta.js";

function lintCommands(plugin: PluginModel, context: RuleContext): void {
  for (const command of componentsOf(plugin, "command")) {
    checkFlatLocation(context, plugin, command, "commands/location");
    checkFrontmatterReads(context, command, "commands/frontmatter");
  }
}

export const commandsRules: RuleFamily = {
  rules: commandsRuleMetas,
  layouts: ["host"],
  plugin: lintCommands,
};
