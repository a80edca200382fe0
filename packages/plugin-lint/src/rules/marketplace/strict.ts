// marketplace/strict-conflict: a Claude Code entry with `strict: false` for a plugin with a plugin.json of its own,
// where one of the two lists components.
import { existsSync } from "node:fs";
import { isRecord } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { type Entry, entryPointer, type MarketplaceFile } from "./entry.js";

/** The manifest fields that declare components, in an entry or a plugin.json. */
const COMPONENT_FIELDS = ["commands", "agents", "skills", "hooks", "mcpServers", "outputStyles", "lspServers"];

export function checkStrictConflict(context: RuleContext, file: MarketplaceFile, entry: Entry): void {
  const plugin = entry.plugin;
  if (context.host.id !== "claude-code" || !plugin || !isRecord(entry.raw) || entry.raw.strict !== false) return;
  // Without a plugin.json of its own, the entry is the plugin's manifest: nothing to conflict with.
  if (plugin.manifestFromEntry || !plugin.manifest || !existsSync(plugin.manifestPath)) return;
  const inEntry = COMPONENT_FIELDS.filter((field) => field in (entry.raw as Record<string, unknown>));
  const manifest = plugin.manifest.doc.value;
  const inManifest = isRecord(manifest) ? COMPONENT_FIELDS.filter((field) => field in manifest) : [];
  if (inEntry.length === 0 && inManifest.length === 0) return;
  const message =
    inEntry.length > 0
      ? `with "strict": false, this entry lists components (${inEntry.join(", ")}) for a plugin that has a plugin.json of its own: Claude Code installs the plugin but does not load it ("conflicting manifests")`
      : `with "strict": false, Claude Code ignores the components the plugin's plugin.json lists (${inManifest.join(", ")}), and the plugin loads without them`;
  context.report({
    ruleId: "marketplace/strict-conflict",
    message: `${message}; remove "strict": false, or move the plugin.json fields into this entry and delete plugin.json`,
    file: file.path,
    at: { doc: file.doc, path: entryPointer(entry.index, "strict") },
  });
}
