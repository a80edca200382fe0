/**
 * `plugin-pack install`: the consumer side of a release. Reads the archive once, verifies those bytes, and only then
 * extracts them into the marketplace's `plugins/<name>/` and adds or updates the marketplace entry. Every refusal
 * comes before the first write; a failure during the writes leaves the previous folder and the marketplace file as
 * they were. Returns a report; never prints or exits.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ExitCode, UsageError } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { archivePlugin } from "./install-archive.js";
import {
  AUTHENTICATION_POLICIES,
  INSTALLATION_POLICIES,
  planEntry,
  type AuthenticationPolicy,
  type EntryChange,
  type EntryOverrides,
  type EntryPlan,
  type InstallationPolicy,
} from "./install-entry.js";
import { planFolder } from "./install-folder.js";
import { locateMarketplace, shownOf, writeMarketplace } from "./install-marketplace.js";
import { refuseLeftovers } from "./install-leftovers.js";
import { refuseUnwritableNames } from "./unwritable-names.js";
import { lockMarketplace } from "./install-lock.js";
import { swapFolder } from "./install-swap.js";
import { previousFolder } from "./previous-version.js";
import { appendAudit, chainLink, refuseBrokenAuditLog } from "../audit/index.js";
import { type VerifyReport, verificationFailure, verifyReadArchive, type VerifyOptions } from "../signing/index.js";
import { readArchiveAt, type CheckedArchive } from "../archive/index.js";
import { installPolicy } from "./install-policy.js";
import { loadPolicy, withBudgetCounter, type LoadedPolicy, type PolicyResult } from "../policy/index.js";

export {
  INSTALLATION_POLICIES,
  AUTHENTICATION_POLICIES,
  type InstallationPolicy,
  type AuthenticationPolicy,
  type EntryChange,
};

export interface InstallOptions extends VerifyOptions {
  /** The marketplace root folder, or its `.agents/plugins/marketplace.json`; default `cwd`. */
  marketplace?: string;
  /** The entry to update: refused when the archive holds another plugin, or the marketplace has no such entry. */
  name?: string;
  /** For a new entry, instead of the plugin's `interface.category` (else "Productivity"); changes an existing one. */
  category?: string;
  /** For a new entry, instead of AVAILABLE; changes an existing one. */
  installation?: InstallationPolicy;
  /** For a new entry, instead of ON_INSTALL (remote MCP server or app) or ON_USE; changes an existing one. */
  authentication?: AuthenticationPolicy;
  /** Decide and report everything, write nothing. */
  dryRun?: boolean;
  /** A policy file (resolved against cwd): an archive or entry it forbids is refused before anything is written. */
  policy?: string;
  /** How messages name the archive, when it is not the path given (`npm:@acme/demo@1.0.0`). */
  label?: string;
  /** Append an install or upgrade record to this audit log (the CLI passes its default); none when undefined. */
  auditLog?: string;
  /** For the audit record's actor (`AGENT_PLUGIN_ACTOR`, else user@host); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface InstallReport {
  /** installed: a new folder; upgraded: a newer version replaced the folder; updated: only the entry changed. */
  status: "installed" | "upgraded" | "updated" | "already-installed";
  dryRun: boolean;
  plugin: { name: string; version: string };
  archive: { path: string; sha256: string; signature: VerifyReport["signature"] };
  marketplace: { root: string; file: string; created: boolean };
  entry: Pick<EntryPlan, "action" | "name" | "source" | "policy" | "category" | "changes">;
  folder: {
    path: string;
    action: "created" | "replaced" | "unchanged";
    from: string | null;
    to: string;
    fileCount: number;
    /** At an upgrade: where the replaced version is (or would be) kept for `rollback`; null when nothing is. */
    kept: string | null;
  };
  /** The record appended to the audit log, when one was given and something changed. */
  audit?: { file: string; seq: number; hash: string };
  /** Things the user should know that are not failures: a Claude Code marketplace left alone, an entry Codex will not offer. */
  notes: string[];
  /** With a policy: which one (its SHA-256 is what an audit records) and its verdict, always passed when installed. */
  policy?: PolicyResult;
}

/** The archive failed verification: exit 1, as for `verify`, and the CLI prints the report before the one line. */
export class InstallVerificationError extends PackError {
  override name = "InstallVerificationError";
  readonly report: VerifyReport;
  constructor(message: string, report: VerifyReport) {
    super(message, report.archive, ExitCode.findings);
    this.report = report;
  }
}

export async function install(archivePath: string, options: InstallOptions): Promise<InstallReport> {
  const cwd = options.cwd ?? process.cwd();
  const overrides = checkOverrides(options);
  // A bad policy file stops the install before the marketplace or the archive is read.
  const policy = options.policy === undefined ? undefined : await withBudgetCounter(loadPolicy(options.policy, cwd));
  // Fail before reading the archive when the marketplace is unusable.
  const market = locateMarketplace(options.marketplace, cwd);
  const shown = options.label ?? archivePath;
  const archive = await readArchive(resolve(cwd, archivePath), shown, options.limits);
  const verified = verifyReadArchive(archive, options, shown);
  if (!verified.ok) {
    throw new InstallVerificationError(verificationFailure(verified, shown, "nothing was installed"), {
      ...verified,
      archive: options.label ?? verified.archive,
    });
  }
  refuseUnwritableNames(archive, shown, "nothing was installed");
  const plugin = archivePlugin(archive, verified, shown);
  if (options.name !== undefined && options.name !== plugin.name) {
    throw new PackError(
      `${shown} holds plugin "${plugin.name}", not "${options.name}" (--name): install the archive of ${options.name}, or drop --name`,
      archive.path,
    );
  }
  if (options.dryRun) return planAndInstall(market, archive, shown, verified, plugin, overrides, options, cwd, policy);
  if (options.auditLog !== undefined) refuseBrokenAuditLog(options.auditLog, "nothing was installed");
  // Read, decide and write under the lock: two installs at once would each write the entries they read.
  const lock = await lockMarketplace(market.root, shownOf(cwd, market.root));
  try {
    const report = planAndInstall(
      locateMarketplace(options.marketplace, cwd),
      archive,
      shown,
      verified,
      plugin,
      overrides,
      options,
      cwd,
      policy,
    );
    if (lock.tookOver !== undefined) report.notes.unshift(lock.tookOver);
    if (options.auditLog !== undefined && (report.status === "installed" || report.status === "upgraded"))
      report.audit = await recordInstall(options.auditLog, report, options.env);
    return report;
  } finally {
    lock.release();
  }
}

function planAndInstall(
  market: ReturnType<typeof locateMarketplace>,
  archive: CheckedArchive,
  archivePath: string,
  verified: VerifyReport,
  plugin: ReturnType<typeof archivePlugin>,
  overrides: EntryOverrides,
  options: InstallOptions,
  cwd: string,
  policy: LoadedPolicy | undefined,
): InstallReport {
  const folder = join(market.root, "plugins", plugin.name);
  const folderShown = shownOf(cwd, folder);
  refuseLeftovers(folder, folderShown);
  const entry = planEntry(market, plugin, overrides, options.name === undefined ? {} : { requireEntry: options.name });
  const folderPlan = planFolder(folder, folderShown, plugin, archivePath);

  const status =
    folderPlan.action === "created"
      ? "installed"
      : folderPlan.action === "replaced"
        ? "upgraded"
        : entry.text === undefined
          ? "already-installed"
          : "updated";
  const notes: string[] = [];
  if (market.claudeFile !== undefined)
    notes.push(
      `${shownOf(cwd, market.claudeFile)} (a Claude Code marketplace) was not ${options.dryRun ? "going to be " : ""}updated: add or update its entry by hand`,
    );
  if (entry.policy.installation === "NOT_AVAILABLE")
    notes.push(`the entry's policy.installation is NOT_AVAILABLE: Codex lists the plugin but will not install it`);
  const report: InstallReport = {
    status,
    dryRun: options.dryRun === true,
    plugin: { name: plugin.name, version: plugin.version },
    archive: { path: archive.path, sha256: archive.sha256, signature: verified.signature },
    marketplace: { root: market.root, file: market.file, created: market.text === undefined },
    entry: {
      action: entry.action,
      name: entry.name,
      source: entry.source,
      policy: entry.policy,
      ...(entry.category === undefined ? {} : { category: entry.category }),
      changes: entry.changes,
    },
    folder: {
      path: folder,
      action: folderPlan.action,
      from: folderPlan.from,
      to: folderPlan.to,
      fileCount: plugin.fileCount,
      kept: folderPlan.action === "replaced" ? previousFolder(market.root, plugin.name) : null,
    },
    notes,
  };
  // Refused here, before the first write; a dry run is refused too, as the install would be.
  if (policy !== undefined) {
    const marketplaceText = entry.text ?? market.text;
    report.policy = installPolicy({ archive, archivePath, verified, plugin, entry, marketplaceText, policy, cwd });
  }
  if (options.dryRun || status === "already-installed") return report;

  const commit = () => {
    if (entry.text !== undefined) writeMarketplace(market, entry.text);
  };
  if (folderPlan.action !== "unchanged") {
    const left = swapFolder(
      { ...archive, path: archivePath },
      folder,
      folderShown,
      commit,
      report.folder.kept ?? undefined,
    );
    notes.push(...left);
    // A note means the replaced version could not be kept (or deleted): nothing to roll back to.
    if (left.length > 0) report.folder.kept = null;
    return report;
  }
  try {
    commit();
  } catch (error) {
    // The write is atomic: a failure leaves the old file.
    if (error instanceof PackError) throw new PackError(`${error.message}; nothing was changed`, error.file);
    throw error;
  }
  return report;
}

async function recordInstall(
  file: string,
  report: InstallReport,
  env: NodeJS.ProcessEnv | undefined,
): Promise<InstallReport["audit"]> {
  const policy = report.policy ?? null;
  try {
    const record = await appendAudit(
      file,
      {
        action: report.status === "upgraded" ? "upgrade" : "install",
        host: null,
        plugin: report.plugin.name,
        marketplace: report.marketplace.root,
        from: report.folder.from,
        to: report.plugin.version,
        archiveSha256: report.archive.sha256,
        keyId: report.archive.signature.keyId ?? null,
        policy,
      },
      env === undefined ? {} : { env },
    );
    return chainLink(file, record);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    throw new PackError(`${report.plugin.name} ${report.plugin.version} was installed, but ${error.message}`, file);
  }
}

/**
 * Reads the archive once. A missing file is an input error; an archive that cannot be read safely (not a ZIP,
 * truncated, over a limit, an unsafe name) fails verification, as `verify` reports it.
 */
async function readArchive(file: string, shown: string, limits: InstallOptions["limits"]): Promise<CheckedArchive> {
  if (!existsSync(file)) throw new PackError(`${shown} does not exist: give the path of the archive to install`, file);
  try {
    return await readArchiveAt(file, shown, limits);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    const report: VerifyReport = {
      archive: file,
      ok: false,
      fileCount: 0,
      signature: { status: "invalid" },
      problems: [error.message],
    };
    throw new InstallVerificationError(`${shown} failed verification, nothing was installed: ${error.message}`, report);
  }
}

function checkOverrides(options: InstallOptions): EntryOverrides {
  const overrides: EntryOverrides = {};
  if (options.installation !== undefined)
    overrides.installation = oneOf("--installation", options.installation, INSTALLATION_POLICIES);
  if (options.authentication !== undefined)
    overrides.authentication = oneOf("--authentication", options.authentication, AUTHENTICATION_POLICIES);
  if (options.category !== undefined) {
    if (options.category.trim() === "") throw new UsageError("--category needs a value, such as Productivity");
    overrides.category = options.category.trim();
  }
  if (options.name !== undefined && options.name.trim() === "")
    throw new UsageError("--name needs the plugin name whose entry to update");
  return overrides;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}, not "${value}"`);
  return value as T;
}
