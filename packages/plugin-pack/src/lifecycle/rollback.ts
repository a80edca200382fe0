/**
 * `plugin-pack rollback <plugin>`: puts back the version an upgrade replaced, kept in
 * `<marketplace>/.agent-plugin/previous/<plugin>/`, byte for byte (the folder is renamed, never copied), and sets the
 * marketplace entry's version when it carries one. The newer version is removed: a rollback is an explicit
 * downgrade, recorded in the audit log with the archive digest and key of the version it restores.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { isRecord, MarketplaceEditError, updateMarketplaceEntry, UsageError } from "@agent-plugin/core";
import { appendAudit, chainLink, readAuditChain, refuseBrokenAuditLog } from "../audit/index.js";
import { PackError } from "../errors.js";
import { locateMarketplace, lockMarketplace, previousFolder, shownOf, writeMarketplace } from "../install/index.js";
import { folderVersion } from "./folder-version.js";
import { marketplaceName } from "./marketplace-name.js";

export interface RollbackOptions {
  /** The marketplace root folder or its marketplace.json; default cwd. */
  marketplace?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  auditLog?: string;
}

export interface RollbackReport {
  plugin: string;
  marketplace: { root: string; file: string };
  folder: string;
  from: string;
  to: string;
  /** Whether the marketplace entry's `version` was set back too. */
  entryChanged: boolean;
  /** Digest and key of the restored version's archive, from the audit record of its install, when the log has one. */
  archiveSha256: string | null;
  keyId: string | null;
  audit?: { file: string; seq: number; hash: string };
  notes: string[];
}

export async function rollback(name: string | undefined, options: RollbackOptions): Promise<RollbackReport> {
  if (name === undefined || !/^[A-Za-z0-9_-]+$/.test(name))
    throw new UsageError(
      `rollback needs the plugin's name, as in plugins/<name>${name === undefined ? "" : `, not "${name}"`}`,
    );
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const first = locateMarketplace(options.marketplace, cwd);
  if (options.auditLog !== undefined) refuseBrokenAuditLog(options.auditLog, "nothing was rolled back");
  const lock = await lockMarketplace(first.root, shownOf(cwd, first.root));
  try {
    const market = locateMarketplace(options.marketplace, cwd);
    const folder = join(market.root, "plugins", name);
    const kept = previousFolder(market.root, name);
    const shown = shownOf(cwd, folder);
    if (!existsSync(kept))
      throw new PackError(
        `no earlier version of ${name} is kept in ${shownOf(cwd, kept)}: rollback restores the version the last upgrade replaced, and there was none (or it was rolled back already); install the older archive into a fresh folder instead`,
        kept,
      );
    if (!existsSync(folder))
      throw new PackError(
        `${shown} does not exist: ${name} is not installed in ${market.shown}; nothing was rolled back`,
        folder,
      );
    const from = folderVersion(folder);
    const to = folderVersion(kept);
    if (from === undefined || to === undefined)
      throw new PackError(
        `${from === undefined ? shown : shownOf(cwd, kept)} declares no version: cannot tell what rollback would do; nothing was rolled back`,
        from === undefined ? folder : kept,
      );
    const entry = market.entries.find((item) => isRecord(item) && item.name === name) as
      | Record<string, unknown>
      | undefined;
    let text: string | undefined;
    if (entry !== undefined && "version" in entry && entry.version !== to) {
      try {
        text = updateMarketplaceEntry(market.text!, name, [{ path: ["version"], value: to }]);
      } catch (error) {
        if (!(error instanceof MarketplaceEditError)) throw error;
        throw new PackError(`${market.shown}: entry "${name}": ${error.message}; nothing was rolled back`, market.file);
      }
    }
    const aside = join(dirname(folder), `.${name}.rollback-${randomBytes(4).toString("hex")}`);
    swap(
      folder,
      aside,
      kept,
      () => {
        if (text !== undefined) writeMarketplace(market, text);
      },
      shown,
    );
    const notes: string[] = [];
    try {
      rmSync(aside, { recursive: true, force: true });
    } catch (error) {
      notes.push(
        `${name} ${from} could not be deleted (${(error as NodeJS.ErrnoException).code}): remove ${shownOf(cwd, aside)} by hand`,
      );
    }
    const id = `${name}@${marketplaceName(market.text) ?? "<marketplace>"}`;
    notes.push(
      `a host keeps the copy it installed until the plugin is added again: codex plugin add ${id} installs ${to} (plugin-pack status shows which hosts still run ${from})`,
    );
    const installed =
      options.auditLog === undefined ? undefined : installRecordOf(options.auditLog, name, market.root, to);
    const report: RollbackReport = {
      plugin: name,
      marketplace: { root: market.root, file: market.file },
      folder,
      from,
      to,
      entryChanged: text !== undefined,
      archiveSha256: installed?.archiveSha256 ?? null,
      keyId: installed?.keyId ?? null,
      notes,
    };
    if (options.auditLog !== undefined)
      report.audit = chainLink(
        options.auditLog,
        await appendAudit(
          options.auditLog,
          {
            action: "rollback",
            host: null,
            plugin: name,
            marketplace: market.root,
            from,
            to,
            archiveSha256: report.archiveSha256,
            keyId: report.keyId,
            policy: installed?.policy ?? null,
          },
          { env },
        ),
      );
    return report;
  } finally {
    lock.release();
  }
}

/** Newer version aside, kept version into place, then the marketplace; any failure puts both folders back. */
function swap(folder: string, aside: string, kept: string, commit: () => void, shown: string): void {
  renameOr(folder, aside, `cannot move ${shown} aside`);
  try {
    renameOr(kept, folder, `cannot move the kept version into ${shown}`);
  } catch (error) {
    renameSync(aside, folder);
    throw error;
  }
  try {
    commit();
  } catch (error) {
    renameSync(folder, kept);
    renameSync(aside, folder);
    throw new PackError(`${(error as Error).message}; nothing was rolled back`, (error as PackError).file);
  }
}

function renameOr(from: string, to: string, doing: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    throw new PackError(`${doing} (${(error as NodeJS.ErrnoException).code}); nothing was rolled back`, from);
  }
}

/** The latest install or upgrade record of this version into this marketplace. */
function installRecordOf(file: string, plugin: string, root: string, version: string) {
  return readAuditChain(file)
    .records.filter(
      (record) =>
        (record.action === "install" || record.action === "upgrade") &&
        record.plugin === plugin &&
        record.marketplace === root &&
        record.to === version,
    )
    .at(-1);
}
