// Root plugin.json (§5): present, its $schema naming a supported version, the closed schema's fields and types,
// the name constraints, extensions, and the SemVer recommendation.
import {
  AGENT_PLUGINS_VERSIONS,
  agentPluginsSchemaId,
  checkSchema,
  closestMatch,
  isRecord,
  isSupportedAgentPluginsVersion,
  type JsonDocument,
  parseAgentPluginsSchemaId,
  PORTABLE_MANIFEST_FIELDS,
  type PluginModel,
  toPosixRelative,
} from "@agent-plugin/core";
import valid from "semver/functions/valid.js";
import type { RuleContext } from "../../rule.js";
import { hasValue } from "../shared/schema.js";

const REJECTED = "an Agent Plugins client rejects the plugin";
const CANONICAL = agentPluginsSchemaId("1.0.0", "plugin");

/** Fields hosts put in their own manifests that the standard takes from fixed locations or `extensions`. */
const COMPONENT_FIELDS: Readonly<Record<string, string>> = {
  skills: 'skills come only from the skills/ folder (§6.1): remove it and put each skill in "skills/<name>/SKILL.md"',
  mcpServers: "MCP servers come only from mcp.json at the plugin root (§7.2.1): move them there",
  hooks: 'the standard has no hooks; keep host-specific data under "extensions" (§8)',
  apps: 'the standard has no app connectors; keep host-specific data under "extensions" (§8)',
  agents: 'the standard has no agents component; keep host-specific data under "extensions" (§8)',
  commands: 'the standard has no commands component; keep host-specific data under "extensions" (§8)',
  interface: 'host-specific presentation belongs under "extensions" with the host\'s namespace (§8)',
};

/** A manifest that parsed, and where it is. */
export interface ManifestFile {
  path: string;
  doc: JsonDocument;
}

export function checkManifestPresent(plugin: PluginModel, context: RuleContext): void {
  if (plugin.manifest) return;
  // A link that dangles or leaves the plugin, or a file that cannot be read, is reported by the file rules.
  if (plugin.fileProblems.some((problem) => problem.path === plugin.manifestPath)) return;
  const others = plugin.otherManifests.map((path) => toPosixRelative(plugin.root, path));
  const advice =
    others.length > 0
      ? `create it beside ${others.join(" and ")}, with "$schema": "${CANONICAL}" and "name"`
      : `create it with "$schema": "${CANONICAL}" and "name"`;
  context.report({
    ruleId: "agent-plugins/manifest-missing",
    message: `plugin.json is missing at the plugin root, so no Agent Plugins client loads the plugin (§4.1); ${advice}`,
    file: plugin.manifestPath,
  });
}

/** The version the manifest declares, when it declares a supported one. */
export function checkSchemaVersion(
  file: ManifestFile,
  value: Record<string, unknown>,
  context: RuleContext,
): string | undefined {
  const report = (problem: string, advice: string, part: "key" | "value" = "value") =>
    context.report({
      ruleId: "agent-plugins/schema-version",
      message: `${problem}; ${REJECTED} (§5.2): ${advice}`,
      file: file.path,
      at: { doc: file.doc, path: ["$schema"], part },
    });
  const declared = value.$schema;
  const useCanonical = `use "${CANONICAL}"`;
  if (declared === undefined) {
    report(
      'plugin.json has no "$schema", which names the Agent Plugins version it targets',
      `add "$schema": "${CANONICAL}"`,
      "key",
    );
    return undefined;
  }
  if (typeof declared !== "string") {
    report('"$schema" is not a string', useCanonical);
    return undefined;
  }
  const id = parseAgentPluginsSchemaId(declared);
  if (id && isSupportedAgentPluginsVersion(id.version) && id.kind === "plugin") return id.version;
  if (id && id.kind === "mcp") {
    report('"$schema" names the MCP configuration schema', `use "${agentPluginsSchemaId(id.version, "plugin")}"`);
  } else if (id) {
    report(
      `"$schema" declares Agent Plugins ${id.version}, a version this linter does not know (it knows ${AGENT_PLUGINS_VERSIONS.join(", ")}) and clients of those versions do not support`,
      useCanonical,
    );
  } else {
    report(`"$schema" ${JSON.stringify(declared)} is not the canonical identifier`, useCanonical);
  }
  return undefined;
}

/** Types of every field, through the official schema; unknown fields, $schema, name and extensions have rules of their own. */
export function checkManifestShape(file: ManifestFile, context: RuleContext): void {
  const value = file.doc.value;
  if (!isRecord(value)) {
    context.report({
      ruleId: "agent-plugins/manifest-schema",
      message: `plugin.json must be a JSON object, found ${Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : JSON.stringify(value)}; ${REJECTED} (§5.2)`,
      file: file.path,
      at: { doc: file.doc, path: [] },
    });
    return;
  }
  for (const issue of checkSchema("agentPlugins100Plugin", value)) {
    const [top] = issue.path;
    if (issue.path.length === 1 && issue.keyword === "additionalProperties") continue;
    if (top === "$schema" || (top === "name" && issue.keyword !== "type")) continue;
    if (top === "extensions" && issue.path.length === 1 && issue.keyword === "type") continue;
    context.report({
      ruleId: "agent-plugins/manifest-schema",
      message: `${issue.message}; ${REJECTED} (§5.2)`,
      file: file.path,
      at: { doc: file.doc, path: issue.path, part: issue.part },
    });
  }
}

export function checkUnknownFields(file: ManifestFile, value: Record<string, unknown>, context: RuleContext): void {
  for (const field of Object.keys(value)) {
    if (PORTABLE_MANIFEST_FIELDS.includes(field)) continue;
    const component = COMPONENT_FIELDS[field];
    const suggestion = component ? undefined : closestMatch(field, PORTABLE_MANIFEST_FIELDS);
    const advice =
      component ?? (suggestion ? `did you mean "${suggestion}"?` : 'put client-specific data under "extensions" (§8)');
    context.report({
      ruleId: "agent-plugins/unknown-field",
      message: `unknown field "${field}": Agent Plugins clients report and ignore it (§5.2); ${advice}`,
      file: file.path,
      at: { doc: file.doc, path: [field], part: "key" },
    });
  }
}

/** §5.5, in the order the spec lists the constraints; empty when the name satisfies them all. */
export function pluginNameProblems(name: string): string[] {
  const problems: string[] = [];
  const length = [...name].length;
  if (length === 0) return ["is empty"];
  if (length > 64) problems.push(`is ${length} characters, over 64`);
  const bad = [...new Set([...name].filter((ch) => !/[a-z0-9.-]/.test(ch)))];
  if (bad.length > 0)
    problems.push(
      `contains ${bad.map((ch) => JSON.stringify(ch)).join(", ")}: only lowercase a-z, 0-9, "-" and "." are allowed`,
    );
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) problems.push("must start and end with a letter or digit");
  if (name.includes("--")) problems.push('must not contain "--"');
  if (name.includes("..")) problems.push('must not contain ".."');
  return problems;
}

export function checkName(file: ManifestFile, value: Record<string, unknown>, context: RuleContext): void {
  const name = value.name;
  // A missing or non-string name is a schema finding.
  if (typeof name !== "string") return;
  const problems = pluginNameProblems(name);
  if (problems.length === 0) return;
  const suggestion = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .slice(0, 64);
  context.report({
    ruleId: "agent-plugins/name",
    message: `"name" ${JSON.stringify(name)} ${problems.join(", ")}; ${REJECTED} (§5.5)${suggestion && suggestion !== name ? `: use a name such as "${suggestion}"` : ""}`,
    file: file.path,
    at: { doc: file.doc, path: ["name"] },
  });
}

/** A reverse-domain namespace: at least two dot-separated DNS labels, the first (the top-level domain) a word. */
const REVERSE_DOMAIN = /^[a-z][a-z0-9-]*(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function checkExtensions(file: ManifestFile, value: Record<string, unknown>, context: RuleContext): void {
  if (!Object.hasOwn(value, "extensions")) return;
  const extensions = value.extensions;
  const at = (path: (string | number)[], part: "key" | "value" = "value") => ({ doc: file.doc, path, part });
  if (!isRecord(extensions)) {
    context.report({
      ruleId: "agent-plugins/extensions",
      message: `"extensions" must be an object of namespaces, found ${Array.isArray(extensions) ? "an array" : JSON.stringify(extensions)}: clients report and ignore it and load the plugin without it (§8.1)`,
      file: file.path,
      at: at(["extensions"]),
    });
    return;
  }
  for (const namespace of Object.keys(extensions)) {
    if (REVERSE_DOMAIN.test(namespace)) continue;
    context.report({
      ruleId: "agent-plugins/extensions",
      message: `extension namespace "${namespace}" is not a reverse-domain name such as "com.example.client" (§8): no client implements it, so its data is ignored; use a domain you control, reversed`,
      file: file.path,
      at: at(["extensions", namespace], "key"),
    });
  }
}

export function checkVersion(file: ManifestFile, value: Record<string, unknown>, context: RuleContext): void {
  const version = value.version;
  if (
    typeof version !== "string" ||
    (valid(version) !== null && !/^[v=\s]/i.test(version) && version === version.trim())
  )
    return;
  context.report({
    ruleId: "agent-plugins/version",
    message: `"version" ${JSON.stringify(version)} is not Semantic Versioning (MAJOR.MINOR.PATCH, e.g. "1.0.0"), which clients use to offer updates (§10.2)`,
    file: file.path,
    at: { doc: file.doc, path: ["version"] },
  });
}

/** Every manifest check, in order; returns the version the manifest declares when it declares a supported one. */
export function checkManifest(plugin: PluginModel, context: RuleContext): string | undefined {
  checkManifestPresent(plugin, context);
  const file = plugin.manifest;
  // Broken JSON is reported by the json/* rules.
  if (!hasValue(file)) return undefined;
  checkManifestShape(file, context);
  const value = file.doc.value;
  if (!isRecord(value)) return undefined;
  const version = checkSchemaVersion(file, value, context);
  checkUnknownFields(file, value, context);
  checkName(file, value, context);
  checkExtensions(file, value, context);
  checkVersion(file, value, context);
  return version;
}
