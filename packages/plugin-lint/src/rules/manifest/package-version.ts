import { isRecord, locate, type Fix, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { hasValue } from "../shared/schema.js";

/** The `version` string of a parsed JSON object, if it has one. */
function versionOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.version === "string" ? value.version : undefined;
}

/** manifest/package-version: plugin.json follows the version package.json is released under. */
export function checkPackageVersion(plugin: PluginModel, context: RuleContext): void {
  const manifest = plugin.manifest;
  if (!hasValue(manifest) || !hasValue(plugin.packageJson) || !isRecord(manifest.doc.value)) return;
  const packageVersion = versionOf(plugin.packageJson.doc.value);
  if (packageVersion === undefined) return;
  const manifestVersion = manifest.doc.value.version;
  const at = { doc: manifest.doc, path: ["version"] };
  if (manifestVersion === undefined) {
    context.report({
      ruleId: "manifest/package-version",
      message: `plugin.json has no "version" but package.json has ${JSON.stringify(packageVersion)}; add "version": ${JSON.stringify(packageVersion)} so hosts see the release`,
      file: manifest.path,
      at,
    });
    return;
  }
  // A version of the wrong type is reported by manifest/schema.
  if (typeof manifestVersion !== "string" || manifestVersion === packageVersion) return;
  const token = locate(manifest.doc, ["version"]);
  // package.json is the release flow's source of truth, so plugin.json follows it.
  const fix: Fix | undefined = token.exact
    ? {
        kind: "edit",
        file: manifest.path,
        range: [token.offset, token.offset + token.length],
        text: JSON.stringify(packageVersion),
      }
    : undefined;
  context.report({
    ruleId: "manifest/package-version",
    message: `"version" is ${JSON.stringify(manifestVersion)} but package.json has ${JSON.stringify(packageVersion)}; set plugin.json to ${JSON.stringify(packageVersion)} (package.json drives releases: plugin-pack version or --fix does it)`,
    file: manifest.path,
    at,
    ...(fix ? { fix } : {}),
  });
}
