/** Bad flags, a missing path, an invalid config: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
