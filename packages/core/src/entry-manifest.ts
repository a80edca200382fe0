// A Claude Code marketplace entry that defines its plugin: Claude Code reads the entry's fields as the plugin's
// manifest when the plugin folder has no `.claude-plugin/plugin.json` (with `strict: false`, or components in the
// entry). The entry is given to the plugin's checks as a document of its own whose positions are in the marketplace
// file.
import { findNodeAtLocation } from "jsonc-parser";
import type { JsonDocument } from "./parse/json.js";

/** Fields of a Claude Code marketplace entry that are not manifest fields: where the plugin is, and how it is listed. */
export const ENTRY_ONLY_FIELDS: readonly string[] = ["source", "strict", "category", "tags", "relevance"];

/** The part of a parsed JSON file at `path`, as a document: same text and lines, positions unchanged. */
export function jsonSubDocument(doc: JsonDocument, path: readonly (string | number)[]): JsonDocument | undefined {
  const node = doc.root === undefined ? undefined : findNodeAtLocation(doc.root, [...path]);
  if (node === undefined) return undefined;
  let value: unknown = doc.value;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return { ...doc, root: node, value, problems: [] };
}
