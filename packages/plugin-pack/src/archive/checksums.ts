import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "@agent-plugin/core/model";

export const CHECKSUMS_FILE = "SHA256SUMS";

/**
 * Adds or replaces one archive's line in `SHA256SUMS` (coreutils format: `<hex>  <name>`, sorted by name),
 * so `sha256sum -c SHA256SUMS` checks every release asset in the folder.
 */
export function recordChecksum(outDir: string, fileName: string, sha256: string): string {
  const path = join(outDir, CHECKSUMS_FILE);
  const lines = new Map<string, string>();
  try {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
      if (match) lines.set(match[2]!, match[1]!);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  lines.set(fileName, sha256);
  const sorted = [...lines.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileAtomic(path, sorted.map(([name, hex]) => `${hex}  ${name}\n`).join(""));
  return path;
}
