/** Bad flags, a missing path, an invalid config: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A report or a fix that cannot be written (a read-only folder, a full disk): exit 2. */
export class WriteError extends Error {
  override name = "WriteError";
}
