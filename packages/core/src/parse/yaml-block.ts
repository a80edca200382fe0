// A reader for the plain block YAML nearly every SKILL.md frontmatter and agents/openai.yaml is written in: nested
// `key: value` mappings and `- item` lists of one-line scalars. It gives the same value as the `yaml` library at a
// small fraction of the cost (the library's composer dominated a lint of many skills), and gives up, returning
// undefined, on anything else (flow collections, block scalars, multi-line values, anchors, tags, comments after a
// value, numbers other than plain integers, duplicate keys...), which the library then reads with its diagnostics.
// What it accepts holds no YAML problem, flow collection, alias, anchor or tag.

/** Gives up on the text: the `yaml` library reads it instead. */
class NotPlainBlock extends Error {}

interface Line {
  /** The line's number in the text, from 0. */
  row: number;
  indent: number;
  /** The line without its indentation. */
  content: string;
}

/** Characters that make the library read or reject a text differently (tabs, CR, controls, BOM, Unicode breaks). */
const UNUSUAL_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** A simple key (YAML caps implicit keys at 1024 characters; these stay well under) and what follows its colon. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):( *)(.*)$/;
/** Words the core schema resolves to something other than a string, as a key: left to the library. */
const SPECIAL_KEYS = new Set(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "__proto__"]);
/** Characters a plain scalar may not start with here (YAML indicators, quotes, and the starts of numbers). */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`~<+.0-9]/;
/** Characters a continuation line may not start with here (indicators and quotes). */
const CONTINUATION_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t" };

/** The value of a plain block YAML text, or undefined when it is anything else. */
export function readPlainBlockYaml(source: string): { value: Record<string, unknown> } | undefined {
  if (UNUSUAL_CHARACTER.test(source)) return undefined;
  const lines: Line[] = [];
  const raws = source.split("\n");
  for (let row = 0; row < raws.length; row++) {
    const raw = raws[row]!;
    // YAML indents with spaces only (trimStart would also take other white space, which YAML reads as text).
    const content = raw.slice(leadingSpaces(raw));
    // Blank lines and whole-line comments mean nothing here (no block scalar can hold them).
    if (content === "" || content.startsWith("#")) continue;
    lines.push({ row, indent: raw.length - content.length, content });
  }
  if (lines.length === 0) return undefined;
  try {
    const reader = new BlockReader(lines);
    const value = reader.mapping(lines[0]!.indent);
    return reader.done() ? { value } : undefined;
  } catch (error) {
    if (error instanceof NotPlainBlock) return undefined;
    throw error;
  }
}

class BlockReader {
  #next = 0;
  constructor(private readonly lines: readonly Line[]) {}

  done(): boolean {
    return this.#next === this.lines.length;
  }

  /** A mapping whose keys sit at `indent`; ends at the first line less indented. */
  mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.#next < this.lines.length) {
      const line = this.lines[this.#next]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new NotPlainBlock();
      const match = KEY_LINE.exec(line.content);
      if (!match) throw new NotPlainBlock();
      const [, key = "", gap = "", rest = ""] = match;
      if (SPECIAL_KEYS.has(key) || Object.hasOwn(map, key)) throw new NotPlainBlock();
      this.#next++;
      if (rest === "") map[key] = this.blockValue(indent);
      else {
        if (gap === "") throw new NotPlainBlock();
        map[key] = this.#withContinuation(rest, indent);
        this.#endOfValue(indent);
      }
    }
    return map;
  }

  /** What follows a key with nothing after its colon: a nested mapping or list, or null. */
  blockValue(parentIndent: number): unknown {
    const line = this.lines[this.#next];
    if (!line) return null;
    const isItem = line.content.startsWith("- ") || line.content === "-";
    if (line.indent > parentIndent) return isItem ? this.list(line.indent) : this.mapping(line.indent);
    // A list may sit at its key's own indentation.
    if (line.indent === parentIndent && isItem) return this.list(line.indent);
    return null;
  }

  /** `- item` lines of one-line scalars at `indent`. */
  list(indent: number): unknown[] {
    const items: unknown[] = [];
    while (this.#next < this.lines.length) {
      const line = this.lines[this.#next]!;
      if (line.indent !== indent || !(line.content.startsWith("- ") || line.content === "-")) break;
      const item = line.content.slice(2 + leadingSpaces(line.content.slice(2)));
      if (item === "") throw new NotPlainBlock();
      this.#next++;
      items.push(this.#withContinuation(item, indent));
      this.#endOfValue(indent);
    }
    return items;
  }

  /**
   * A value (`first`: the text after its colon or dash), and when it is plain, its continuation on the lines right below it, indented more than its key or dash: YAML joins them with
   * single spaces (a value that writers of YAML wrap at 80 columns). Only a plain string value, and only lines that
   * could not be read as anything else; a blank or comment line between them is left to the library.
   */
  #withContinuation(first: string, indent: number): unknown {
    let joined = scalar(first);
    const plain = !first.startsWith('"') && !first.startsWith("'");
    let previous = this.lines[this.#next - 1]!;
    for (let line = this.lines[this.#next]; line && line.indent > indent; line = this.lines[this.#next]) {
      const text = line.content.slice(0, trailingSpacesStart(line.content));
      if (
        !plain ||
        typeof joined !== "string" ||
        line.row !== previous.row + 1 ||
        CONTINUATION_START.test(text) ||
        text.includes(": ") ||
        text.endsWith(":") ||
        text.includes(" #")
      )
        throw new NotPlainBlock();
      joined = `${joined} ${text}`;
      previous = line;
      this.#next++;
    }
    return joined;
  }

  /** A one-line value is not continued on a more indented line (a multi-line scalar, or a mistake). */
  #endOfValue(indent: number): void {
    const line = this.lines[this.#next];
    if (line && line.indent > indent) throw new NotPlainBlock();
  }
}

/** A one-line scalar (`text` has no leading spaces): quoted, or plain and resolved as the core schema does. */
function scalar(text: string): unknown {
  if (text.startsWith('"')) return doubleQuoted(text);
  if (text.startsWith("'")) return singleQuoted(text);
  const value = text.slice(0, trailingSpacesStart(text));
  if (value.includes(": ") || value.endsWith(":") || value.includes(" #")) throw new NotPlainBlock();
  switch (value) {
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
    case "null":
    case "Null":
    case "NULL":
    case "~":
      return null;
  }
  if (PLAIN_START.test(value)) {
    if (/^(?:0|[1-9][0-9]{0,14})$/.test(value)) return Number(value);
    throw new NotPlainBlock();
  }
  return value;
}

function doubleQuoted(text: string): string {
  let out = "";
  let i = 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    const backslash = text.indexOf("\\", i);
    if (quote === -1) throw new NotPlainBlock();
    if (backslash !== -1 && backslash < quote) {
      const replacement = ESCAPES[text[backslash + 1] ?? ""];
      if (replacement === undefined) throw new NotPlainBlock();
      out += text.slice(i, backslash) + replacement;
      i = backslash + 2;
      continue;
    }
    out += text.slice(i, quote);
    endsLine(text, quote + 1);
    return out;
  }
}

function singleQuoted(text: string): string {
  let out = "";
  let i = 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote === -1) throw new NotPlainBlock();
    out += text.slice(i, quote);
    if (text[quote + 1] === "'") {
      out += "'";
      i = quote + 2;
      continue;
    }
    endsLine(text, quote + 1);
    return out;
  }
}

function leadingSpaces(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

function trailingSpacesStart(text: string): number {
  let i = text.length;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  return i;
}

/** Only spaces may follow a closing quote here. */
function endsLine(text: string, from: number): void {
  for (let i = from; i < text.length; i++) if (text[i] !== " ") throw new NotPlainBlock();
}
