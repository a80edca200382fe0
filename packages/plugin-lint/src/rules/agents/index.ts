// The agents/* family: Claude Code's plugin agents, Markdown files with frontmatter.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { checkFlatLocation, checkFrontmatterReads, componentsOf } from "../shared/markdown-component.js";
import { agentsRuleMetas } from "./meta.js";

function lintAgents(plugin: PluginModel, context: RuleContext): void {
  for (const agent of componentsOf(plugin, "agent")) {
    checkFlatLocation(context, plugin, agent, "agents/location");
    const frontmatter = checkFrontmatterReads(context, agent, "agents/frontmatter");
    if (!frontmatter || !agent.frontmatter) continue;
    const description = frontmatter.description;
    if (typeof description === "string" && description.trim() !== "") continue;
    context.report({
      ruleId: "agents/description",
      message:
        description === undefined
          ? "the agent has no `description`: Claude picks agents by their description, so it is rarely used"
          : "the agent's `description` is empty or not text: Claude picks agents by their description",
      file: agent.path,
      at:
        description === undefined
          ? { doc: agent.frontmatter, path: [] }
          : { doc: agent.frontmatter, path: ["description"] },
    });
  }
}

export const agentsRules: RuleFamily = {
  rules: agentsRuleMetas,
  layouts: ["host"],
  plugin: lintAgents,
};
