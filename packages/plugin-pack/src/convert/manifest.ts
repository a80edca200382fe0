/**
 * The manifest in the target layout: the identity fields every layout shares, in the standard's shapes, plus what
 * the target needs to find the rest. Every other field of the source manifest is reported as not carried.
 */
import { agentPluginsSchemaId, isRecord, PORTABLE_IDENTITY_FIELDS, type TargetId } from "@agent-plugin/core";
import type { NotCarried } from "./types.js";

const CODEX_SCHEMA = "https://unpkg.com/@agent-plugin/core/schemas/codex-plugin.schema.json";
const CLAUDE_SCHEMA = "https://unpkg.com/@agent-plugin/core/schemas/claude-plugin.schema.json";
const NAME = /^(?!.*(?:--|\.\.))[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

/** The fields all three layouts hold, in the standard's order. */
export const IDENTITY_FIELDS = PORTABLE_IDENTITY_FIELDS;

/** Fields that only locate components, rewritten by the conversion rather than carried. */
const COMPONENT_PATHS = new Set(["$schema", "skills", "mcpServers", "hooks", "apps"]);

/** Whether a value has the standard's shape for the field (every layout accepts that shape). */
function portableValue(field: string, value: unknown): boolean {
  if (field === "name") return typeof value === "string" && value.length <= 64 && NAME.test(value);
  if (field === "author")
    return (
      isRecord(value) &&
      Object.entries(value).every(([key, item]) => ["name", "email", "url"].includes(key) && typeof item === "string")
    );
  if (field === "keywords") return Array.isArray(value) && value.every((item) => typeof item === "string");
  return typeof value === "string";
}

export function targetManifest(
  to: TargetId,
  source: Record<string, unknown>,
  sourceFile: string,
  parts: { skills: boolean; mcpFile: string | null },
): { manifest: Record<string, unknown>; notCarried: NotCarried[] } {
  const notCarried: NotCarried[] = [];
  const schema =
    to === "agent-plugins" ? agentPluginsSchemaId("1.0.0", "plugin") : to === "codex" ? CODEX_SCHEMA : CLAUDE_SCHEMA;
  const manifest: Record<string, unknown> = { $schema: schema };
  for (const field of IDENTITY_FIELDS) {
    if (!(field in source)) continue;
    const value = source[field];
    if (portableValue(field, value)) manifest[field] = value;
    else if (field === "author" && typeof value === "string" && to !== "agent-plugins")
      manifest.author = { name: value };
    else
      notCarried.push({
        file: sourceFile,
        part: "manifest",
        name: field,
        reason: `its value is not in the shape ${to === "agent-plugins" ? "the standard" : "every layout"} accepts (${field === "name" ? "1-64 of a-z 0-9 - ." : field === "author" ? "an object of name, email, url" : field === "keywords" ? "a list of strings" : "a string"})`,
      });
  }
  if (to === "codex") {
    if (parts.skills) manifest.skills = "./skills/";
    if (parts.mcpFile !== null) manifest.mcpServers = `./${parts.mcpFile}`;
  }
  for (const [field, value] of Object.entries(source)) {
    if (IDENTITY_FIELDS.includes(field) || COMPONENT_PATHS.has(field)) continue;
    notCarried.push({ file: sourceFile, part: "manifest", name: field, reason: fieldReason(field, value, to) });
  }
  return { manifest, notCarried };
}

function fieldReason(field: string, value: unknown, to: TargetId): string {
  if (field === "interface")
    return "Codex's display data (name, prompts, colour, logo) has no place outside Codex's manifest";
  if (field === "extensions") return "client data under reverse-domain namespaces belongs to the standard's manifest";
  return `"${field}" is not a field ${to === "agent-plugins" ? "the standard's closed manifest" : "every layout"} holds${isRecord(value) || Array.isArray(value) ? "" : ""}`;
}
