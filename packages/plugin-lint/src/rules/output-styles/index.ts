// The output-styles/* family: Claude Code's plugin output styles. Claude Code loads every one of them, with or
// without frontmatter, so only a frontmatter block that does not read is worth a word.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { checkFrontmatterReads, componentsOf } from "../shared/markdown-component.js";
import { outputStylesRuleMetas } from "./meta.js";

function lintOutputStyles(plugin: PluginModel, context: RuleContext): void {
  for (const style of componentsOf(plugin, "output-style")) {
    const firstLine = style.text.replace(/^\uFEFF/, "").split("\n", 1)[0] ?? "";
    // A style without frontmatter is a plain prompt, which Claude Code reads as it is.
    if (firstLine.trim() !== "---") continue;
    checkFrontmatterReads(context, style, "output-styles/frontmatter");
  }
}

export const outputStylesRules: RuleFamily = {
  rules: outputStylesRuleMetas,
  layouts: ["host"],
  plugin: lintOutputStyles,
};
