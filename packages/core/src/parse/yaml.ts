import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Document } from "yaml";
import { LineIndex } from "../text.js";

export interface YamlProblem {
  kind: "syntax" | "duplicate-key" | "alias-limit" | "not-mapping";
  message: string;
  /** Offsets are into the whole file, not just the YAML part. */
  offset: number;
  length: number;
}

/** Constructs that strict YAML readers such as strictyaml (used by skills-ref) reject. */
export interface YamlPortabilityIssue {
  construct: "flow" | "anchor" | "alias" | "tag";
  offset: number;
  length: number;
}

export interface YamlDocument {
  kind: "yaml";
  /** The whole file's text (for SKILL.md, the YAML is a slice of it). */
  text: string;
  lines: LineIndex;
  /** Where the YAML starts in `text`. */
  offset: number;
  doc: Document.Parsed;
  value: unknown;
  problems: YamlProblem[];
}

/** Expanding more aliases than this is treated as an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export function parseYaml(fileText: string, offset = 0, end = fileText.length, lines = new LineIndex(fileText)): YamlDocument {
  const source = fileText.slice(offset, end);
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) {
    const [start, stop] = error.pos;
    const message = error.message.split("\n")[0] ?? error.message;
    problems.push({
      kind: error.code === "DUPLICATE_KEY" ? "duplicate-key" : "syntax",
      message: message.replace(/ at line \d+, column \d+:?$/, ""),
      offset: offset + start,
      length: Math.max(1, stop - start),
    });
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      problems.push({
        kind: "alias-limit",
        message: `YAML expands more than ${MAX_YAML_ALIASES} aliases (a possible alias bomb): ${(error as Error).message}`,
        offset,
        length: Math.max(1, source.length),
      });
    }
  }
  return { kind: "yaml", text: fileText, lines, offset, doc, value, problems };
}

export function portabilityIssues(document: YamlDocument): YamlPortabilityIssue[] {
  const issues: YamlPortabilityIssue[] = [];
  const base = document.offset;
  visit(document.doc, (_key, node) => {
    if (!isNode(node) || !node.range) return;
    const [start, end] = node.range;
    if (isAlias(node)) issues.push({ construct: "alias", offset: base + start, length: end - start });
    if (isCollection(node) && node.flow) issues.push({ construct: "flow", offset: base + start, length: end - start });
    if ((isScalar(node) || isCollection(node)) && node.anchor) issues.push({ construct: "anchor", offset: base + start, length: end - start });
    if ((isScalar(node) || isCollection(node)) && node.tag && document.text.slice(base, base + start).length >= 0 && hasExplicitTag(document, start)) {
      issues.push({ construct: "tag", offset: base + start, length: end - start });
    }
  });
  return issues;
}

function hasExplicitTag(document: YamlDocument, nodeStart: number): boolean {
  // Explicit tags sit just before the node's value; resolved implicit tags do not appear in the text.
  const before = document.text.slice(Math.max(document.offset, document.offset + nodeStart - 40), document.offset + nodeStart);
  return /!!?[\w:./-]*\s*$/.test(before);
}

export interface FrontmatterSplit {
  /** Offsets of the YAML between the fences, in the file text. */
  yamlStart: number;
  yamlEnd: number;
  /** Where the Markdown body starts. */
  bodyStart: number;
}

export type FrontmatterResult =
  | { ok: true; split: FrontmatterSplit }
  | { ok: false; message: string; offset: number; length: number };

/**
 * Finds YAML frontmatter the way Codex's skill loader does: the first line must be `---`
 * (after trimming), and the frontmatter runs to the next line that trims to `---`.
 */
export function splitFrontmatter(text: string): FrontmatterResult {
  const firstBreak = text.indexOf("\n");
  const firstLine = (firstBreak === -1 ? text : text.slice(0, firstBreak)).replace(/^\uFEFF/, "");
  if (firstLine.trim() !== "---") {
    return { ok: false, message: "SKILL.md must start with YAML frontmatter: a first line of `---`", offset: 0, length: Math.max(1, firstLine.length) };
  }
  if (firstBreak === -1) {
    return { ok: false, message: "frontmatter is not closed: no second `---` line", offset: 0, length: 3 };
  }
  const yamlStart = firstBreak + 1;
  let lineStart = yamlStart;
  while (lineStart <= text.length) {
    const lineEnd = text.indexOf("\n", lineStart);
    const stop = lineEnd === -1 ? text.length : lineEnd;
    if (text.slice(lineStart, stop).trim() === "---") {
      if (text.slice(yamlStart, lineStart).trim() === "") {
        return { ok: false, message: "frontmatter is empty: it needs at least `description`", offset: 0, length: stop };
      }
      return { ok: true, split: { yamlStart, yamlEnd: lineStart, bodyStart: lineEnd === -1 ? text.length : lineEnd + 1 } };
    }
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  return { ok: false, message: "frontmatter is not closed: no second `---` line", offset: 0, length: 3 };
}

export { isMap, isSeq, isScalar };
