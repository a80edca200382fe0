// A marketplace file and its `plugins[]` entries, as every marketplace check reads them.
import {
  isRecord,
  type JsonDocument,
  type MarketplaceModel,
  type PluginModel,
  type PointerSegment,
} from "@agent-plugin/core";

/** A marketplace.json whose value parsed. */
export interface MarketplaceFile {
  path: string;
  doc: JsonDocument;
}

/** One `plugins[]` item, with the plugin its local source loaded (when it did). */
export interface Entry {
  index: number;
  raw: unknown;
  name?: string;
  plugin?: PluginModel;
}

export const entryPointer = (index: number, ...rest: PointerSegment[]): PointerSegment[] => ["plugins", index, ...rest];

export const pointerKey = (path: readonly PointerSegment[]): string => path.map(String).join("/");

export function readEntries(marketplace: MarketplaceModel): Entry[] {
  const value = marketplace.file?.doc.value;
  const plugins = isRecord(value) && Array.isArray(value.plugins) ? value.plugins : [];
  return plugins.map((raw, index) => {
    const loaded = marketplace.entries.find((e) => e.index === index);
    const entry: Entry = { index, raw };
    if (isRecord(raw) && typeof raw.name === "string") entry.name = raw.name;
    if (loaded?.plugin) entry.plugin = loaded.plugin;
    return entry;
  });
}
