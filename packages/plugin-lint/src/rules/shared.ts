import {
  checkSchema,
  resolvePluginPath,
  type JsonDocument,
  type PathResolution,
  type PointerSegment,
  type ResolveOptions,
  type SchemaName,
  type SourceDocument,
} from "@agent-plugin/core";
import type { RuleContext } from "../rule.js";

export interface ParsedFile {
  path: string;
  doc: SourceDocument;
}

/** True when the file parsed well enough for its value to be checked. */
export function hasValue(file: { doc: JsonDocument } | undefined): file is { path: string; doc: JsonDocument } {
  return file !== undefined && file.doc.value !== undefined;
}

/**
 * Reports every schema violation of `value` (default: the file's whole value) at its exact position.
 * `prefix` places a sub-value inside the file, e.g. one server of a bare-map `.mcp.json`.
 */
export function reportSchema(
  context: RuleContext,
  file: ParsedFile,
  schema: SchemaName,
  options: { value?: unknown; prefix?: readonly PointerSegment[]; consequence?: string } = {},
): number {
  const issues = checkSchema(schema, options.value ?? file.doc.value);
  const prefix = options.prefix ?? [];
  for (const issue of issues) {
    const consequence = issue.ruleId.endsWith("/schema") && options.consequence ? ` (${options.consequence})` : "";
    context.report({
      ruleId: issue.ruleId,
      message: issue.message + consequence,
      file: file.path,
      at: { doc: file.doc, path: [...prefix, ...issue.path], part: issue.part },
    });
  }
  return issues.length;
}

const pathRuleIds = {
  "not-relative": "path/not-relative",
  empty: "path/not-relative",
  "dot-dot": "path/escapes-root",
  "escapes-root": "path/escapes-root",
  "symlink-loop": "path/not-found",
  "not-found": "path/not-found",
  "wrong-kind": "path/not-found",
} as const;

/**
 * Resolves a path written in a plugin file and reports why it fails, at the path's own position.
 * `what` names the field for the message, e.g. `"skills"`.
 */
export function checkPath(
  context: RuleContext,
  file: ParsedFile,
  pointer: readonly PointerSegment[],
  raw: string,
  options: ResolveOptions & { what: string; consequence?: string },
): PathResolution {
  const resolution = resolvePluginPath(raw, options);
  if (!resolution.ok) {
    context.report({
      ruleId: pathRuleIds[resolution.problem],
      message: `${options.what}: ${resolution.message}${options.consequence ? ` (${options.consequence})` : ""}`,
      file: file.path,
      at: { doc: file.doc, path: pointer },
    });
  }
  return resolution;
}
