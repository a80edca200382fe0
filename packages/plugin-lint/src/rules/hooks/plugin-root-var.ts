// hooks/plugin-root-var: a hook command names the plugin folder through a variable the target host does not
// expand. Codex neither sets nor expands ${CLAUDE_PLUGIN_ROOT}; Claude Code 2.1.332 expands only
// ${CLAUDE_PLUGIN_ROOT}, ${CLAUDE_PLUGIN_DATA} and ${CLAUDE_PROJECT_DIR}, so Codex's ${PLUGIN_ROOT} is empty there.
import type { RuleContext } from "../../rule.js";
import { mentionsClaudePluginRoot } from "../shared/scripts.js";
import type { Hook, HooksFile } from "./hook.js";

/** Another host's plugin-root variable, which Claude Code leaves to the shell (an empty string). */
const OTHER_ROOT_VARIABLE = /\$\{(PLUGIN_ROOT|CODEX_PLUGIN_ROOT)\}|\$(PLUGIN_ROOT|CODEX_PLUGIN_ROOT)(?![A-Za-z0-9_])/;

export function checkPluginRootVariable(context: RuleContext, file: HooksFile, hook: Hook): void {
  const command = hook.value.command;
  if (typeof command !== "string") return;
  const at = { doc: file.doc, path: [...hook.pointer, "command"] };
  if (!context.host.expandsClaudePluginRoot) {
    if (!mentionsClaudePluginRoot(command)) return;
    context.report({
      ruleId: "hooks/plugin-root-var",
      message: `hook command uses \${CLAUDE_PLUGIN_ROOT}, which Codex neither sets nor expands, so the path is wrong and the ${hook.event} hook fails; use Codex's own variable, e.g. "\${PLUGIN_ROOT}/hooks/check.sh"`,
      file: file.path,
      at,
    });
    return;
  }
  const other = OTHER_ROOT_VARIABLE.exec(command);
  if (!other) return;
  context.report({
    ruleId: "hooks/plugin-root-var",
    message: `hook command uses \${${other[1] ?? other[2]}}, which ${context.host.displayName} neither sets nor expands, so the path is wrong and the ${hook.event} hook fails; use "\${CLAUDE_PLUGIN_ROOT}/hooks/check.sh"`,
    file: file.path,
    at,
  });
}
