/**
 * Where an upgrade keeps the version it replaced, for `rollback`: `<marketplace root>/.agent-plugin/previous/<name>/`,
 * the replaced `plugins/<name>/` folder byte for byte. One version per plugin: the next upgrade replaces it,
 * a rollback or an uninstall removes it.
 */
import { join } from "node:path";

export const PREVIOUS_FOLDER = ".agent-plugin/previous";

export function previousFolder(marketplaceRoot: string, plugin: string): string {
  return join(marketplaceRoot, PREVIOUS_FOLDER, plugin);
}
