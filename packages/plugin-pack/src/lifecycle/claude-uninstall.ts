/**
 * Claude Code's side of `uninstall --host claude-code`, as `claude plugin uninstall` (2.1.332) does it: the plugin's
 * record in `plugins/installed_plugins.json` and its key in settings.json's `enabledPlugins` go, each file edited in
 * place (only that property is removed) and written atomically. Claude Code leaves the installed copy in
 * `plugins/cache/<marketplace>/<plugin>/`, marked orphaned; uninstall deletes it, since nothing uses it any more.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isRecord, readTextFile } from "@agent-plugin/core";
import { applyEdits, modify } from "jsonc-parser";
import { PackError } from "../errors.js";
import { writeConfigAtomic } from "./config-write.js";
import { readClaudeSettings, type ClaudeSettings } from "./claude-settings.js";
import type { PluginRef } from "./plugin-ref.js";

export interface ClaudeInstall {
  dir: string;
  settings: ClaudeSettings;
  installed: { file: string; text: string; value: Record<string, unknown> } | undefined;
}

/** Reads both files before anything is written, so a malformed one stops the whole uninstall. */
export function readClaudeInstall(dir: string): ClaudeInstall {
  const file = join(dir, "plugins", "installed_plugins.json");
  const read = readTextFile(file);
  let installed: ClaudeInstall["installed"];
  if (read.ok) {
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch {
      value = undefined;
    }
    if (!isRecord(value))
      throw new PackError(
        `${file} is not a valid JSON object: fix it (Claude Code cannot read it either); nothing was uninstalled`,
        file,
      );
    installed = { file, text: read.text, value };
  } else if (read.reason !== "not-found") throw new PackError(`cannot read ${file}: it ${read.message}`, file);
  return { dir, settings: readClaudeSettings(dir), installed };
}

/** Removes the plugin from Claude Code; returns what was removed. */
export function removeClaudePlugin(install: ClaudeInstall, ref: PluginRef): string[] {
  const removed: string[] = [];
  const plugins = install.installed?.value.plugins;
  if (install.installed !== undefined && isRecord(plugins) && ref.id in plugins) {
    writeConfigAtomic(install.installed.file, without(install.installed.text, ["plugins", ref.id]));
    removed.push(`plugins["${ref.id}"] in ${install.installed.file}`);
  }
  const enabled = install.settings.value.enabledPlugins;
  if (isRecord(enabled) && ref.id in enabled) {
    writeConfigAtomic(install.settings.file, without(install.settings.text, ["enabledPlugins", ref.id]));
    removed.push(`enabledPlugins["${ref.id}"] in ${install.settings.file}`);
  }
  const cache = join(install.dir, "plugins", "cache", ref.marketplace, ref.plugin);
  if (existsSync(cache)) {
    rmSync(cache, { recursive: true, force: true });
    removed.push(cache);
  }
  return removed;
}

function without(text: string, path: string[]): string {
  return applyEdits(text, modify(text, path, undefined, {}));
}
