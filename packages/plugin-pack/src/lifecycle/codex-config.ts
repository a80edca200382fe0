/**
 * What Codex has installed and enabled, from `$CODEX_HOME`: config.toml's `[plugins."<plugin>@<marketplace>"]`
 * tables (`enabled = true|false`) and `[marketplaces.<name>]` tables, and the installed copies in
 * `plugins/cache/<marketplace>/<plugin>/<version>/`. Codex 0.171 lists a plugin as installed only when it has both
 * its table and its copy. Every write goes through a temporary file and a rename, with the file's mode.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isRecord, readTextFile } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { PluginRef } from "./plugin-ref.js";
import { editToml, parseToml } from "./toml-edit.js";

export interface CodexConfig {
  home: string;
  file: string;
  /** The text, or "" when there is no config.toml yet. */
  text: string;
  exists: boolean;
  value: Record<string, unknown>;
}

export async function readCodexConfig(home: string): Promise<CodexConfig> {
  const file = join(home, "config.toml");
  const read = readTextFile(file);
  if (!read.ok) {
    if (read.reason === "not-found") return { home, file, text: "", exists: false, value: {} };
    throw new PackError(`cannot read ${file}: it ${read.message}`, file);
  }
  return { home, file, text: read.text, exists: true, value: await parseToml(read.text, file) };
}

/** The `[plugins."<id>"]` table, or undefined. */
export function codexPluginTable(config: CodexConfig, id: string): Record<string, unknown> | undefined {
  const plugins = config.value.plugins;
  const table = isRecord(plugins) ? plugins[id] : undefined;
  return isRecord(table) ? table : undefined;
}

/** Every `[plugins."…"]` id in the file. */
export function codexPluginIds(config: CodexConfig): string[] {
  const plugins = config.value.plugins;
  return isRecord(plugins) ? Object.keys(plugins).filter((id) => isRecord(plugins[id])) : [];
}

/** A local marketplace's root folder from `[marketplaces.<name>]` (source_type "local"), else undefined. */
export function codexMarketplaceRoot(config: CodexConfig, name: string): string | undefined {
  const marketplaces = config.value.marketplaces;
  const table = isRecord(marketplaces) ? marketplaces[name] : undefined;
  if (!isRecord(table) || table.source_type !== "local" || typeof table.source !== "string") return undefined;
  return table.source;
}

/** The folder that holds Codex's installed copies of a plugin, one per version. */
export function codexCacheFolder(home: string, ref: PluginRef): string {
  return join(home, "plugins", "cache", ref.marketplace, ref.plugin);
}

/** The installed version (the newest folder name in the cache), or undefined when there is no copy. */
export function codexInstalledVersion(home: string, ref: PluginRef): string | undefined {
  const folder = codexCacheFolder(home, ref);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => !name.startsWith(".") && statSync(join(folder, name)).isDirectory());
  } catch {
    return undefined;
  }
  return names.sort().at(-1);
}

/** Key path of the table: the id is quoted, so its `@` and `.` stay inside one key. */
export function codexPluginPath(id: string, key?: string): string {
  return `plugins.${JSON.stringify(id)}${key === undefined ? "" : `.${key}`}`;
}

/** Sets `enabled` in the plugin's table, editing only that value. */
export async function setCodexEnabled(config: CodexConfig, id: string, enabled: boolean): Promise<string> {
  return editToml(config.text, codexPluginPath(id, "enabled"), enabled);
}

/** Removes the plugin's table. */
export async function removeCodexPlugin(config: CodexConfig, id: string): Promise<string> {
  return editToml(config.text, codexPluginPath(id), undefined);
}
