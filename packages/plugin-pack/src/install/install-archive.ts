/**
 * What `install` needs to know about a verified archive: the plugin's name and version (from the signed manifest,
 * checked against the plugin.json inside), its category, and whether it signs in at install time. Read from the
 * bytes already in memory: the archive is never read twice.
 */
import {
  declaresAgentPlugins,
  isRecord,
  isSupportedAgentPluginsVersion,
  parseAgentPluginsSchemaId,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { archiveCapabilities } from "../report/index.js";
import type { ReadArchive } from "../archive/index.js";
import type { VerifyReport } from "../signing/index.js";

export const CODEX_MANIFEST = ".codex-plugin/plugin.json";
/** The Agent Plugins manifest, which Codex reads from 0.171 when its `$schema` names a version it knows. */
export const PORTABLE_MANIFEST = "plugin.json";

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
  const manifests = codexReadManifests(archive, shown);
  if (manifests.length === 0)
    throw new PackError(
      `${shown} holds no ${CODEX_MANIFEST}: a Codex marketplace installs Codex plugins only (a ${CODEX_MANIFEST}, or from Codex 0.171 a root ${PORTABLE_MANIFEST} of the Agent Plugins standard); pack a Codex or Agent Plugins plugin`,
      archive.path,
    );
  for (const { path, value } of manifests) {
    const declared = typeof value.name === "string" ? value.name.trim() : "";
    if (declared !== "" && declared !== name) {
      throw new PackError(
        `${shown}: its ${path} names plugin "${declared}", but its signed manifest says "${name}"; the archive was not packed by plugin-pack from this plugin`,
        archive.path,
      );
    }
  }
  // Codex takes `interface` from its own manifest when there is one.
  const manifest = (manifests.find((m) => m.path === CODEX_MANIFEST) ?? manifests[0]!).value;
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

/**
 * The manifests Codex reads in the archive, each a JSON object: `.codex-plugin/plugin.json`, and a root
 * `plugin.json` that declares the Agent Plugins standard (Codex 0.171 merges the two, and refuses a plugin.json of
 * a version it does not know, so such an archive is refused here too).
 */
function codexReadManifests(archive: ReadArchive, shown: string): { path: string; value: Record<string, unknown> }[] {
  const manifests: { path: string; value: Record<string, unknown> }[] = [];
  for (const path of [CODEX_MANIFEST, PORTABLE_MANIFEST]) {
    const entry = archive.entries.find((e) => e.path === path);
    if (entry === undefined) continue;
    const text = new TextDecoder().decode(entry.data);
    if (path === PORTABLE_MANIFEST && !declaresAgentPlugins(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      throw new PackError(`${shown}: its ${path} is not valid JSON; Codex would not load this plugin`, archive.path);
    }
    if (!isRecord(value))
      throw new PackError(`${shown}: its ${path} is not a JSON object; Codex would not load this plugin`, archive.path);
    if (path === PORTABLE_MANIFEST) {
      const schema = parseAgentPluginsSchemaId(String(value.$schema));
      if (schema === undefined || schema.kind !== "plugin" || !isSupportedAgentPluginsVersion(schema.version))
        throw new PackError(
          `${shown}: its ${path} names ${JSON.stringify(value.$schema)}, not an Agent Plugins version Codex knows (1.0.0), so Codex refuses the plugin; pack it with the 1.0.0 schema id`,
          archive.path,
        );
    }
    manifests.push({ path, value });
  }
  return manifests;
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
