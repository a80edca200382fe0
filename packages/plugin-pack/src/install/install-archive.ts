/**
 * What `install` needs to know about a verified archive: the plugin's name and version (from the signed manifest,
 * checked against the plugin.json inside), its category, and whether it signs in at install time. Read from the
 * bytes already in memory: the archive is never read twice.
 */
import { isRecord } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { archiveCapabilities } from "../report/index.js";
import type { ReadArchive } from "../archive/index.js";
import type { VerifyReport } from "../signing/index.js";

export const CODEX_MANIFEST = ".codex-plugin/plugin.json";

/** Codex 0.117's rule for a plugin name (`validate_plugin_segment`); it also keeps the folder name inert. */
const PLUGIN_NAME = /^[A-Za-z0-9_-]+$/;

export interface ArchivePlugin {
  name: string;
  version: string;
  /** `interface.category` of the plugin's manifest, when it sets one. */
  category?: string;
  /** ON_INSTALL when the plugin has a remote MCP server or an app connector (an account to sign in to), else ON_USE. */
  authentication: "ON_INSTALL" | "ON_USE";
  /** Files of the plugin, without plugin-pack's own manifest and signature. */
  fileCount: number;
}

export function archivePlugin(archive: ReadArchive, report: VerifyReport, shown: string): ArchivePlugin {
  // verify passes only with a valid manifest, so report.plugin is there.
  const { name, version } = report.plugin!;
  const entry = archive.entries.find((e) => e.path === CODEX_MANIFEST);
  if (entry === undefined)
    throw new PackError(
      `${shown} holds no ${CODEX_MANIFEST}: a Codex marketplace installs Codex plugins only; pack a Codex plugin`,
      archive.path,
    );
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(entry.data));
  } catch {
    throw new PackError(
      `${shown}: its ${CODEX_MANIFEST} is not valid JSON; Codex would not load this plugin`,
      archive.path,
    );
  }
  if (!isRecord(manifest))
    throw new PackError(
      `${shown}: its ${CODEX_MANIFEST} is not a JSON object; Codex would not load this plugin`,
      archive.path,
    );
  const declared = typeof manifest.name === "string" ? manifest.name.trim() : "";
  if (declared !== "" && declared !== name) {
    throw new PackError(
      `${shown}: its ${CODEX_MANIFEST} names plugin "${declared}", but its signed manifest says "${name}"; the archive was not packed by plugin-pack from this plugin`,
      archive.path,
    );
  }
  if (!PLUGIN_NAME.test(name)) {
    throw new PackError(
      `${shown}: plugin name "${name}" cannot be installed: Codex accepts only ASCII letters, digits, "_" and "-" in a plugin name`,
      archive.path,
    );
  }
  const category =
    isRecord(manifest.interface) &&
    typeof manifest.interface.category === "string" &&
    manifest.interface.category.trim() !== ""
      ? manifest.interface.category.trim()
      : undefined;
  return {
    name,
    version,
    ...(category === undefined ? {} : { category }),
    authentication: signsInOnInstall(archive, name, shown) ? "ON_INSTALL" : "ON_USE",
    fileCount: report.fileCount,
  };
}

/** Whether the plugin has a remote MCP server or an app connector, decided from the same report `inspect` prints. */
function signsInOnInstall(archive: ReadArchive, name: string, shown: string): boolean {
  try {
    const capabilities = archiveCapabilities(archive, shown, name);
    return capabilities.apps.length > 0 || capabilities.mcpServers.some((server) => server.transport === "http");
  } catch (error) {
    if (error instanceof PackError)
      throw new PackError(`${error.message}; cannot tell whether it signs in on install`, archive.path);
    throw error;
  }
}
