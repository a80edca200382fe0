// What every area does with a parsed file: check it has a value, and report its schema violations.
import {
  checkSchema,
  type JsonDocument,
  type PointerSegment,
  type SchemaName,
  type SourceDocument,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { isRuleId, type RuleId } from "../metas.js";

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
    const ruleId = schemaRuleId(issue.ruleId);
    const consequence = ruleId.endsWith("/schema") && options.consequence ? ` (${options.consequence})` : "";
    context.report({
      ruleId,
      message: issue.message + consequence,
      file: file.path,
      at: { doc: file.doc, path: [...prefix, ...issue.path], part: issue.part },
    });
  }
  return issues.length;
}

/** The rule a schema keyword reports (`x-rules` in /schemas): always a registered one, or the schema has a bug. */
export function schemaRuleId(id: string): RuleId {
  if (!isRuleId(id)) throw new Error(`internal: a schema reports rule "${id}", which is not registered`);
  return id;
}
