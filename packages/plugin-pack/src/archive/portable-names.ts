/**
 * How Windows, macOS and case-insensitive Linux folders compare and accept file names: NFC, then Unicode
 * simple case folding (as NTFS and APFS compare; `ß` and `ss` stay distinct), trailing dots and spaces
 * dropped (Windows ignores them), and Windows' reserved device names and forbidden characters.
 */

const ASCII = /^[\u0000-\u007f]*$/;
const TRAILING_DOTS_AND_SPACES = /[. ]+$/;

/** One path segment as those file systems compare it. */
export function portableFold(segment: string): string {
  // ASCII, nearly every name: NFC leaves it as it is and its simple folding is its lower case.
  if (ASCII.test(segment)) return segment.toLowerCase().replace(TRAILING_DOTS_AND_SPACES, "");
  let folded = "";
  for (const char of segment.normalize("NFC")) folded += simpleFold(char);
  return folded.replace(TRAILING_DOTS_AND_SPACES, "");
}

/**
 * Simple case folding of one code point: the lower case of its single upper-case form (ς → Σ → σ,
 * µ → Μ → μ, ſ → S → s, K (Kelvin) → k). A code point whose upper case is several (ß → SS) or whose lower
 * case is several (İ → i̇) has no simple folding other than its own lower case, or itself.
 */
function simpleFold(char: string): string {
  const upper = char.toUpperCase();
  const viaUpper = [...upper].length === 1 ? upper.toLowerCase() : char.toLowerCase();
  return [...viaUpper].length === 1 ? viaUpper : char;
}

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Anything any segment check below could catch, tested once on the whole path: a forbidden character, a dot or a space
 * ending a segment, or a segment starting like a reserved name. Nearly every path has none, and needs no split.
 */
const MAYBE_UNWRITABLE = /[<>:"|?*]|[. ](?:\/|$)|(?:^|\/)(?:con|prn|aux|nul|com|lpt)/i;

/** Why `path` cannot be written on Windows, or undefined. */
export function windowsNameReason(path: string): string | undefined {
  if (!MAYBE_UNWRITABLE.test(path)) return undefined;
  for (const segment of path.split("/")) {
    if (/[<>:"|?*]/.test(segment))
      return `${JSON.stringify(segment)} holds a character Windows forbids in names (< > : " | ? *)`;
    if (/[. ]$/.test(segment)) return `${JSON.stringify(segment)} ends with a dot or a space, which Windows drops`;
    if (RESERVED.test(segment.trimEnd())) return `${JSON.stringify(segment)} is a reserved device name on Windows`;
  }
  return undefined;
}
