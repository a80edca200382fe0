// hooks/unknown-field for a hook handler's own fields: which ones a host reads depends on the host and on the
// hook's `type` (a `url` on a command hook is ignored), so they are checked here rather than in the schema.
import { closestMatch, describePath } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Hook, HooksFile } from "./hook.js";

export function checkHandlerKeys(context: RuleContext, file: HooksFile, hook: Hook): void {
  const type = hook.value.type;
  const known = typeof type === "string" ? context.host.hookHandlerKeys[type] : undefined;
  // A missing or unknown type is hooks/schema's finding.
  if (known === undefined) return;
  for (const key of Object.keys(hook.value)) {
    if (known.includes(key)) continue;
    const path = [...hook.pointer, key];
    const suggestion = closestMatch(key, known);
    context.report({
      ruleId: "hooks/unknown-field",
      message: `unknown field ${describePath(path)}: ${context.host.displayName} does not read it in a "${type}" hook and ignores it${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
      file: file.path,
      at: { doc: file.doc, path, part: "key" },
    });
  }
}
