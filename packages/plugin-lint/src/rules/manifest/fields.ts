// manifest/schema and manifest/unknown-field (and the schema's own x-rules: name, brand-color, default-prompt),
// weighed by which fields Codex parses; manifest/claude-fields for the Claude Code fields Codex ignores.
import { ENTRY_ONLY_FIELDS, isRecord, type JsonDocument, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Manifest } from "./value.js";
import { reportSchema } from "../shared/schema.js";

/** Fields Codex parses with serde (0.117, plus `version` and `keywords` later): a wrong type drops the whole plugin. */
const CODEX_PARSED_FIELDS = new Set([
  "name",
  "description",
  "version",
  "keywords",
  "skills",
  "mcpServers",
  "apps",
  "interface",
]);

/** Claude Code component fields Codex does not read, with what the user loses. Reported by manifest/claude-fields only. */
const CLAUDE_ONLY_FIELDS: Readonly<Record<string, string>> = {
  commands: "Codex ignores it, so these slash commands are not loaded; turn them into skills (skills/<name>/SKILL.md)",
  outputStyles: "Codex ignores it and has no output styles",
  lspServers: "Codex ignores it and starts no LSP servers from plugins",
  userConfig:
    "Codex ignores it and never asks users for these options; read settings from environment variables instead",
  channels: "Codex ignores it and has no channels",
};

function pickFields(value: Record<string, unknown>, keep: (key: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keep(key)));
}

/** Reports through `context` with every finding lowered to a warning. */
function asWarnings(context: RuleContext): RuleContext {
  return { ...context, report: (report) => context.report({ ...report, severity: "warning" }) };
}

export function checkShape(
  plugin: PluginModel,
  manifest: { path: string; doc: JsonDocument },
  context: RuleContext,
): void {
  const value = manifest.doc.value;
  if (plugin.host.id !== "codex") {
    // A Claude Code marketplace entry read as the manifest also says where the plugin is and how it is listed.
    const asManifest =
      plugin.manifestFromEntry && isRecord(value)
        ? { value: pickFields(value, (key) => !ENTRY_ONLY_FIELDS.includes(key)) }
        : {};
    reportSchema(context, manifest, plugin.host.manifestSchema, {
      ...asManifest,
      consequence: `${plugin.host.displayName} cannot load the plugin`,
    });
    return;
  }
  const fatal = "Codex cannot parse the manifest and drops the whole plugin";
  if (!isRecord(value)) {
    reportSchema(context, manifest, "codexPlugin", { consequence: fatal });
    return;
  }
  // Validated in two halves: a wrong type is fatal only in a field Codex parses. Claude-only fields have their own rule.
  const parsed = pickFields(value, (key) => CODEX_PARSED_FIELDS.has(key));
  const ignored = pickFields(value, (key) => !CODEX_PARSED_FIELDS.has(key) && !Object.hasOwn(CLAUDE_ONLY_FIELDS, key));
  reportSchema(context, manifest, "codexPlugin", { value: parsed, consequence: fatal });
  reportSchema(asWarnings(context), manifest, "codexPlugin", {
    value: ignored,
    consequence: "Codex ignores this field, but marketplaces and other tools expect this shape",
  });
}

export function checkClaudeFields(manifest: Manifest, context: RuleContext): void {
  for (const [field, consequence] of Object.entries(CLAUDE_ONLY_FIELDS)) {
    if (!Object.hasOwn(manifest.value, field)) continue;
    context.report({
      ruleId: "manifest/claude-fields",
      message: `"${field}" is a Claude Code field: ${consequence}`,
      file: manifest.path,
      at: { doc: manifest.doc, path: [field], part: "key" },
    });
  }
}
