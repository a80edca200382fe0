import type { Document } from "yaml";
import { LineIndex } from "../text.js";
import { readPlainBlockYaml } from "./yaml-block.js";
import { isMap, isScalar, isSeq, yamlLibrary } from "./yaml-library.js";

export interface YamlProblem {
  kind: "syntax" | "duplicate-key" | "alias-limit" | "not-mapping";
  message: string;
  /** Offsets are into the whole file, not just the YAML part. */
  offset: number;
  length: number;
}

/** Constructs that strict YAML readers such as strictyaml (used by skills-ref) reject. */
export interface YamlPortabilityIssue {
  construct: "flow" | "alias";
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
  /** The library's document, with the source range of every node (for plain block YAML, parsed when first read). */
  doc: Document.Parsed;
  value: unknown;
  problems: YamlProblem[];
  /**
   * The YAML is plain block mappings and lists of one-line scalars (yaml-block.ts): no problems, flow collections,
   * aliases, anchors or tags, so checks for those need not read `doc`.
   */
  plainBlock?: true;
}

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

/** Expanding more aliases than this is treated as an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export function parseYaml(
  fileText: string,
  offset = 0,
  end = fileText.length,
  lines = new LineIndex(fileText),
): YamlDocument {
  const source = fileText.slice(offset, end);
  const plain = readPlainBlockYaml(source);
  if (plain) return lazyDocument(fileText, lines, offset, source, plain.value);
  const problems: YamlProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = yamlLibrary().parseDocument(source, PARSE_OPTIONS);
  } catch (error) {
    // The parser should report, not throw; if it ever does, the file is still just invalid YAML.
    const empty = yamlLibrary().parseDocument("");
    problems.push({ kind: "syntax", message: describeYamlFailure(error), offset, length: Math.max(1, source.length) });
    return { kind: "yaml", text: fileText, lines, offset, doc: empty, value: undefined, problems };
  }
  for (const error of doc.errors) {
    const [start, stop] = error.pos;
    const message = describeYamlFailure(error);
    problems.push({
      kind: error.code === "DUPLICATE_KEY" ? "duplicate-key" : "syntax",
      message:
        error.code === "DUPLICATE_KEY"
          ? `duplicate key ${JSON.stringify(keyAt(source, start))}`
          : message.replace(/ at line \d+, column \d+:?$/, ""),
      offset: offset + start,
      length: Math.max(1, stop - start),
    });
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch {
      problems.push({
        kind: "alias-limit",
        message: `YAML expands more than ${MAX_YAML_ALIASES} aliases, a likely alias bomb; remove the anchors and aliases`,
        offset,
        length: Math.max(1, source.length),
      });
    }
  }
  return { kind: "yaml", text: fileText, lines, offset, doc, value, problems };
}

/**
 * A document whose value is known already: the library parses the source only when a check asks for node positions
 * (a finding to place), which few files of a plugin need.
 */
function lazyDocument(text: string, lines: LineIndex, offset: number, source: string, value: unknown): YamlDocument {
  let doc: Document.Parsed | undefined;
  return {
    kind: "yaml",
    text,
    lines,
    offset,
    get doc() {
      doc ??= yamlLibrary().parseDocument(source, PARSE_OPTIONS);
      return doc;
    },
    value,
    problems: [],
    plainBlock: true,
  };
}

/** The text of the mapping key that starts at `offset`, for messages. */
function keyAt(source: string, offset: number): string {
  const match = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n#]+?)\s*:/.exec(source.slice(offset, offset + 200));
  return (match?.[1] ?? source.slice(offset, offset + 1)).replace(/^["']|["']$/g, "");
}

function describeYamlFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/call stack/i.test(message)) return "YAML is nested too deeply to read";
  return message.split("\n")[0] ?? message;
}

/** Flow collections and aliases, each with its position. (Anchors and tags are found from the text by the skill rules.) */
export function portabilityIssues(document: YamlDocument): YamlPortabilityIssue[] {
  const issues: YamlPortabilityIssue[] = [];
  if (document.plainBlock) return issues;
  const base = document.offset;
  const { isAlias, isCollection, isNode, visit } = yamlLibrary();
  visit(document.doc, (_key, node) => {
    if (!isNode(node) || !node.range) return;
    const [start, end] = node.range;
    if (isAlias(node)) issues.push({ construct: "alias", offset: base + start, length: end - start });
    if (isCollection(node) && node.flow) issues.push({ construct: "flow", offset: base + start, length: end - start });
  });
  return issues;
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
    return {
      ok: false,
      message: "SKILL.md must start with YAML frontmatter: a first line of `---`",
      offset: 0,
      length: Math.max(1, firstLine.length),
    };
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
      return {
        ok: true,
        split: { yamlStart, yamlEnd: lineStart, bodyStart: lineEnd === -1 ? text.length : lineEnd + 1 },
      };
    }
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  return { ok: false, message: "frontmatter is not closed: no second `---` line", offset: 0, length: 3 };
}

export { isMap, isSeq, isScalar };
