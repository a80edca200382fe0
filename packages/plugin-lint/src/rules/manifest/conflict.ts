// manifest/conflict: the manifests of a plugin linted for several targets agree on what identifies it.
import { describePath, isRecord, type PluginModel, toPosixRelative } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

const IDENTITY_FIELDS = ["name", "version", "description"] as const;

export function checkManifestConflicts(plugins: readonly PluginModel[], context: RuleContext): void {
  const manifests = plugins.flatMap((plugin) =>
    plugin.manifest && isRecord(plugin.manifest.doc.value)
      ? [{ plugin, file: plugin.manifest, value: plugin.manifest.doc.value }]
      : [],
  );
  for (const field of IDENTITY_FIELDS) {
    const withField = manifests.filter((manifest) => typeof manifest.value[field] === "string");
    const reference = withField[0];
    if (!reference) continue;
    const referenceName = toPosixRelative(reference.plugin.root, reference.file.path);
    for (const other of withField.slice(1)) {
      const value = other.value[field] as string;
      if (value === reference.value[field] || other.file.path === reference.file.path) continue;
      // Codex 0.171 takes these fields from root plugin.json; older Codex and other hosts read their own manifest.
      const merged =
        reference.plugin.host.layout === "agent-plugins" && other.plugin.host.portableManifestFields.includes(field)
          ? ` (${other.plugin.host.displayName} 0.171 and later show plugin.json's, earlier versions this one)`
          : "";
      context.report({
        ruleId: "manifest/conflict",
        message: `${describePath([field])} is ${JSON.stringify(value)} here but ${JSON.stringify(reference.value[field])} in ${referenceName}: hosts that read different manifests show different values${merged}; make them equal`,
        file: other.file.path,
        at: { doc: other.file.doc, path: [field] },
      });
    }
  }
}
