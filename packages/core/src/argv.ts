/**
 * The first sentence of an argv parsing error from node:util's parseArgs. Node's messages run over
 * several lines with advice about `--`; a CLI prints one line, so this is the part worth showing.
 */
export function argvErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/\. To specify .*$/, "").replace(/\.$/, "");
}

/** The one-line report of an unexpected error: says it is a bug and how to report it, never a stack. */
export function internalErrorText(tool: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${tool}: internal error: ${message}\nThis is a bug in ${tool}; please report it with the command you ran.\n`;
}
