// hooks/plugin-root-var: Codex neither sets nor expands ${CLAUDE_PLUGIN_ROOT}.
import type { RuleContext } from "../../rule.js";
import { mentionsClaudePluginRoot } from "../shared/scripts.js";
import type { Hook, HooksFile } from "./hook.js";

export function checkPluginRootVariable(context: RuleContext, file: HooksFile, hook: Hook): void {
  const command = hook.value.command;
  if (typeof command !== "string" || !mentionsClaudePluginRoot(command)) return;
  context.report({
    ruleId: "hooks/plugin-root-var",
    message: `hook command uses \${CLAUDE_PLUGIN_ROOT}, which Codex neither sets nor expands, so the path is wrong and the ${hook.event} hook fails; use Codex's own variable, e.g. "\${PLUGIN_ROOT}/hooks/check.sh"`,
    file: file.path,
    at: { doc: file.doc, path: [...hook.pointer, "command"] },
  });
}
