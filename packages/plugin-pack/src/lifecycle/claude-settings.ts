/**
 * What Claude Code has installed and enabled, from `$CLAUDE_CONFIG_DIR` (2.1.332, checked with its own
 * `claude plugin enable/disable`): `settings.json`'s `enabledPlugins` (`"<plugin>@<marketplace>": true|false`),
 * `plugins/installed_plugins.json` (`plugins["<id>"]`: one record per scope, with its version) and
 * `plugins/known_marketplaces.json` (each marketplace's source). Claude Code rewrites settings.json whole; this
 * edits only the one value, keeping the file's layout.
 */
import { join } from "node:path";
import { isRecord, parseJsonTree, readTextFile, replaceJsonScalar, setJsonProperty } from "@agent-plugin/core";
import { PackError } from "../errors.js";

export interface ClaudeSettings {
  dir: string;
  file: string;
  text: string;
  exists: boolean;
  value: Record<string, unknown>;
}

export function readClaudeSettings(dir: string): ClaudeSettings {
  const file = join(dir, "settings.json");
  const read = readJsonFile(file);
  return read === undefined
    ? { dir, file, text: "", exists: false, value: {} }
    : { dir, file, text: read.text, exists: true, value: read.value };
}

/** `enabledPlugins[id]`: true, false, or undefined when the settings do not name the plugin. */
export function claudeEnabled(settings: ClaudeSettings, id: string): boolean | undefined {
  const enabled = settings.value.enabledPlugins;
  const value = isRecord(enabled) ? enabled[id] : undefined;
  return typeof value === "boolean" ? value : undefined;
}

/** Sets `enabledPlugins[id]`, adding the object or the key when missing. */
export function setClaudeEnabled(settings: ClaudeSettings, id: string, enabled: boolean): string {
  if (!settings.exists) return `${JSON.stringify({ enabledPlugins: { [id]: enabled } }, null, 2)}\n`;
  if (isRecord(settings.value.enabledPlugins)) {
    if (id in settings.value.enabledPlugins) return replaceJsonScalar(settings.text, ["enabledPlugins", id], enabled);
    return setJsonProperty(settings.text, ["enabledPlugins"], id, String(enabled));
  }
  return setJsonProperty(settings.text, [], "enabledPlugins", `{ ${JSON.stringify(id)}: ${enabled} }`);
}

/** Installed plugins by id, each with the version of its first install record. */
export function claudeInstalled(dir: string): Map<string, { version: string | undefined; installPath?: string }> {
  const read = readJsonFile(join(dir, "plugins", "installed_plugins.json"));
  const installed = new Map<string, { version: string | undefined; installPath?: string }>();
  const plugins = read?.value.plugins;
  if (!isRecord(plugins)) return installed;
  for (const [id, records] of Object.entries(plugins)) {
    const first = Array.isArray(records) && isRecord(records[0]) ? records[0] : {};
    installed.set(id, {
      version: typeof first.version === "string" ? first.version : undefined,
      ...(typeof first.installPath === "string" ? { installPath: first.installPath } : {}),
    });
  }
  return installed;
}

/** A directory marketplace's root folder from known_marketplaces.json, else undefined. */
export function claudeMarketplaceRoot(dir: string, name: string): string | undefined {
  const known = readJsonFile(join(dir, "plugins", "known_marketplaces.json"))?.value[name];
  const source = isRecord(known) && isRecord(known.source) ? known.source : undefined;
  return source?.source === "directory" && typeof source.path === "string" ? source.path : undefined;
}

/** A JSON object file, undefined when missing; anything else is refused with the file named. */
function readJsonFile(file: string): { text: string; value: Record<string, unknown> } | undefined {
  const read = readTextFile(file);
  if (!read.ok) {
    if (read.reason === "not-found") return undefined;
    throw new PackError(`cannot read ${file}: it ${read.message}`, file);
  }
  const tree = parseJsonTree(read.text);
  let value: unknown;
  try {
    value = tree === undefined ? undefined : JSON.parse(read.text);
  } catch {
    value = undefined;
  }
  if (!isRecord(value))
    throw new PackError(
      `${file} is not a valid JSON object: fix it (Claude Code cannot read it either); nothing was changed`,
      file,
    );
  return { text: read.text, value };
}
