import { createScanner, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read: mirror the values used.
const Token = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
  EOF: 17,
} as const;
import { LineIndex } from "../text.js";
import { readStrictJson } from "./json-strict.js";

/** A problem found while reading JSON: always tied to an offset range in the text. */
export interface JsonProblem {
  kind: "syntax" | "bom" | "comment" | "trailing-comma" | "duplicate-key";
  message: string;
  offset: number;
  length: number;
  /** A mechanical fix, when one exists: replace [offset, offset+length) with `text`. */
  fix?: { range: [number, number]; text: string };
  /** For a duplicate key: where the key is, from the root (`["version"]`), so rules can ask who reads it. */
  pointer?: readonly (string | number)[];
}

export interface JsonDocument {
  kind: "json";
  text: string;
  lines: LineIndex;
  /** The syntax tree; absent only when the text holds no value at all. */
  root: Node | undefined;
  /** The value, with JSON.parse semantics for duplicate keys (last wins). Undefined when the syntax is broken. */
  value: unknown;
  problems: JsonProblem[];
}

const BOM = "\uFEFF";

const TREE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/** Deeper than any real plugin file, shallow enough for the recursive tree builder. */
export const MAX_JSON_DEPTH = 256;

/**
 * Parses strict JSON while recording everything a host's strict parser would reject
 * (BOM, comments, trailing commas, duplicate keys) as positioned problems.
 */
export function parseJson(text: string): JsonDocument {
  const strict = readStrictJson(text, MAX_JSON_DEPTH);
  if (strict) return lazyTree(text, strict.value);
  const problems: JsonProblem[] = [];
  let source = text;
  if (text.startsWith(BOM)) {
    problems.push({
      kind: "bom",
      message: "file starts with a UTF-8 byte order mark",
      offset: 0,
      length: 1,
      fix: { range: [0, 1], text: "" },
    });
    // Same length, so every later offset stays true to the original text.
    source = ` ${text.slice(1)}`;
  }
  const depth = scanTrivia(source, problems);
  if (depth.max > MAX_JSON_DEPTH) {
    // The tree builder recurses per level: refuse absurd nesting instead of overflowing the stack.
    problems.push({
      kind: "syntax",
      message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
      offset: depth.offset,
      length: 1,
    });
    return {
      kind: "json",
      text,
      lines: new LineIndex(text),
      root: undefined,
      value: undefined,
      problems: problems.sort((a, b) => a.offset - b.offset),
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, TREE_OPTIONS);
  for (const error of errors) {
    problems.push({
      kind: "syntax",
      message: describeSyntaxError(error, source),
      offset: error.offset,
      length: Math.max(1, error.length),
    });
  }
  if (root) findDuplicateKeys(root, problems);
  const syntaxBroken = errors.length > 0;
  return {
    kind: "json",
    text,
    lines: new LineIndex(text),
    root,
    value: root && !syntaxBroken ? getNodeValue(root) : undefined,
    problems: problems.sort((a, b) => a.offset - b.offset),
  };
}

/**
 * A document of strict JSON with nothing to report, whose syntax tree (for the positions of findings) is built when
 * first read: most files of a plugin have no finding.
 */
function lazyTree(text: string, value: unknown): JsonDocument {
  let root: Node | undefined;
  let built = false;
  return {
    kind: "json",
    text,
    lines: new LineIndex(text),
    get root() {
      if (!built) {
        root = parseTree(text, [], TREE_OPTIONS);
        built = true;
      }
      return root;
    },
    value,
    problems: [],
  };
}

/** Records comments and trailing commas, and measures nesting depth, in one pass over the tokens. */
function scanTrivia(text: string, problems: JsonProblem[]): { max: number; offset: number } {
  const scanner = createScanner(text, false);
  let pendingComma: number | undefined;
  let depth = 0;
  const deepest = { max: 0, offset: 0 };
  for (let kind: number = scanner.scan(); kind !== Token.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    if (kind === Token.LineComment || kind === Token.BlockComment) {
      problems.push({ kind: "comment", message: "comments are not allowed in JSON", offset, length });
      continue;
    }
    if (kind === Token.Trivia || kind === Token.LineBreak) continue;
    if ((kind === Token.CloseBrace || kind === Token.CloseBracket) && pendingComma !== undefined) {
      problems.push({
        kind: "trailing-comma",
        message: `trailing comma before '${kind === Token.CloseBrace ? "}" : "]"}'`,
        offset: pendingComma,
        length: 1,
        fix: { range: [pendingComma, pendingComma + 1], text: "" },
      });
    }
    pendingComma = kind === Token.Comma ? offset : undefined;
    if (kind === Token.OpenBrace || kind === Token.OpenBracket) {
      depth++;
      if (depth > deepest.max) {
        deepest.max = depth;
        deepest.offset = offset;
      }
      if (depth > MAX_JSON_DEPTH) return deepest;
    } else if (kind === Token.CloseBrace || kind === Token.CloseBracket) {
      depth--;
    }
  }
  return deepest;
}

function findDuplicateKeys(node: Node, problems: JsonProblem[], pointer: readonly (string | number)[] = []): void {
  if (node.type === "object" && node.children) {
    const seen = new Set<string>();
    for (const property of node.children) {
      const key = property.children?.[0];
      const value = property.children?.[1];
      if (key && typeof key.value === "string") {
        if (seen.has(key.value)) {
          problems.push({
            kind: "duplicate-key",
            message: `duplicate key "${key.value}"`,
            offset: key.offset,
            length: key.length,
            pointer: [...pointer, key.value],
          });
        }
        seen.add(key.value);
        if (value) findDuplicateKeys(value, problems, [...pointer, key.value]);
      }
    }
    return;
  }
  for (const [index, child] of (node.children ?? []).entries()) {
    findDuplicateKeys(child, problems, node.type === "array" ? [...pointer, index] : pointer);
  }
}

const friendlyErrors: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' between values",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: "unexpected content after the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string (control characters must be escaped)",
};

function describeSyntaxError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  const base = friendlyErrors[code] ?? code;
  if (error.offset >= text.length) return `${base} (unexpected end of file)`;
  const found = text.slice(error.offset, error.offset + Math.min(Math.max(error.length, 1), 20));
  return `${base}, found ${JSON.stringify(found)}`;
}
