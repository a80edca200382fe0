/**
 * Minimal, format-preserving edits of JSON text: each function changes only the bytes of the value it sets,
 * so comments, key order, indentation and line endings elsewhere in the file survive. jsonc-parser's `modify`
 * is used only for scalars, because it re-lays out any container it inserts into.
 */
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type JSONPath,
  type Node,
  type ParseError,
} from "jsonc-parser";

export interface JsonStyle {
  /** One level of indentation: "\t" or some spaces. */
  unit: string;
  eol: "\n" | "\r\n";
}

/** The file's own indentation unit and line endings (two spaces and "\n" when it shows none). */
export function detectJsonStyle(text: string): JsonStyle {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const unit = /^([ \t]+)\S/m.exec(text)?.[1] ?? "  ";
  return { unit: unit.startsWith("\t") ? "\t" : unit, eol };
}

/** Parses strictly (no comments, no trailing commas); undefined when the text is not one valid JSON value. */
export function parseJsonTree(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length > 0 ? undefined : tree;
}

/** Replaces an existing scalar (string, number, boolean, null) in place. */
export function replaceJsonScalar(text: string, path: JSONPath, value: string | number | boolean | null): string {
  const style = detectJsonStyle(text);
  return applyEdits(
    text,
    modify(text, path, value, {
      formattingOptions: { insertSpaces: style.unit !== "\t", tabSize: style.unit.length, eol: style.eol },
    }),
  );
}

/**
 * Sets `key` of the object at `objectPath` to a value given as JSON text (already laid out for one line or
 * for the property's indentation). An existing property is replaced where it stands; a new one goes after
 * `after` when that key exists, else after the last property, on a line of its own if its siblings are.
 * Returns the text unchanged when the object does not exist.
 */
export function setJsonProperty(
  text: string,
  objectPath: JSONPath,
  key: string,
  valueJson: string,
  options: { after?: string } = {},
): string {
  const tree = parseTree(text);
  const object = tree && findNodeAtLocation(tree, objectPath);
  if (object?.type !== "object") return text;
  const existing = findNodeAtLocation(object, [key]);
  if (existing) return splice(text, existing.offset, existing.length, valueJson);
  const properties = object.children ?? [];
  const anchor =
    (options.after !== undefined ? properties.find((p) => p.children?.[0]?.value === options.after) : undefined) ??
    properties.at(-1);
  const style = detectJsonStyle(text);
  if (!anchor) {
    const outer = lineIndent(text, object.offset);
    return splice(
      text,
      object.offset,
      object.length,
      `{${style.eol}${outer}${style.unit}${JSON.stringify(key)}: ${valueJson}${style.eol}${outer}}`,
    );
  }
  const end = anchor.offset + anchor.length;
  const separator = propertiesOnOwnLines(text, object, anchor) ? `,${style.eol}${indentAt(text, anchor.offset)}` : ", ";
  return splice(text, end, 0, `${separator}${JSON.stringify(key)}: ${valueJson}`);
}

/**
 * Whether a property added after `anchor` (default: the last property) goes on a line of its own: laid out as the
 * properties up to the anchor are, so `{"a": 1, "b": 2\n}` stays on one line. An empty object is opened onto lines.
 */
export function propertiesOnOwnLines(
  text: string,
  object: Node,
  anchor: Node | undefined = object.children?.at(-1),
): boolean {
  return anchor === undefined || text.slice(object.offset, anchor.offset + anchor.length).includes("\n");
}

/** A value as JSON text laid out at the indentation of the line it will start on. */
export function formatJsonValue(value: unknown, indent: string, style: JsonStyle): string {
  return JSON.stringify(value, null, style.unit).split("\n").join(`${style.eol}${indent}`);
}

/** The whitespace before `offset` on its line, or "" when something else precedes it there. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : "";
}

/** The leading whitespace of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

export function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}
