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

/** Replaces the given ranges with spaces, keeping line breaks so offsets and lines stay put. */
export function blankRanges(text: string, ranges: readonly [number, number][]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  // Parts joined once: a string grown with += is a deep chain of pieces, and every later character read walks it.
  const parts: string[] = [];
  let cursor = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, cursor);
    if (end <= from) continue;
    parts.push(text.slice(cursor, from), text.slice(from, end).replace(/[^\r\n]/g, " "));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}
