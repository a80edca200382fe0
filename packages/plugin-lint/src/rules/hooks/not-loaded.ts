// hooks/not-loaded: a host release that ignores plugin hooks runs none of them.
import { hasAgentPluginsManifest, isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { hasValue } from "../shared/schema.js";

/** Whether the plugin has an Agent Plugins root plugin.json, read through the model: the load reads it too, once. */
function hasPortableManifest(plugin: PluginModel): boolean {
  return hasAgentPluginsManifest(plugin.root, (path, maxBytes) => plugin.readText(path, { maxBytes }));
}

/**
 * Reports each hooks file (and hooks written inline in the manifest) once, for a host that loads no plugin hooks
 * (Codex 0.117, probe hooks-json/baseline/clean). Returns whether it did, so the other hooks checks are skipped:
 * their findings would repeat the same cause.
 */
export function checkNotLoaded(context: RuleContext, plugin: PluginModel): boolean {
  const host = context.host;
  const besidePortable =
    host.loadsHooks && !host.loadsHooksBesidePortableManifest && host.layout === "host" && hasPortableManifest(plugin);
  if (host.loadsHooks && !besidePortable) return false;
  const consequence = besidePortable
    ? `${host.displayName} ${host.version} loads no hooks of a plugin that also has an Agent Plugins plugin.json, so none of these hooks ever run there`
    : `${host.displayName} ${host.version} loads no plugin hooks, so none of these hooks ever run`;
  const advice = besidePortable
    ? "drop the root plugin.json for this host, or move the behaviour into a skill or MCP server"
    : "newer releases run them (Codex 0.171 does): target one, or move the behaviour into a skill or MCP server";
  for (const file of plugin.hooks) {
    if (!hasValue(file)) continue;
    context.report({
      ruleId: "hooks/not-loaded",
      message: `${consequence}; ${advice}`,
      file: file.path,
      at:
        isRecord(file.doc.value) && "hooks" in file.doc.value
          ? { doc: file.doc, path: ["hooks"], part: "key" }
          : { line: 1, column: 1 },
    });
  }
  const manifest = plugin.manifest;
  if (hasValue(manifest) && isRecord(manifest.doc.value) && isRecord(manifest.doc.value.hooks)) {
    context.report({
      ruleId: "hooks/not-loaded",
      message: `the manifest's inline "hooks": ${consequence}; ${advice}`,
      file: manifest.path,
      at: { doc: manifest.doc, path: ["hooks"], part: "key" },
    });
  }
  return true;
}
