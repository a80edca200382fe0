// `plugin-pack inspect`: the capability report of a plugin folder or of a packed archive.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import {
  allProfiles,
  hasAgentPluginsManifest,
  isRecord,
  loadPlugin,
  type PluginModel,
  type TargetId,
} from "@agent-plugin/core";
import { capabilityReport, type CapabilitySource } from "./capabilities.js";
import { PackError } from "../errors.js";
import { extractArchive, MANIFEST_PATH, SIGNATURE_PATH, type ReadArchive, readArchiveAt } from "../archive/index.js";
import { selectFiles } from "../pack/index.js";
import type { CapabilityReport } from "./types.js";
import { countContextBudget, type TokenCounter, tokenCounter } from "./context-budget.js";

/**
 * Manifests that make a folder a plugin, and the host whose loader reads each: the hosts' first, since their
 * manifests name what the standard has no place for (hooks, apps), which a reviewer must see.
 */
const MANIFESTS: readonly { path: string; host: TargetId }[] = [
  { path: ".codex-plugin/plugin.json", host: "codex" },
  { path: ".claude-plugin/plugin.json", host: "claude-code" },
  { path: "plugin.json", host: "agent-plugins" },
];

/** plugin-pack's bookkeeping entries are not the plugin's files; its esbuild bundles are (they are the code that runs). */
const BOOKKEEPING = new Set([MANIFEST_PATH, SIGNATURE_PATH]);

/**
 * Files the plugin model is built from: manifests and other JSON, skills and their UI metadata; and Claude Code's
 * agents and commands, which the context budget counts.
 */
function isModelFile(path: string): boolean {
  return (
    path.endsWith(".json") ||
    path.endsWith("/SKILL.md") ||
    path === "SKILL.md" ||
    path.endsWith("/agents/openai.yaml") ||
    /^(agents|commands)\/.+\.md$/.test(path)
  );
}

export interface InspectOptions {
  cwd: string;
  /**
   * Count the context budget for the host whose manifest the plugin is read by. Off by default: the tokenizer's
   * tables take longer to load than the rest of inspect takes, and diff, policy and uninstall do not need it.
   */
  budget?: boolean;
}

/** The capability report; with `budget`, the context budget too. */
export async function inspect(target: string, options: InspectOptions): Promise<CapabilityReport> {
  const path = resolve(options.cwd, target);
  const folder = isFolder(path, target);
  const count = options.budget === true ? await tokenCounter() : undefined;
  return folder ? inspectFolder(path, target, count) : inspectArchive(path, target, count);
}

function isFolder(path: string, target: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new PackError(`${target} does not exist: give a plugin folder or a plugin archive`, path);
  }
}

function inspectFolder(root: string, target: string, count: TokenCounter | undefined): CapabilityReport {
  const host = hostOf(root, `${target} is not a plugin folder`);
  const plugin = loadPlugin(root, { host });
  // Count what `pack` would put in the archive, not build output or ignored files.
  const files = withTarget(target, () => selectFiles(root).files);
  const source: CapabilitySource = {
    source: target,
    kind: "folder",
    fileCount: files.length,
    totalBytes: sum(files.map((f) => f.size)),
  };
  const report = withTarget(target, () => withStandardServers(plugin, capabilityReport(plugin, source), source));
  return count === undefined ? report : withBudget(report, root, host, count);
}

async function inspectArchive(
  path: string,
  target: string,
  count: TokenCounter | undefined,
): Promise<CapabilityReport> {
  const archive = await readPluginArchive(path, target);
  // Named after the archive, so a manifest without a name falls back to something meaningful.
  return archiveCapabilities(archive, target, folderNameFor(path), count);
}

/** Codex reads the standard's plugin.json too, so a standard plugin is counted as Codex would list it. */
function withBudget(report: CapabilityReport, root: string, host: TargetId, count: TokenCounter): CapabilityReport {
  report.contextBudget = countContextBudget(count, {
    dir: root,
    host: host === "claude-code" ? "claude-code" : "codex",
  });
  return report;
}

/**
 * The capability report of an archive already in memory: its model files are written to a temporary folder named
 * `folderName`, loaded as a plugin, and removed. `target` is the archive as messages name it. With a token counter,
 * the report has the context budget too.
 */
export function archiveCapabilities(
  archive: ReadArchive,
  target: string,
  folderName: string,
  count?: TokenCounter,
): CapabilityReport {
  const workDir = mkdtempSync(join(tmpdir(), "plugin-pack-inspect-"));
  try {
    const root = join(workDir, folderName);
    // Extraction messages name the archive as the user wrote it.
    // Only what the capability report reads: writing every file of a large archive to disk dominated inspect's time.
    withTarget(target, () =>
      extractArchive({ ...archive, path: target, entries: archive.entries.filter((e) => isModelFile(e.path)) }, root),
    );
    const host = hostOf(root, `${target} holds no plugin`);
    const plugin = loadPlugin(root, { host });
    const content = archive.entries.filter((entry) => !BOOKKEEPING.has(entry.path) && !entry.path.endsWith("/"));
    const source: CapabilitySource = {
      source: target,
      kind: "archive",
      fileCount: content.length,
      totalBytes: sum(content.map((e) => e.data.length)),
    };
    const report = withTarget(target, () => withStandardServers(plugin, capabilityReport(plugin, source), source));
    report.signature = signatureOf(archive);
    return count === undefined ? report : withBudget(report, root, host, count);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** zip-read's own messages name the target as the user wrote it ("x.zip is not a ZIP archive or is truncated"). */
async function readPluginArchive(path: string, target: string): Promise<ReadArchive> {
  try {
    return await readArchiveAt(path, target);
  } catch (error) {
    if (error instanceof PackError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PackError(`${target} is neither a plugin folder nor a readable plugin archive (${reason})`, path);
  }
}

/** The host whose manifest the folder has: Codex first, as the loader's default; the standard's plugin.json last. */
function hostOf(root: string, failure: string): TargetId {
  const found = MANIFESTS.find((manifest) =>
    manifest.host === "agent-plugins" ? hasAgentPluginsManifest(root) : existsSync(join(root, manifest.path)),
  );
  if (!found)
    throw new PackError(
      `${failure}: it has no .codex-plugin/plugin.json, .claude-plugin/plugin.json or Agent Plugins plugin.json`,
      root,
    );
  return found.host;
}

/**
 * A plugin that also has the standard's layout: hosts read different MCP files from it (the standard and Codex 0.171
 * mcp.json, Codex 0.117 and Claude Code .mcp.json), so the servers every profile reads are listed (each distinct
 * server once), and the report leaves out nothing that can run.
 */
function withStandardServers(
  plugin: PluginModel,
  report: CapabilityReport,
  source: CapabilitySource,
): CapabilityReport {
  if (!hasAgentPluginsManifest(plugin.root)) return report;
  const seen = new Set(report.mcpServers.map((server) => JSON.stringify(server)));
  const extra = allProfiles
    .filter((profile) => profile !== plugin.host)
    .flatMap((profile) => capabilityReport(loadPlugin(plugin.root, { host: profile }), source).mcpServers)
    .filter((server) => {
      const key = JSON.stringify(server);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (extra.length === 0) return report;
  const mcpServers = [...report.mcpServers, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...report, mcpServers };
}

/**
 * Signed or not, and by which key. Inspect does not check the signature: a key id read here only
 * says who claims to have signed; `plugin-pack verify --trust` decides whether to believe it.
 */
function signatureOf(archive: ReadArchive): NonNullable<CapabilityReport["signature"]> {
  const entry = archive.entries.find((e) => e.path === SIGNATURE_PATH);
  if (!entry) return { status: "unsigned" };
  const keyId = keyIdOf(entry.data);
  return keyId === undefined ? { status: "signed" } : { status: "signed", keyId };
}

function keyIdOf(data: Uint8Array): string | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(data));
    // Accept only the documented shape, so a hostile archive cannot put arbitrary text in the report.
    return isRecord(value) && typeof value.keyId === "string" && /^[0-9a-f]{16}$/.test(value.keyId)
      ? value.keyId
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reports which target a problem is in: `diff` reads two. */
function withTarget<T>(target: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PackError && !error.message.startsWith(target))
      throw new PackError(`${target}: ${error.message}`, error.file);
    throw error;
  }
}

function folderNameFor(archivePath: string): string {
  const stem = basename(archivePath)
    .replace(/\.zip$/i, "")
    .replace(/[^A-Za-z0-9._-]/g, "-");
  return stem === "" || /^\.+$/.test(stem) ? "plugin" : stem;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
