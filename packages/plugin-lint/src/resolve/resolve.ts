// `plugin-lint --resolve`: fetches each npm source of a marketplace the way Codex installs it and reports, on the
// entry, what would fail at install time (marketplace/npm-resolve) and every finding of the fetched plugin.
import {
  type Diagnostic,
  isRecord,
  type MarketplaceModel,
  type PointerSegment,
  type Severity,
} from "@agent-plugin/core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { RuleContext, RuleId } from "../rule.js";
import { entryPointer, readEntries } from "../rules/marketplace/entry.js";
import { packageProblem, registryProblem, versionProblem } from "../rules/marketplace/npm-spec.js";
import { isRuleId } from "../rules/metas.js";
import { type FetchOutcome, type NpmFetcher, type NpmSource, packageSpec } from "./fetcher.js";

/** Codex's `NPM_PLUGIN_SOURCE_MAX_ARCHIVE_BYTES`: a bigger package archive is refused at install. */
const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

export const DEFAULT_RESOLVE_TIMEOUT_MS = 60_000;

/** Rules about the folder a plugin sits in: a fetched package's folder is npm's, and Codex installs it by name. */
const NOT_FOR_PACKAGES: ReadonlySet<string> = new Set(["manifest/name-folder"]);

export interface ResolveOptions {
  /** How packages are fetched; default `npm pack --ignore-scripts` with the user's npm config. */
  fetcher?: NpmFetcher;
  /** Per package; default 60 s. */
  timeoutMs?: number;
}

interface ResolveRun {
  fetcher: NpmFetcher;
  timeoutMs: number;
  /** Lints a fetched package as a plugin for the marketplace's host. */
  lintPackage: (dir: string) => Diagnostic[];
}

/** Fetches and checks every npm source of the marketplace that passes the static npm rules. */
export async function resolveNpmSources(
  marketplace: MarketplaceModel,
  context: RuleContext,
  run: ResolveRun,
): Promise<void> {
  const file = marketplace.file;
  if (!file || !context.host.marketplaceSourceKinds?.includes("npm")) return;
  for (const entry of readEntries(marketplace)) {
    const source = isRecord(entry.raw) ? entry.raw.source : undefined;
    const npm = isRecord(source) && source.source === "npm" ? fetchable(source, context) : undefined;
    if (npm === undefined) continue;
    const pointer = entryPointer(entry.index, "source");
    const report: Reporter = (message, path = pointer, finding) =>
      context.report({
        ruleId: finding?.ruleId ?? "marketplace/npm-resolve",
        message,
        file: file.path,
        at: { doc: file.doc, path },
        ...(finding ? { severity: finding.severity } : {}),
      });
    const dest = mkdtempSync(join(tmpdir(), "plugin-lint-resolve-"));
    try {
      const outcome = await run.fetcher({ source: npm, dest, cwd: marketplace.root, timeoutMs: run.timeoutMs });
      checkOutcome(outcome, { ...npm, entry: entry.name }, run, report, pointer);
    } finally {
      rmSync(dest, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

/** The entry's npm source when the static rules found no error in it (those are reported already). */
function fetchable(source: Record<string, unknown>, context: RuleContext): NpmSource | undefined {
  const host = context.host.displayName;
  const { package: name, version, registry } = source;
  if (typeof name !== "string" || packageProblem(name, host)?.severity === "error") return undefined;
  if (version !== undefined && (typeof version !== "string" || versionProblem(version, host)?.severity === "error"))
    return undefined;
  if (registry !== undefined && (typeof registry !== "string" || registryProblem(registry, host) !== undefined))
    return undefined;
  return {
    package: name.trim(),
    ...(version === undefined ? {} : { version }),
    ...(registry === undefined ? {} : { registry }),
  };
}

/** Reports on the entry: under marketplace/npm-resolve, or under a fetched plugin's own rule and severity. */
type Reporter = (
  message: string,
  path?: readonly PointerSegment[],
  finding?: { ruleId: RuleId; severity: Severity },
) => void;

/** The source with the entry's name, which the fetched plugin's manifest must repeat. */
type EntrySource = NpmSource & { entry: string | undefined };

function checkOutcome(
  outcome: FetchOutcome,
  source: EntrySource,
  run: ResolveRun,
  report: Reporter,
  pointer: readonly PointerSegment[],
): void {
  const spec = packageSpec(source);
  const wanted = source.version === undefined ? '"latest"' : JSON.stringify(source.version);
  switch (outcome.kind) {
    case "not-found":
      report(
        `the registry has no package ${source.package}, or your npm config has no access to it: publish it, correct "package", or log in to the registry (npm login)`,
        [...pointer, "package"],
      );
      return;
    case "no-version":
      report(
        `no published version of ${source.package} matches ${wanted}: the registry has ${listVersions(outcome.versions)}; change the range or publish a matching version`,
        source.version === undefined ? pointer : [...pointer, "version"],
      );
      return;
    case "timed-out":
      report(
        `npm pack ${spec} did not finish within ${Math.round(run.timeoutMs / 1000)} s: check the registry, proxy and auth settings in your npm config (.npmrc) and the network, or lint without --resolve`,
      );
      return;
    case "failed":
      report(`npm pack ${spec} failed: ${outcome.detail}`);
      return;
    case "fetched":
      checkFetched(outcome, source, run, report, pointer);
  }
}

function checkFetched(
  fetched: Extract<FetchOutcome, { kind: "fetched" }>,
  source: EntrySource,
  run: ResolveRun,
  report: Reporter,
  pointer: readonly PointerSegment[],
): void {
  const label = `${source.package}@${fetched.version}`;
  const name = jsonName(join(fetched.dir, "package.json"));
  if (name !== source.package) {
    report(
      `${label}: its package.json ${name === undefined ? "has no name" : `names ${JSON.stringify(name)}`}, and Codex refuses a package whose name differs from "package"`,
      [...pointer, "package"],
    );
  }
  const manifestName = jsonName(join(fetched.dir, ".codex-plugin/plugin.json"));
  if (source.entry !== undefined && manifestName !== undefined && manifestName !== source.entry) {
    report(
      `${label}: its .codex-plugin/plugin.json names the plugin ${JSON.stringify(manifestName)}, and Codex refuses to install it as "${source.entry}": name the entry after the plugin`,
    );
  }
  if (fetched.archiveBytes > MAX_ARCHIVE_BYTES) {
    report(
      `${label}: the package archive is ${(fetched.archiveBytes / 1024 / 1024).toFixed(1)} MB, and Codex refuses one over 50 MB: leave large files out of the package`,
    );
  }
  for (const finding of run.lintPackage(fetched.dir)) {
    if (!isRuleId(finding.ruleId) || NOT_FOR_PACKAGES.has(finding.ruleId)) continue;
    const where = relative(fetched.dir, finding.file).split("\\").join("/") || ".";
    report(`${label}: ${where}:${finding.line}:${finding.column}: ${finding.message}`, pointer, {
      ruleId: finding.ruleId,
      severity: finding.severity,
    });
  }
}

/** The `name` of a JSON file, when it has one. */
function jsonName(path: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return isRecord(parsed) && typeof parsed.name === "string" ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}

function listVersions(versions: readonly string[]): string {
  if (versions.length === 0) return "no versions";
  const shown = versions.slice(-8);
  return `${versions.length > shown.length ? "…, " : ""}${shown.join(", ")}`;
}
