import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The first of `candidates` (URLs relative to `from`, a module's `import.meta.url`) that exists. A bundled module runs
 * from dist/ or from a chunk in dist/chunks/, and from src/ in tests, so a file shipped beside the bundle (a worker, a
 * vendored library, generated validators) is looked for from each.
 */
export function firstFileBeside(from: string | URL, candidates: readonly string[]): URL | undefined {
  for (const candidate of candidates) {
    const url = new URL(candidate, from);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
