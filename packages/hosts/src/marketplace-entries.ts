import { isRecord, locate, parseJson } from "@agent-plugin/core";
import { resolve } from "node:path";

/** One plugin entry of a marketplace file, as the file declares it. */
export interface MarketplaceEntry {
  name: string;
  /** Its position in the `plugins` list. */
  index: number;
  /** The first and last line of the entry in the file. */
  lines: [number, number];
  /** The absolute folder of a local source (a path string, or a `local` source object). */
  dir?: string;
  /** The kind of a source that is not local: `git-subdir`, `github`, `npm`, `url`... */
  remote?: string;
  /** The entry's other fields. */
  fields: Record<string, unknown>;
}

/**
 * The entries a marketplace file declares, with a string name each, in file order. Undefined when the text is not a
 * JSON object with a plugin list.
 */
export function marketplaceEntries(text: string, marketplaceDir: string): MarketplaceEntry[] | undefined {
  const doc = parseJson(text);
  if (!isRecord(doc.value) || !Array.isArray(doc.value.plugins)) return undefined;
  return doc.value.plugins.flatMap((entry: unknown, index: number): MarketplaceEntry[] => {
    if (!isRecord(entry) || typeof entry.name !== "string") return [];
    const key = locate(doc, ["plugins", index], "value");
    const lines: [number, number] = [
      doc.lines.position(key.offset).line,
      doc.lines.position(key.offset + key.length).line,
    ];
    const { name, source, ...fields } = entry;
    const path = typeof source === "string" ? source : isRecord(source) && source.source === "local" ? source.path : "";
    if (typeof path === "string" && path !== "") {
      return [{ name, index, lines, dir: resolve(marketplaceDir, path), fields }];
    }
    const remote = isRecord(source) && typeof source.source === "string" ? source.source : typeof source;
    return [{ name, index, lines, remote, fields }];
  });
}
