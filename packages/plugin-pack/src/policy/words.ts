/** A policy's list as a reader sees it in a reason: `a, b, c`, or `none` for an empty list. */
export function listed(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}
