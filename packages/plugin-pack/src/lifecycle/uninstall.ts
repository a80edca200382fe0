/**
 * `plugin-pack uninstall <plugin>@<marketplace>`: takes back what `install` put into the marketplace (its entry, its
 * `plugins/<plugin>/` folder and the version kept for rollback) as one step: the folders are renamed aside, the
 * marketplace written, and only then deleted; a failure puts them back. With `--host codex` it also removes Codex's
 * install of it (config.toml's table and the installed copy), as `codex plugin remove` does; with
 * `--host claude-code` Claude Code's (its `enabledPlugins` key, its installed_plugins.json record and its copy), as
 * `claude plugin uninstall` does (which leaves the copy, marked orphaned; this deletes it). It reports what stays
 * authorised (app connectors, sign-ins, tokens) and where to revoke it: uninstalling is not deauthorising.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { isRecord } from "@agent-plugin/core";
import { applyEdits, modify } from "jsonc-parser";
import { appendAudit, chainLink, refuseBrokenAuditLog } from "../audit/index.js";
import { PackError } from "../errors.js";
import { writeConfigAtomic } from "./config-write.js";
import { locateMarketplace, lockMarketplace, previousFolder, shownOf, writeMarketplace } from "../install/index.js";
import { inspect } from "../report/index.js";
import {
  codexCacheFolder,
  codexInstalledVersion,
  codexPluginTable,
  readCodexConfig,
  removeCodexPlugin,
} from "./codex-config.js";
import { hostOption } from "./enable.js";
import { folderVersion } from "./folder-version.js";
import { marketplaceName } from "./marketplace-name.js";
import { readClaudeInstall, removeClaudePlugin } from "./claude-uninstall.js";
import { claudeConfigDir, codexHome, type LifecycleHost } from "./host-homes.js";
import { parsePluginRef } from "./plugin-ref.js";
import { stillAuthorised, type StillAuthorised } from "./still-authorised.js";

export interface UninstallOptions {
  marketplace?: string;
  /** Also remove the plugin from this host's installs: codex or claude-code. */
  host?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  auditLog?: string;
}

export interface UninstallReport {
  plugin: string;
  version: string | null;
  marketplace: { root: string; file: string };
  removed: string[];
  /** The host's install that was removed too: what was removed (empty when the host had not installed it). */
  host: { host: LifecycleHost; removed: string[] } | null;
  stillAuthorised: StillAuthorised[];
  audit?: { file: string; seq: number; hash: string };
  notes: string[];
}

export async function uninstall(target: string | undefined, options: UninstallOptions): Promise<UninstallReport> {
  const ref = parsePluginRef(target, "uninstall");
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const host = options.host === undefined ? undefined : hostOption(options.host, "uninstall");
  const first = locateMarketplace(options.marketplace, cwd);
  if (options.auditLog !== undefined) refuseBrokenAuditLog(options.auditLog, "nothing was uninstalled");
  // Read and check the host's files before writing anything: a malformed one stops the whole uninstall.
  const codex = host === "codex" ? await readCodexConfig(codexHome(env)) : undefined;
  const claude = host === "claude-code" ? readClaudeInstall(claudeConfigDir(env)) : undefined;
  const lock = await lockMarketplace(first.root, shownOf(cwd, first.root));
  try {
    const market = locateMarketplace(options.marketplace, cwd);
    const name = marketplaceName(market.text);
    if (name !== ref.marketplace)
      throw new PackError(
        `${market.shown} is marketplace "${name ?? "(no name)"}", not "${ref.marketplace}": give --marketplace the root of ${ref.marketplace}; nothing was uninstalled`,
        market.file,
      );
    const index = market.entries.findIndex((entry) => isRecord(entry) && entry.name === ref.plugin);
    const folder = join(market.root, "plugins", ref.plugin);
    if (index === -1)
      throw new PackError(
        `${market.shown} lists no plugin "${ref.plugin}"${existsSync(folder) ? ` (${shownOf(cwd, folder)} exists, but no entry names it: remove it by hand)` : ""}; nothing was uninstalled`,
        market.file,
      );
    const version = existsSync(folder) ? (folderVersion(folder) ?? null) : null;
    const left = existsSync(folder) ? await authorised(folder) : { left: [], note: undefined };
    const text = applyEdits(market.text!, modify(market.text!, ["plugins", index], undefined, {}));
    const folders = [folder, previousFolder(market.root, ref.plugin)].filter((path) => existsSync(path));
    const token = randomBytes(4).toString("hex");
    const asides = folders.map((path) => join(dirname(path), `.${ref.plugin}.uninstall-${token}`));
    moveAll(folders, asides, () => writeMarketplace(market, text));
    const notes = left.note === undefined ? [] : [left.note];
    for (const aside of asides) {
      try {
        rmSync(aside, { recursive: true, force: true });
      } catch (error) {
        notes.push(
          `could not delete ${shownOf(cwd, aside)} (${(error as NodeJS.ErrnoException).code}): remove it by hand`,
        );
      }
    }
    const report: UninstallReport = {
      plugin: ref.id,
      version,
      marketplace: { root: market.root, file: market.file },
      removed: [`${shownOf(cwd, market.file)} (entry "${ref.plugin}")`, ...folders.map((path) => shownOf(cwd, path))],
      host:
        codex !== undefined
          ? { host: "codex", removed: await removeFromCodex(codex, ref) }
          : claude !== undefined
            ? { host: "claude-code", removed: removeClaudePlugin(claude, ref) }
            : null,
      stillAuthorised: left.left,
      notes,
    };
    if (options.auditLog !== undefined)
      report.audit = chainLink(
        options.auditLog,
        await appendAudit(
          options.auditLog,
          {
            action: "uninstall",
            host: host ?? null,
            plugin: ref.plugin,
            marketplace: market.root,
            from: version,
            to: null,
            archiveSha256: null,
            keyId: null,
            policy: null,
          },
          { env },
        ),
      );
    return report;
  } finally {
    lock.release();
  }
}

async function authorised(folder: string): Promise<{ left: StillAuthorised[]; note: string | undefined }> {
  try {
    return { left: stillAuthorised(await inspect(folder, { cwd: dirname(folder) })), note: undefined };
  } catch (error) {
    return {
      left: [],
      note: `could not read what the plugin connects to (${(error as Error).message}): check its .app.json and .mcp.json for accounts to disconnect`,
    };
  }
}

/** Renames each folder aside, then commits; a failure renames everything back. */
function moveAll(folders: string[], asides: string[], commit: () => void): void {
  const moved: number[] = [];
  try {
    for (const [i, folder] of folders.entries()) {
      renameSync(folder, asides[i]!);
      moved.push(i);
    }
    commit();
  } catch (error) {
    for (const i of moved.reverse()) renameSync(asides[i]!, folders[i]!);
    const message =
      error instanceof PackError
        ? error.message
        : `cannot move ${folders[moved.length]} aside (${(error as NodeJS.ErrnoException).code})`;
    throw new PackError(`${message}; nothing was uninstalled`, folders[0]);
  }
}

/** Codex's side, as `codex plugin remove` does it: the config table, then the installed copies. */
async function removeFromCodex(
  config: Awaited<ReturnType<typeof readCodexConfig>>,
  ref: ReturnType<typeof parsePluginRef>,
): Promise<string[]> {
  const removed: string[] = [];
  if (codexPluginTable(config, ref.id) !== undefined) {
    writeConfigAtomic(config.file, await removeCodexPlugin(config, ref.id));
    removed.push(`[plugins."${ref.id}"] in ${config.file}`);
  }
  const cache = codexCacheFolder(config.home, ref);
  if (codexInstalledVersion(config.home, ref) !== undefined) removed.push(cache);
  rmSync(cache, { recursive: true, force: true });
  return removed;
}
