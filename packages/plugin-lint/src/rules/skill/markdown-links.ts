// Where a Markdown text links to: inline links and images, and reference definitions, outside fenced code,
// inline code and HTML comments. Pure text functions; what a broken target means is the rules' business.
// The scans jump from one character that matters to the next with a regular expression instead of looking at every
// character in JavaScript: a linter runs once, so its loops rarely get compiled, and skills can be long.
import { blankRanges } from "../shared/text.js";

export interface LinkTarget {
  raw: string;
  /** Offset of the target in the Markdown text. */
  offset: number;
}

/** Every link and image target written in prose, in text order. */
export function markdownLinkTargets(markdown: string): LinkTarget[] {
  // Every target follows `](` (inline) or `]:` (a definition). Masking only turns characters into blanks, so it never
  // makes either pair: a text with neither has no target, and is not masked and scanned for nothing (most skills).
  if (!markdown.includes("](") && !markdown.includes("]:")) return [];
  const prose = maskNonProse(markdown);
  return [...inlineLinkTargets(prose), ...referenceDefinitionTargets(prose)].sort((a, b) => a.offset - b.offset);
}

/** The text with fenced code blocks, inline code and HTML comments blanked out, offsets unchanged. */
function maskNonProse(text: string): string {
  const withoutBlocks = blankRanges(text, [...fencedCodeRanges(text), ...htmlCommentRanges(text)]);
  return blankRanges(withoutBlocks, inlineCodeRanges(withoutBlocks));
}

/** The start of every line that could open or close a fence: three backticks or tildes after blanks. */
const FENCE_CANDIDATE = /(?<=^|\n)[ \t]*(?:```|~~~)/g;

function fencedCodeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { char: string; length: number; start: number } | undefined;
  // Lines that are not candidates neither open nor close a fence, so only candidates are looked at.
  for (const candidate of text.matchAll(FENCE_CANDIDATE)) {
    const lineStart = candidate.index;
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

/** A line break followed by a blank line (blanks, then a line break or the end): a paragraph break. */
const PARAGRAPH_BREAK = /\n(?=[ \t]*(?:[\r\n]|$))/g;

/** Offsets of the line breaks that end a paragraph, in order. */
function paragraphBreaks(text: string): number[] {
  return Array.from(text.matchAll(PARAGRAPH_BREAK), (match) => match.index);
}

function backtickRuns(text: string): BacktickRun[] {
  const runs: BacktickRun[] = [];
  const breaks = paragraphBreaks(text);
  let paragraph = 0;
  for (const run of text.matchAll(/`+/g)) {
    const start = run.index;
    while (paragraph < breaks.length && breaks[paragraph]! < start) paragraph++;
    runs.push({ start, length: run[0].length, paragraph, escaped: isEscaped(text, start) });
  }
  return runs;
}

/**
 * `[text](target "title")` and `![alt](target)`: a `]` that closes a `[` of the same paragraph, followed by `(`.
 * One forward pass with a stack of open brackets.
 */
function inlineLinkTargets(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  const open: number[] = [];
  // The characters that matter: an escape, a paragraph break, and brackets.
  const significant = /\\|\n(?=[ \t]*(?:[\r\n]|$))|[[\]]/g;
  for (let match = significant.exec(text); match !== null; match = significant.exec(text)) {
    const i = match.index;
    const char = match[0];
    // An escape takes the next character with it, whatever it is.
    if (char === "\\") significant.lastIndex = i + 2;
    else if (char === "\n") open.length = 0;
    else if (char === "[") open.push(i);
    else if (open.pop() !== undefined && text[i + 1] === "(") {
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
    end = plainDestinationEnd(text, i);
    target = { raw: text.slice(i, end), offset: i };
  }
  // What follows the destination must be a title or the closing parenthesis.
  const next = /[ \t]*\r?\n?[ \t]*(.)/y;
  next.lastIndex = end;
  const rest = next.exec(text);
  if (target.raw === "" || !rest || !`)"'(`.includes(rest[1]!)) return undefined;
  return target;
}

/**
 * Where a destination without `<>` ends: at a blank, or at a `)` that closes no `(` of its own; an escape takes the
 * next character with it. Past the end of the text when the text ends in an escape, as a character loop would be.
 */
function plainDestinationEnd(text: string, start: number): number {
  const significant = /[\\()\s]/g;
  significant.lastIndex = start;
  let depth = 0;
  let resume = start;
  for (let match = significant.exec(text); match !== null; match = significant.exec(text)) {
    const char = match[0];
    if (char === "\\") {
      resume = match.index + 2;
      significant.lastIndex = resume;
    } else if (char === "(") depth++;
    else if (char !== ")" || depth-- === 0) return match.index;
  }
  return Math.max(resume, text.length);
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
