// Small text helpers shared by several rule families: measuring the way the hosts measure, and editing text
// without moving offsets.

/** Lowercase kebab-case: a-z, 0-9 and single hyphens, not at the start or end. */
export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A scheme followed by `//`: `https://...`, `git+ssh://...`. */
const URL_PREFIX = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isUrl(text: string): boolean {
  return URL_PREFIX.test(text);
}

/** Whitespace collapsed the way Codex does before measuring (`split_whitespace().join(" ")`). */
export function collapseWhitespace(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(" ");
}

/** Characters as Rust's `chars().count()` counts them: code points. */
export function characterCount(text: string): number {
  return [...text].length;
}

/** `decodeURIComponent`, or the text unchanged when it is not valid percent-encoding. */
export function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** As many spaces as the text has characters (UTF-16 code units, as offsets count them). */
const spaces = (run: string): string => " ".repeat(run.length);

/** Replaces the given ranges with spaces, keeping line breaks so offsets and lines stay put. */
export function blankRanges(text: string, ranges: readonly [number, number][]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  // Parts joined once: a string grown with += is a deep chain of pieces, and every later character read walks it.
  const parts: string[] = [];
  // The next line break at or after the cursor, so a range on one line (most inline code) is a run of spaces without
  // a regular expression; found again only once passed, so the whole call stays linear.
  const nextBreak = { "\n": -1, "\r": -1 };
  const breakFrom = (char: "\n" | "\r", from: number): number => {
    if (nextBreak[char] !== text.length && nextBreak[char] < from) {
      const found = text.indexOf(char, from);
      nextBreak[char] = found === -1 ? text.length : found;
    }
    return nextBreak[char];
  };
  let cursor = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, cursor);
    if (end <= from) continue;
    const stop = Math.min(end, text.length);
    parts.push(text.slice(cursor, from));
    if (breakFrom("\n", from) < stop || breakFrom("\r", from) < stop)
      parts.push(text.slice(from, end).replace(/[^\r\n]+/g, spaces));
    else if (stop > from) parts.push(" ".repeat(stop - from));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}
