// The parsed manifest as the manifest checks see it, and how they name and read its fields.
import { describePath, isRecord, type JsonDocument, type PointerSegment } from "@agent-plugin/core";

/** A manifest that parsed to a JSON object. */
export interface Manifest {
  path: string;
  doc: JsonDocument;
  value: Record<string, unknown>;
}

/** A string in the manifest and where it is. */
export interface StringAt {
  text: string;
  path: PointerSegment[];
}

/** A field's name for messages, without the quotes `describePath` adds: `interface.screenshots[0]`. */
export function fieldName(path: readonly PointerSegment[]): string {
  return describePath(path).slice(1, -1);
}

export function valueAt(value: unknown, path: readonly PointerSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}
