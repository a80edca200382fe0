// marketplace/name-mismatch and marketplace/plugin-missing: the plugin folder an entry points at.
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { type Entry, entryPointer, type MarketplaceFile } from "./entry.js";

/** The local folder must hold a manifest the host reads, named like the entry. */
export function checkPluginManifest(context: RuleContext, file: MarketplaceFile, entry: Entry): void {
  const plugin = entry.plugin;
  if (!plugin) return;
  if (!plugin.manifest) {
    // A manifest that exists but cannot be read is reported by the file rules.
    if (!existsSync(plugin.manifestPath)) reportMissingManifest(context, file, entry, plugin);
    return;
  }
  const manifest = plugin.manifest.doc.value;
  if (entry.name === undefined || !isRecord(manifest)) return;
  // Codex falls back to the folder name when the manifest has no name.
  const declared = typeof manifest.name === "string" ? manifest.name.trim() : "";
  const effective = declared || basename(plugin.root);
  if (effective === entry.name) return;
  const what = declared
    ? `plugin manifest name \`${declared}\``
    : `the manifest has no name, so its folder name \`${effective}\``;
  context.report({
    ruleId: "marketplace/name-mismatch",
    message: `${what} does not match marketplace plugin name \`${entry.name}\`: Codex refuses to install it; make the two names equal`,
    file: file.path,
    at: { doc: file.doc, path: entryPointer(entry.index, "name") },
  });
}

function reportMissingManifest(context: RuleContext, file: MarketplaceFile, entry: Entry, plugin: PluginModel): void {
  const expected = plugin.host.manifestPaths[0]!;
  const claudeManifest = plugin.otherManifests.some((p) => p.endsWith(join(".claude-plugin", "plugin.json")));
  const source = isRecord(entry.raw) ? entry.raw.source : undefined;
  const pointer =
    typeof source === "string" ? entryPointer(entry.index, "source") : entryPointer(entry.index, "source", "path");
  // A host that installs a plugin without a manifest (Codex 0.171) makes one up from the folder name.
  const installs = !plugin.host.manifestRequired;
  const host = plugin.host.displayName;
  context.report({
    ruleId: "marketplace/plugin-missing",
    message: claudeManifest
      ? `the plugin folder has only .claude-plugin/plugin.json, which Codex reads from 0.12x on (0.117 needs ${expected}): add ${expected}`
      : installs
        ? `the plugin folder has no ${expected}: ${host} ${plugin.host.version} installs it under its folder name with no description or interface, and Codex 0.117 refuses it; add the manifest or fix the path`
        : `the plugin folder has no ${expected}, so ${host} cannot install it: add the manifest or fix the path`,
    file: file.path,
    at: { doc: file.doc, path: pointer },
    ...(claudeManifest || installs ? { severity: "warning" as const } : {}),
  });
}
