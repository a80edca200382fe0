import type { Position, Span } from "./diagnostic.js";

/**
 * Maps character offsets in a text to 1-based line/column positions. The line starts are found when first asked for:
 * every file a lint parses gets an index, and only those with a finding use it.
 */
export class LineIndex {
  #text: string | undefined;
  #starts: number[] | undefined;
  /** 1 when the text starts with a byte order mark, which editors do not show as a column. */
  readonly #bom: number;
  readonly length: number;

  constructor(text: string) {
    this.#text = text;
    this.#bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.length = text.length;
  }

  get #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const text = this.#text ?? "";
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.#starts = starts;
    // The text is no longer needed once its line starts are known.
    this.#text = undefined;
    return starts;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  position(offset: number): Position {
    const starts = this.#lineStarts;
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    const bomShift = low === 0 && clamped > 0 ? this.#bom : 0;
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 - bomShift };
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    const starts = this.#lineStarts;
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
  }
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate within a small distance, compared case-insensitively. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(input.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
