import { hasAgentPluginsManifest, type TargetId } from "@agent-plugin/core/model";

/**
 * The layout a plugin folder is read in when no `--target` is given: the Agent Plugins standard's when its root
 * `plugin.json` declares the standard (that manifest then holds the plugin's name and version, which Codex 0.171
 * also takes from it), else Codex's, as before the standard existed.
 */
export function defaultPackTarget(root: string): TargetId {
  return hasAgentPluginsManifest(root) ? "agent-plugins" : "codex";
}
