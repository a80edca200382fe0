/**
 * The first sentence of an argv parsing error from node:util's parseArgs. Node's messages run over
 * several lines with advice about `--`; a CLI prints one line, so this is the part worth showing.
 */
export function argvErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/\. To specify .*$/, "").replace(/\.$/, "");
}
