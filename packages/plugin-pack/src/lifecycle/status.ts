/**
 * `plugin-pack status`: what each host has installed and enabled, next to what the marketplace it came from lists
 * now, so drift between machines and surfaces shows: a marketplace that moved on (outdated), a plugin it no longer
 * lists (not-listed), a plugin installed but disabled. Read only; nothing is written.
 */
import { join, resolve } from "node:path";
import { CODEX_MARKETPLACE_PATH, isRecord, localSourcePath, readTextFile } from "@agent-plugin/core";
import { CODEX_MANIFEST } from "../install/index.js";
import { claudeEnabled, claudeInstalled, claudeMarketplaceRoot, readClaudeSettings } from "./claude-settings.js";
import {
  codexInstalledVersion,
  codexMarketplaceRoot,
  codexPluginIds,
  codexPluginTable,
  readCodexConfig,
} from "./codex-config.js";
import { hostOption } from "./enable.js";
import { folderVersion } from "./folder-version.js";
import { claudeConfigDir, codexHome, LIFECYCLE_HOSTS, type LifecycleHost } from "./host-homes.js";

export type PluginState = "in-sync" | "outdated" | "not-listed" | "not-installed" | "unknown";

export interface PluginStatus {
  plugin: string;
  installed: string | null;
  enabled: boolean;
  /** The version the marketplace lists now (its entry's, else its folder's), or null when unknown. */
  listed: string | null;
  state: PluginState;
  /** Why the state is what it is, for the unknown ones. */
  detail?: string;
}

export interface HostStatus {
  host: LifecycleHost;
  /** CODEX_HOME or CLAUDE_CONFIG_DIR. */
  home: string;
  plugins: PluginStatus[];
}

export interface StatusReport {
  hosts: HostStatus[];
  /** Plugins outdated, no longer listed or not installed: what `status` exits 1 for. */
  drift: number;
}

export async function status(options: { host?: string; env?: NodeJS.ProcessEnv }): Promise<StatusReport> {
  const env = options.env ?? process.env;
  const hosts =
    options.host === undefined || options.host === "all" ? LIFECYCLE_HOSTS : [hostOption(options.host, "status")];
  const report: StatusReport = { hosts: [], drift: 0 };
  for (const host of hosts) report.hosts.push(host === "codex" ? await codexStatus(env) : claudeStatus(env));
  report.drift = report.hosts
    .flatMap((host) => host.plugins)
    .filter((plugin) => ["outdated", "not-listed", "not-installed"].includes(plugin.state)).length;
  return report;
}

async function codexStatus(env: NodeJS.ProcessEnv): Promise<HostStatus> {
  const config = await readCodexConfig(codexHome(env));
  const plugins = codexPluginIds(config).map((id): PluginStatus => {
    const [plugin = "", marketplace = ""] = id.split("@");
    const installed = codexInstalledVersion(config.home, { plugin, marketplace, id }) ?? null;
    const enabled = codexPluginTable(config, id)?.enabled !== false;
    const root = codexMarketplaceRoot(config, marketplace);
    const listed = root === undefined ? undefined : listedVersion(root, CODEX_MARKETPLACE_PATH, plugin, CODEX_MANIFEST);
    return judge(
      id,
      installed,
      enabled,
      listed,
      root === undefined ? `marketplace ${marketplace} is not a local folder` : undefined,
    );
  });
  return { host: "codex", home: config.home, plugins };
}

function claudeStatus(env: NodeJS.ProcessEnv): HostStatus {
  const dir = claudeConfigDir(env);
  const settings = readClaudeSettings(dir);
  const plugins = [...claudeInstalled(dir)].map(([id, record]): PluginStatus => {
    const [plugin = "", marketplace = ""] = id.split("@");
    const root = claudeMarketplaceRoot(dir, marketplace);
    const listed =
      root === undefined
        ? undefined
        : listedVersion(root, ".claude-plugin/marketplace.json", plugin, ".claude-plugin/plugin.json");
    return judge(
      id,
      record.version ?? null,
      claudeEnabled(settings, id) === true,
      listed,
      root === undefined ? `marketplace ${marketplace} is not a local folder` : undefined,
    );
  });
  return { host: "claude-code", home: dir, plugins };
}

function judge(
  plugin: string,
  installed: string | null,
  enabled: boolean,
  listed: string | null | undefined,
  unknown: string | undefined,
): PluginStatus {
  const base = { plugin, installed, enabled, listed: listed ?? null };
  if (installed === null)
    return { ...base, state: "not-installed", detail: "the host's config names it, but it has no installed copy" };
  if (listed === undefined) return { ...base, state: "unknown", detail: unknown ?? "its marketplace cannot be read" };
  if (listed === null) return { ...base, state: "not-listed" };
  return { ...base, state: listed === installed ? "in-sync" : "outdated" };
}

/**
 * The version a local marketplace lists for a plugin: its entry's `version`, else the manifest in the entry's
 * folder. null when the marketplace does not list the plugin, undefined when the marketplace cannot be read.
 */
function listedVersion(root: string, file: string, plugin: string, manifest: string): string | null | undefined {
  const read = readTextFile(join(root, file));
  if (!read.ok) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(read.text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
  const entries = isRecord(value) && Array.isArray(value.plugins) ? value.plugins : [];
  const entry = entries.find((item) => isRecord(item) && item.name === plugin) as Record<string, unknown> | undefined;
  if (entry === undefined) return null;
  if (typeof entry.version === "string") return entry.version;
  const path = typeof entry.source === "string" ? entry.source : localSourcePath(entry.source);
  return path === undefined ? undefined : (folderVersion(resolve(root, path), [manifest]) ?? undefined);
}
