// Where a Markdown text links to: inline links and images, and reference definitions, outside fenced code,
// inline code and HTML comments. Pure text functions; what a broken target means is the rules' business.
import { blankRanges } from "../shared/text.js";

export interface LinkTarget {
  raw: string;
  /** Offset of the target in the Markdown text. */
  offset: number;
}

/** Every link and image target written in prose, in text order. */
export function markdownLinkTargets(markdown: string): LinkTarget[] {
  const prose = maskNonProse(markdown);
  return [...inlineLinkTargets(prose), ...referenceDefinitionTargets(prose)].sort((a, b) => a.offset - b.offset);
}

/** The text with fenced code blocks, inline code and HTML comments blanked out, offsets unchanged. */
function maskNonProse(text: string): string {
  const withoutBlocks = blankRanges(text, [...fencedCodeRanges(text), ...htmlCommentRanges(text)]);
  return blankRanges(withoutBlocks, inlineCodeRanges(withoutBlocks));
}

function fencedCodeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { char: string; length: number; start: number } | undefined;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (!open) {
      const match = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(line);
      // A backtick fence's info string cannot contain a backtick (that is inline code instead).
      if (match && !(match[1]!.startsWith("`") && match[2]!.includes("`")))
        open = { char: match[1]![0]!, length: match[1]!.length, start: lineStart };
    } else {
      const match = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (match && match[1]![0] === open.char && match[1]!.length >= open.length) {
        ranges.push([open.start, lineEnd]);
        open = undefined;
      }
    }
    lineStart = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the document.
  if (open) ranges.push([open.start, text.length]);
  return ranges;
}

function htmlCommentRanges(text: string): [number, number][] {
  return [...text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((match) => [match.index, match.index + match[0].length]);
}

interface BacktickRun {
  start: number;
  length: number;
  paragraph: number;
  escaped: boolean;
}

/**
 * Code spans: a run of backticks up to the next run of the same length in the same paragraph.
 * One pass over the runs, so a file full of stray backticks stays linear.
 */
function inlineCodeRanges(text: string): [number, number][] {
  const runs = backtickRuns(text);
  const nextOfSameLength = new Array<number | undefined>(runs.length);
  const lastSeen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    nextOfSameLength[r] = lastSeen.get(runs[r]!.length);
    lastSeen.set(runs[r]!.length, r);
  }
  const ranges: [number, number][] = [];
  let consumedUntil = 0;
  runs.forEach((run, r) => {
    const closeIndex = nextOfSameLength[r];
    if (run.start < consumedUntil || run.escaped || closeIndex === undefined) return;
    const close = runs[closeIndex]!;
    if (close.paragraph !== run.paragraph) return;
    consumedUntil = close.start + close.length;
    ranges.push([run.start, consumedUntil]);
  });
  return ranges;
}

function backtickRuns(text: string): BacktickRun[] {
  const runs: BacktickRun[] = [];
  let paragraph = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" && startsBlankLine(text, i + 1)) paragraph++;
    if (char !== "`") continue;
    let end = i;
    while (text[end] === "`") end++;
    runs.push({ start: i, length: end - i, paragraph, escaped: isEscaped(text, i) });
    i = end - 1;
  }
  return runs;
}

/** Whether the line starting at `index` is blank: a paragraph break. */
function startsBlankLine(text: string, index: number): boolean {
  let i = index;
  while (text[i] === " " || text[i] === "\t") i++;
  return i >= text.length || text[i] === "\n" || text[i] === "\r";
}

/**
 * `[text](target "title")` and `![alt](target)`: a `]` that closes a `[` of the same paragraph, followed by `(`.
 * One forward pass with a stack of open brackets.
 */
function inlineLinkTargets(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "\n" && startsBlankLine(text, i + 1)) open.length = 0;
    else if (char === "[") open.push(i);
    else if (char === "]" && open.pop() !== undefined && text[i + 1] === "(") {
      const target = linkDestination(text, i + 2);
      if (target) targets.push(target);
    }
  }
  return targets;
}

/** The destination after `](`: `<...>`, or a run without spaces and with balanced parentheses, then a title or `)`. */
function linkDestination(text: string, start: number): LinkTarget | undefined {
  let i = start;
  while (text[i] === " " || text[i] === "\t") i++;
  let target: LinkTarget;
  let end: number;
  if (text[i] === "<") {
    const bracketed = /<([^<>\n]*)>/y;
    bracketed.lastIndex = i;
    const match = bracketed.exec(text);
    if (!match) return undefined;
    target = { raw: match[1]!, offset: i + 1 };
    end = bracketed.lastIndex;
  } else {
    let depth = 0;
    end = i;
    for (; end < text.length; end++) {
      const char = text[end]!;
      if (char === "\\") {
        end++;
        continue;
      }
      if (/\s/.test(char)) break;
      if (char === "(") depth++;
      else if (char === ")" && depth-- === 0) break;
    }
    target = { raw: text.slice(i, end), offset: i };
  }
  // What follows the destination must be a title or the closing parenthesis.
  const next = /[ \t]*\r?\n?[ \t]*(.)/y;
  next.lastIndex = end;
  const rest = next.exec(text);
  if (target.raw === "" || !rest || !`)"'(`.includes(rest[1]!)) return undefined;
  return target;
}

/** `[id]: target` definitions of reference-style links (footnotes `[^1]:` are not links). */
function referenceDefinitionTargets(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  for (const match of text.matchAll(/^[ \t]{0,3}\[((?:[^[\]\\\n]|\\.)+)\]:[ \t]*(?:\r?\n[ \t]*)?(<[^>\n]*>|\S+)/gm)) {
    if (match[1]!.startsWith("^")) continue;
    const written = match[2]!;
    const offset = match.index + match[0].length - written.length;
    const bracketed = written.startsWith("<");
    targets.push({ raw: bracketed ? written.slice(1, -1) : written, offset: bracketed ? offset + 1 : offset });
  }
  return targets;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}
