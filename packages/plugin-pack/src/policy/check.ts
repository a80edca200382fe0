/**
 * `plugin-pack policy check <archive | folder | marketplace> --policy FILE`: every violation of the policy, each with
 * its reason and the rule it breaks. Returns data; the CLI exits 1 when `policy.passed` is false.
 */
import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { isRecord, loadMarketplace } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { readArchiveAt } from "../archive/index.js";
import { inspect } from "../report/index.js";
import { archiveViolations } from "./check-archive.js";
import { entryViolations, marketplaceViolations } from "./check-entry.js";
import { nameViolations, pluginViolations } from "./check-plugin.js";
import { withBudgetCounter } from "./check-budget.js";
import { loadPolicy } from "./load-policy.js";
import type { LoadedPolicy, Policy, PolicyCheckReport, PolicyViolation } from "./types.js";

export interface PolicyCheckOptions {
  /** The policy file (resolved against cwd), or one already loaded. */
  policy: string | LoadedPolicy;
  cwd?: string;
}

const CODEX_MARKETPLACE = ".agents/plugins/marketplace.json";
const CLAUDE_MARKETPLACE = ".claude-plugin/marketplace.json";

export async function policyCheck(target: string, options: PolicyCheckOptions): Promise<PolicyCheckReport> {
  const cwd = options.cwd ?? process.cwd();
  // The policy first: a bad policy file is exit 2 whatever the target.
  const loaded = await withBudgetCounter(
    typeof options.policy === "string" ? loadPolicy(options.policy, cwd) : options.policy,
  );
  const path = resolve(cwd, target);
  if (!existsSync(path))
    throw new PackError(
      `${target} does not exist: give a plugin archive, a plugin folder or a marketplace folder`,
      path,
    );
  const kind = kindOf(path);
  const checked =
    kind === "archive"
      ? await checkArchive(path, target, loaded)
      : kind === "folder"
        ? await checkFolder(target, cwd, loaded.policy)
        : await checkMarketplace(marketplaceRoot(path), cwd, loaded.policy);
  const notes = checked.notes;
  return {
    policy: {
      file: loaded.file,
      sha256: loaded.sha256,
      passed: checked.violations.length === 0,
      violations: checked.violations,
    },
    target: { source: target, kind },
    plugins: checked.plugins,
    notes,
  };
}

interface Checked {
  violations: PolicyViolation[];
  plugins: PolicyCheckReport["plugins"];
  notes: string[];
}

function kindOf(path: string): PolicyCheckReport["target"]["kind"] {
  if (!statSync(path).isDirectory()) return isMarketplaceFile(path) ? "marketplace" : "archive";
  return existsSync(join(path, CODEX_MARKETPLACE)) || existsSync(join(path, CLAUDE_MARKETPLACE))
    ? "marketplace"
    : "folder";
}

function isMarketplaceFile(path: string): boolean {
  return posixPath(path).endsWith(`/${CODEX_MARKETPLACE}`) || posixPath(path).endsWith(`/${CLAUDE_MARKETPLACE}`);
}

function posixPath(path: string): string {
  return path.split("\\").join("/");
}

/** A marketplace folder, or the root of the marketplace.json given. */
function marketplaceRoot(path: string): string {
  return statSync(path).isDirectory() ? path : resolve(path, "../../..");
}

async function checkArchive(path: string, target: string, loaded: LoadedPolicy): Promise<Checked> {
  const archive = await readArchiveAt(path, target);
  const verdict = archiveViolations(archive, target, loaded.policy, loaded.tokenCounter);
  const { name, version } = verdict.capabilities;
  return { violations: verdict.violations, plugins: [plugin(name, version, target)], notes: [] };
}

async function checkFolder(target: string, cwd: string, policy: Policy): Promise<Checked> {
  const report = await inspect(target, { cwd, budget: policy.maxAlwaysOnTokens !== undefined });
  return {
    violations: pluginViolations(report, policy),
    plugins: [plugin(report.name, report.version, target)],
    notes:
      policy.signatures === undefined
        ? []
        : [`signatures: ${target} is a folder, not a signed archive; check the archive pack writes`],
  };
}

async function checkMarketplace(root: string, cwd: string, policy: Policy): Promise<Checked> {
  const shownRoot = shown(cwd, root);
  const market = loadMarketplace(root);
  const file = market.file;
  if (file === undefined || !isRecord(file.doc.value))
    throw new PackError(
      `${shown(cwd, market.fileProblem?.path ?? file?.path ?? join(root, CODEX_MARKETPLACE))} ${market.fileProblem?.message ?? "is not a JSON object"}: cannot check the marketplace; run plugin-lint for the details`,
      root,
    );
  const value = file.doc.value;
  const entries = Array.isArray(value.plugins) ? value.plugins : [];
  const violations = marketplaceViolations(typeof value.name === "string" ? value.name : undefined, policy);
  const plugins: PolicyCheckReport["plugins"] = [];
  const notes: string[] = [];
  if (policy.signatures !== undefined)
    notes.push(
      `signatures: the plugins of ${shownRoot} are folders, not signed archives; check the archives they are installed from`,
    );
  // Install policies are fields of Codex's marketplace entries; a Claude Code marketplace has none to check.
  const codex = posixPath(file.path).endsWith(`/${CODEX_MARKETPLACE}`);
  if (!codex && policy.capabilities?.install !== undefined)
    notes.push(
      `capabilities.install: ${shown(cwd, file.path)} is a Claude Code marketplace, whose entries have no install policy`,
    );
  for (const entry of market.entries) {
    const raw = entries[entry.index];
    const name = entry.name ?? `#${entry.index}`;
    const entryPolicy = isRecord(raw) && isRecord(raw.policy) ? raw.policy : {};
    if (codex) violations.push(...entryViolations(entryPolicy, name, policy));
    if (entry.pluginRoot === undefined) {
      violations.push(
        ...nameViolations("/plugins", "plugin", name, policy.plugins).map((v) => ({ ...v, plugin: name })),
      );
      notes.push(
        `${name}: its source is not a local folder, so only its name and entry were checked; check its archive with plugin-pack policy check`,
      );
      continue;
    }
    const source = shown(cwd, entry.pluginRoot);
    const report = await inspect(source, { cwd, budget: policy.maxAlwaysOnTokens !== undefined });
    // The entry's name is what Codex shows and installs by; the plugin's own name is checked with its capabilities.
    if (report.name !== name)
      violations.push(
        ...nameViolations("/plugins", "plugin", name, policy.plugins).map((v) => ({ ...v, plugin: name })),
      );
    violations.push(...pluginViolations(report, policy));
    plugins.push(plugin(report.name, report.version, source));
  }
  return { violations, plugins, notes };
}

function plugin(name: string, version: string | undefined, source: string): PolicyCheckReport["plugins"][number] {
  return version === undefined ? { name, source } : { name, version, source };
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}
