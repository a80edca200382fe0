// How every area judges a path written in a plugin file, reported under the path/* rules.
import { resolvePluginPath, type PathResolution, type PointerSegment, type ResolveOptions } from "@agent-plugin/core";
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
