// The monitors/* family: Claude Code's background monitors, in `monitors/monitors.json`, a file the manifest
// names, or inline in the manifest (`experimental.monitors`, or the older top-level `monitors`).
import { isRecord, monitorsOf, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue, type ParsedFile, reportSchema } from "../shared/schema.js";
import { monitorsRuleMetas } from "./meta.js";

const CONSEQUENCE = "Claude Code drops every monitor of the plugin";

function checkMonitors(context: RuleContext, file: ParsedFile, value: unknown, prefix: PointerSegment[]): void {
  if (reportSchema(context, file, "monitors", { value, prefix, consequence: CONSEQUENCE }) > 0) return;
  if (!Array.isArray(value)) return;
  const seen = new Set<string>();
  value.forEach((monitor, index) => {
    const name = isRecord(monitor) ? monitor.name : undefined;
    if (typeof name !== "string") return;
    if (seen.has(name))
      context.report({
        ruleId: "monitors/schema",
        message: `a monitor named "${name}" is already in the list: monitor names must be unique (${CONSEQUENCE})`,
        file: file.path,
        at: { doc: file.doc, path: [...prefix, index, "name"] },
      });
    seen.add(name);
  });
}

function lintMonitors(plugin: PluginModel, context: RuleContext): void {
  for (const file of plugin.claude?.monitorFiles ?? [])
    if (hasValue(file)) checkMonitors(context, file, file.doc.value, []);
  const manifest = plugin.manifest;
  if (!hasValue(manifest) || !isRecord(manifest.doc.value)) return;
  const value = manifest.doc.value;
  const inline = monitorsOf(value);
  if (inline === undefined || typeof inline === "string") return;
  const inExperimental = isRecord(value.experimental) && "monitors" in value.experimental;
  checkMonitors(context, manifest, inline, inExperimental ? ["experimental", "monitors"] : ["monitors"]);
}

export const monitorsRules: RuleFamily = {
  rules: monitorsRuleMetas,
  layouts: ["host"],
  plugin: lintMonitors,
};
