// Frontmatter that fails only because a plain value holds `: `, which some hosts read as text anyway.
import { parseYaml, type YamlDocument } from "@agent-plugin/core";

/** A top-level `key: value` line whose plain (unquoted, not block or flow) value holds `: `. */
const COLON_VALUE = /^([A-Za-z0-9_-]+):[ \t]+([^'"|>[{&*!#\s].*: .*?)[ \t]*$/;

/**
 * Whether the frontmatter parses once every top-level plain value holding `: ` is quoted: then its only fault is
 * the unquoted colon, which Codex 0.171 and Claude Code read as text.
 */
export function failsOnlyOnUnquotedColons(doc: YamlDocument): boolean {
  if (!doc.problems.some((problem) => problem.kind === "syntax")) return false;
  const close = /^---[ \t]*\r?$/m.exec(doc.text.slice(doc.offset));
  const source = doc.text.slice(doc.offset, close === null ? doc.text.length : doc.offset + close.index);
  let changed = false;
  const quoted = source
    .split("\n")
    .map((line) => {
      const match = COLON_VALUE.exec(line.replace(/\r$/, ""));
      if (match === null) return line;
      changed = true;
      return `${match[1]}: ${JSON.stringify(match[2])}`;
    })
    .join("\n");
  return changed && parseYaml(quoted).problems.length === 0;
}
