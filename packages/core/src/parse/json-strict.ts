// The common case of a plugin's JSON files: strict JSON with nothing to report. JSON.parse reads it many times
// faster than the syntax tree parseJson builds for positions, so the tree waits until a finding needs it.

/**
 * The value of a text that is strict JSON with no duplicate key and at most `maxDepth` levels of nesting, built as
 * jsonc-parser's getNodeValue builds it (objects without a prototype); else undefined, and the caller parses it whole.
 */
export function readStrictJson(text: string, maxDepth: number): { value: unknown } | undefined {
  // A byte order mark is a finding, and "__proto__" is a key JSON.parse and getNodeValue store differently.
  if (text.charCodeAt(0) === 0xfeff || text.includes("__proto__")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const shape = measure(text);
  if (shape.depth > maxDepth) return undefined;
  const copy = { keys: 0 };
  const value = withoutPrototypes(parsed, copy);
  // JSON.parse keeps the last of duplicate keys: the value holds fewer keys than the text has members.
  return copy.keys === shape.members ? { value } : undefined;
}

/** The members (colons outside strings) and the deepest nesting of brackets of a text that is valid JSON. */
function measure(text: string): { members: number; depth: number } {
  let members = 0;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34) i = stringEnd(text, i);
    else if (char === 58) members++;
    else if (char === 123 || char === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 125 || char === 93) depth--;
  }
  return { members, depth: deepest };
}

/** The offset of the quote that closes the string opened at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
}

function withoutPrototypes(value: unknown, count: { keys: number }): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutPrototypes(item, count));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) {
    count.keys++;
    out[key] = withoutPrototypes((value as Record<string, unknown>)[key], count);
  }
  return out;
}
