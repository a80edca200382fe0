/**
 * `plugin-pack enable|disable <plugin>@<marketplace> --host codex|claude-code`: the reversible switch. Codex: the
 * `enabled` value of config.toml's `[plugins."<id>"]` table; Claude Code: `enabledPlugins["<id>"]` in its
 * settings.json. Only that value changes; a plugin the host has not installed is refused (enabling it would not
 * install it), and so is a file the host could not read either. A change is recorded in the audit log.
 */
import { UsageError } from "@agent-plugin/core";
import { appendAudit, chainLink, refuseBrokenAuditLog } from "../audit/index.js";
import { PackError } from "../errors.js";
import { writeConfigAtomic } from "./config-write.js";
import { claudeEnabled, claudeInstalled, readClaudeSettings, setClaudeEnabled } from "./claude-settings.js";
import {
  codexCacheFolder,
  codexInstalledVersion,
  codexPluginTable,
  readCodexConfig,
  setCodexEnabled,
} from "./codex-config.js";
import { claudeConfigDir, codexHome, LIFECYCLE_HOSTS, type LifecycleHost } from "./host-homes.js";
import { parsePluginRef } from "./plugin-ref.js";

export interface EnableOptions {
  host: string | undefined;
  /** HOME, CODEX_HOME and CLAUDE_CONFIG_DIR, and the audit actor; default process.env. */
  env?: NodeJS.ProcessEnv;
  auditLog?: string;
}

export interface EnableReport {
  action: "enable" | "disable";
  host: LifecycleHost;
  plugin: string;
  /** The file that holds the switch. */
  file: string;
  version: string | null;
  /** Whether it was enabled before; the file is written only when this differs. */
  was: boolean;
  changed: boolean;
  audit?: { file: string; seq: number; hash: string };
}

export function hostOption(host: string | undefined, command: string): LifecycleHost {
  if (host === undefined) throw new UsageError(`${command} needs --host codex or --host claude-code`);
  if (!(LIFECYCLE_HOSTS as readonly string[]).includes(host))
    throw new UsageError(`--host must be codex or claude-code, not "${host}"`);
  return host as LifecycleHost;
}

export async function setEnabled(target: string, enabled: boolean, options: EnableOptions): Promise<EnableReport> {
  const action = enabled ? "enable" : "disable";
  const ref = parsePluginRef(target, action);
  const host = hostOption(options.host, action);
  const env = options.env ?? process.env;
  if (options.auditLog !== undefined) refuseBrokenAuditLog(options.auditLog, "nothing was changed");
  let report: EnableReport;
  if (host === "codex") {
    const config = await readCodexConfig(codexHome(env));
    const table = codexPluginTable(config, ref.id);
    const version = codexInstalledVersion(config.home, ref);
    if (table === undefined || version === undefined)
      throw new PackError(
        `${ref.id} is not installed in Codex (${table === undefined ? `${config.file} has no [plugins."${ref.id}"] table` : `${codexCacheFolder(config.home, ref)} holds no installed copy`}): install it with codex plugin add ${ref.id}; nothing was changed`,
        config.file,
      );
    // Codex treats a table without `enabled` as enabled.
    const was = table.enabled !== false;
    report = { action, host, plugin: ref.id, file: config.file, version, was, changed: was !== enabled };
    if (report.changed) writeConfigAtomic(config.file, await setCodexEnabled(config, ref.id, enabled));
  } else {
    const dir = claudeConfigDir(env);
    const installed = claudeInstalled(dir).get(ref.id);
    const settings = readClaudeSettings(dir);
    if (installed === undefined)
      throw new PackError(
        `${ref.id} is not installed in Claude Code (${dir}/plugins/installed_plugins.json does not list it): install it with claude plugin install ${ref.id}; nothing was changed`,
        settings.file,
      );
    const was = claudeEnabled(settings, ref.id) === true;
    report = {
      action,
      host,
      plugin: ref.id,
      file: settings.file,
      version: installed.version ?? null,
      was,
      changed: was !== enabled || claudeEnabled(settings, ref.id) === undefined,
    };
    if (report.changed) writeConfigAtomic(settings.file, setClaudeEnabled(settings, ref.id, enabled));
  }
  if (report.changed && options.auditLog !== undefined)
    report.audit = chainLink(
      options.auditLog,
      await appendAudit(
        options.auditLog,
        {
          action,
          host,
          plugin: ref.plugin,
          marketplace: ref.marketplace,
          from: report.version,
          to: report.version,
          archiveSha256: null,
          keyId: null,
          policy: null,
        },
        { env },
      ),
    );
  return report;
}
