// How every area judges a path written in a plugin file, reported under the path/* rules.
import {
  resolvePluginPath,
  type PathResolution,
  type PointerSegment,
  type ResolveOptions,
  type Severity,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { ParsedFile } from "../shared/schema.js";

const pathRuleIds = {
  "not-relative": "path/not-relative",
  empty: "path/not-relative",
  "dot-dot": "path/escapes-root",
  "escapes-root": "path/escapes-root",
  "symlink-loop": "path/not-found",
  "not-found": "path/not-found",
  "wrong-kind": "path/not-found",
} as const;

/** What a path that names nothing costs, when the caller knows it costs less than the component (see `checkPath`). */
export interface MissingPath {
  severity: Severity;
  consequence: string;
}

/**
 * Resolves a path written in a plugin file and reports why it fails, at the path's own position.
 * `what` names the field for the message, e.g. `"skills"`.
 */
export function checkPath(
  context: RuleContext,
  file: ParsedFile,
  pointer: readonly PointerSegment[],
  raw: string,
  options: ResolveOptions & { what: string; consequence?: string; ifMissing?: MissingPath },
): PathResolution {
  const resolution = resolvePluginPath(raw, options);
  if (!resolution.ok) {
    const missing = resolution.problem === "not-found" ? options.ifMissing : undefined;
    const consequence = missing?.consequence ?? options.consequence;
    context.report({
      ruleId: pathRuleIds[resolution.problem],
      message: `${options.what}: ${resolution.message}${consequence ? ` (${consequence})` : ""}`,
      file: file.path,
      at: { doc: file.doc, path: pointer },
      ...(missing ? { severity: missing.severity } : {}),
    });
  }
  return resolution;
}
