// hooks/location: a hooks.json at the plugin root, which no host reads.
import { join, resolve } from "node:path";
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

/** Hosts read `hooks/hooks.json` or the manifest's `hooks` paths; a `hooks.json` at the root is neither. */
export function checkLocation(context: RuleContext, plugin: PluginModel): void {
  const stray = plugin.files.files.find((file) => file.relative === "hooks.json");
  if (!stray) return;
  const declared = isRecord(plugin.manifest?.doc.value) ? plugin.manifest.doc.value.hooks : undefined;
  const paths =
    typeof declared === "string"
      ? [declared]
      : Array.isArray(declared)
        ? declared.filter((p): p is string => typeof p === "string")
        : [];
  if (paths.some((path) => resolve(plugin.root, path) === join(plugin.root, "hooks.json"))) return;
  context.report({
    ruleId: "hooks/location",
    message:
      'hooks.json at the plugin root is never loaded: Codex and Claude Code read hooks/hooks.json (or the paths in the manifest\'s "hooks"); move it to hooks/hooks.json',
    file: stray.absolute,
    at: { line: 1, column: 1 },
  });
}
