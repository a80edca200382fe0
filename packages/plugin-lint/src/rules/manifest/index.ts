// The manifest/* family: the order the manifest checks run in; each check is in a file of its own here.
import { isRecord } from "@agent-plugin/core";
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue } from "../shared/schema.js";
import { checkAssets } from "./assets.js";
import { checkManifestConflicts } from "./conflict.js";
import { checkClaudeFields, checkShape } from "./fields.js";
import { checkLocation, checkMissing } from "./location.js";
import { checkName, checkNameMatchesFolder } from "./name.js";
import { checkComponentPaths } from "./paths.js";
import { checkDefaultPrompts } from "./prompts.js";
import { checkTodos } from "./todo.js";
import { checkUrls } from "./urls.js";
import type { Manifest } from "./value.js";
import { checkVersion } from "./version.js";
import { manifestRuleMetas } from "./meta.js";
import { checkPackageVersion } from "./package-version.js";

export const manifestRules: RuleFamily = {
  rules: manifestRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],
  plugin(plugin, context) {
    checkManifest(plugin, context);
    checkPackageVersion(plugin, context);
  },
  targets: checkManifestConflicts,
};

function checkManifest(plugin: PluginModel, context: RuleContext): void {
  checkMissing(plugin, context);
  checkLocation(plugin, context);
  // Broken JSON is reported by the json/* rules; there is nothing to check here.
  if (!hasValue(plugin.manifest)) return;
  checkShape(plugin, plugin.manifest, context);
  const value = plugin.manifest.doc.value;
  if (!isRecord(value)) return;
  const manifest: Manifest = { path: plugin.manifest.path, doc: plugin.manifest.doc, value };
  checkName(plugin, manifest, context);
  checkNameMatchesFolder(plugin, manifest, context);
  checkVersion(manifest, context);
  checkUrls(plugin, manifest, context);
  checkDefaultPrompts(plugin, manifest, context);
  checkAssets(plugin, manifest, context);
  checkComponentPaths(plugin, manifest, context);
  checkTodos(manifest, context);
  if (plugin.host.id === "codex") checkClaudeFields(manifest, context);
}
