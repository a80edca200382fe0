import { join } from "node:path";
import { hasAgentPluginsManifest, isRecord, readTextFile } from "@agent-plugin/core";
import { CODEX_MANIFEST, PORTABLE_MANIFEST } from "../install/index.js";

/** The version a plugin folder declares (the standard's root plugin.json first, as Codex 0.171 reads it), or undefined. */
export function folderVersion(folder: string, manifests: readonly string[] = [CODEX_MANIFEST]): string | undefined {
  const paths = hasAgentPluginsManifest(folder) ? [PORTABLE_MANIFEST, ...manifests] : manifests;
  for (const path of paths) {
    const read = readTextFile(join(folder, path));
    if (!read.ok) continue;
    try {
      const value: unknown = JSON.parse(read.text.replace(/^\uFEFF/, ""));
      if (isRecord(value) && typeof value.version === "string") return value.version;
    } catch {
      // An unreadable manifest declares no version.
    }
  }
  return undefined;
}
