/** A missing or invalid flag, a folder that is not empty, a duplicate marketplace entry: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Something on disk got in the way (a read-only folder, an unreadable marketplace file): exit 1. */
export class CreateError extends Error {
  override name = "CreateError";
}
