/**
 * What `plugins/<name>/` holds now, and what installing a version there would do: create it, replace it (an
 * upgrade), or leave it (the same version). A downgrade, another plugin's folder, or a version that cannot be
 * compared is refused with what to do, before anything is written.
 */
import { lstatSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { hasAgentPluginsManifest, isRecord, readTextFile } from "@agent-plugin/core";
import compare from "semver/functions/compare.js";
import valid from "semver/functions/valid.js";
import { PackError } from "../errors.js";
import { CODEX_MANIFEST, PORTABLE_MANIFEST, type ArchivePlugin } from "./install-archive.js";

export interface FolderPlan {
  action: "created" | "replaced" | "unchanged";
  /** The version installed before, or null when the folder is new. */
  from: string | null;
  to: string;
}

export function planFolder(folder: string, shown: string, plugin: ArchivePlugin, archiveShown: string): FolderPlan {
  const installed = installedPlugin(folder, shown);
  if (installed === undefined) return { action: "created", from: null, to: plugin.version };
  const manifest = `${shown}/${installed.manifest}`;
  if (installed.name !== undefined && installed.name !== plugin.name) {
    throw new PackError(
      `${manifest} names plugin "${installed.name}", but the archive holds "${plugin.name}": that folder belongs to another plugin; move it away, then install again`,
      join(folder, installed.manifest),
    );
  }
  const before = installed.version;
  const now = valid(plugin.version);
  const then = before === undefined ? null : valid(before);
  if (now === null || then === null) {
    const which =
      now === null
        ? `${archiveShown} has version "${plugin.version}", not SemVer`
        : before === undefined
          ? `${manifest} has no version`
          : `${manifest} has version "${before}", not SemVer`;
    throw new PackError(`cannot tell an upgrade from a downgrade: ${which}; remove ${shown} to install afresh`, folder);
  }
  const order = compare(now, then);
  if (order < 0) {
    throw new PackError(
      `${shown} holds ${plugin.name} ${before}, newer than ${plugin.version} in ${archiveShown}: not downgrading; to go back to ${plugin.version}, remove ${shown} and install again`,
      folder,
    );
  }
  return { action: order === 0 ? "unchanged" : "replaced", from: before!, to: plugin.version };
}

/**
 * The name and version of the plugin in `folder` (version from plugin.json, else package.json, as pack names it),
 * and the manifest they come from: the standard's root plugin.json when it declares the standard (Codex 0.171
 * takes the version from it), else Codex's. Undefined when there is no folder.
 */
function installedPlugin(
  folder: string,
  shown: string,
): { name?: string; version?: string; manifest: string } | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR")
      throw new PackError(`${dirname(shown)} is not a folder: move it away, then install again`, dirname(folder));
    throw new PackError(`cannot use ${shown} (${code ?? (error as Error).message})`, folder);
  }
  if (stats.isSymbolicLink())
    throw new PackError(
      `${shown} is a symbolic link: install replaces only a real folder; remove the link (or point the marketplace entry at the real folder) and install again`,
      folder,
    );
  if (!stats.isDirectory())
    throw new PackError(`${shown} exists and is not a folder: move it away, then install again`, folder);
  const path = hasAgentPluginsManifest(folder) ? PORTABLE_MANIFEST : CODEX_MANIFEST;
  const manifest = readJson(join(folder, path), `${shown}/${path}`);
  if (manifest === undefined)
    throw new PackError(
      `${shown} exists but holds no ${CODEX_MANIFEST}: it is not an installed plugin; move it away, then install again`,
      folder,
    );
  const packageJson = readJson(join(folder, "package.json"), `${shown}/package.json`) ?? {};
  const name = text(manifest.name);
  const version = text(manifest.version) ?? text(packageJson.version);
  return {
    manifest: path,
    ...(name === undefined ? {} : { name }),
    ...(version === undefined ? {} : { version }),
  };
}

function readJson(path: string, shown: string): Record<string, unknown> | undefined {
  const read = readTextFile(path);
  if (!read.ok) {
    if (read.reason === "not-found") return undefined;
    throw new PackError(`cannot read ${shown}: it ${read.message}`, path);
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text.replace(/^\uFEFF/, ""));
  } catch {
    value = undefined;
  }
  if (!isRecord(value))
    throw new PackError(
      `${shown} is not a valid JSON object: fix it (plugin-lint shows where), or remove the folder, and install again`,
      path,
    );
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
