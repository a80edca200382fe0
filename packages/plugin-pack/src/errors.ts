/** Bad flags or arguments: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that cannot be packed, read or trusted (a broken plugin, a hostile archive, a bad key): exit 1 or 2 as the CLI decides. */
export class PackError extends Error {
  override name = "PackError";
  /** The file the problem is in, for the one-line message. */
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}
