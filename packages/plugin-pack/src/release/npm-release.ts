/**
 * `release --npm`: each plugin released is also an npm package. Its name is the plugin's under the configured scope;
 * its package.json is settled before pack signs the manifest; its tarball holds exactly the archive's files (read
 * back from the staged archive, so the selection is pack's own); publishing waits until every tarball is staged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "@agent-plugin/core";
import { MANIFEST_PATH, SIGNATURE_PATH, readArchiveAt } from "../archive/index.js";
import { PackError } from "../errors.js";
import {
  type NpmConfig,
  type StagedPackage,
  npmPackageName,
  provenanceAvailable,
  readNpmConfig,
  settledPackageJson,
  writeTarball,
} from "../npm/index.js";
import { planPack, type PackReport } from "../pack/index.js";
import { readPackageJson, type WorkspacePlugin } from "./workspace.js";

export interface NpmReleaseSettings {
  config: NpmConfig;
  provenance: boolean;
}

/** The settings, checked before anything is linted or packed. */
export function npmReleaseSettings(root: string, env: NodeJS.ProcessEnv, provenance?: boolean): NpmReleaseSettings {
  const file = join(root, "package.json");
  const config = readNpmConfig(readPackageJson(file), file);
  if (config === undefined)
    throw new UsageError(
      `--npm needs the npm settings in ${file}: add "agentPlugin": {"npm": {"scope": "@your-scope"}} (see docs/releasing.md)`,
    );
  if (provenance === true && !provenanceAvailable(env))
    throw new UsageError(
      "--provenance needs a GitHub Actions job with an OIDC token (permissions: id-token: write); leave it out elsewhere",
    );
  return { config, provenance: provenance ?? provenanceAvailable(env) };
}

export interface NpmPackagePlan {
  name: string;
  packageJson: Uint8Array;
}

/** The package a plugin is published as, and its settled package.json. */
export function npmPackageOf(plugin: WorkspacePlugin, config: NpmConfig): NpmPackagePlan {
  const manifest = plugin.manifests[0]!;
  let pluginName: unknown;
  try {
    pluginName = (JSON.parse(readFileSync(manifest, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>).name;
  } catch {
    throw new PackError(`${manifest} is not valid JSON: run plugin-lint for the details`, manifest);
  }
  if (typeof pluginName !== "string" || pluginName.trim() === "")
    throw new PackError(`${manifest} has no "name": the npm package is named after the plugin`, manifest);
  const name = npmPackageName(config, pluginName.trim(), manifest);
  const own = readPackageJson(plugin.packageJsonPath);
  const description = typeof own.description === "string" ? undefined : manifestDescription(manifest);
  return {
    name,
    packageJson: settledPackageJson(own, {
      name,
      version: plugin.version,
      ...(description !== undefined ? { description } : {}),
    }),
  };
}

function manifestDescription(manifest: string): string | undefined {
  try {
    const value = (JSON.parse(readFileSync(manifest, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>)
      .description;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `--dry-run`: the files the package would hold, as pack would select them, with the files release adds. */
export async function plannedPackageFiles(
  plugin: WorkspacePlugin,
  options: { cwd: string; outDir: string; signed: boolean },
): Promise<string[]> {
  const plan = await planPack({ dir: plugin.dir, cwd: options.cwd, outDir: options.outDir, target: plugin.hosts[0]! });
  const files = new Set(plan.decisions.filter((d) => d.included).map((d) => d.path));
  files.add("package.json");
  files.add(MANIFEST_PATH);
  if (options.signed) files.add(SIGNATURE_PATH);
  return [...files].sort();
}

/** Writes the tarball of a staged archive: the same files, the same bytes, under `package/`. */
export async function stageTarball(
  packed: PackReport,
  npm: { name: string; version: string },
  stage: string,
): Promise<StagedPackage & { fileName: string; files: string[] }> {
  const archive = await readArchiveAt(packed.archive, packed.fileName);
  const fileName = `${npm.name.replace(/^@/, "").replace("/", "-")}-${npm.version}.tgz`;
  const tarball = join(stage, fileName);
  writeFileSync(
    tarball,
    await writeTarball(
      archive.entries.map((entry) => ({ path: entry.path, data: entry.data, mode: modeOf(entry.mode) })),
    ),
  );
  return { name: npm.name, version: npm.version, tarball, fileName, files: archive.entries.map((e) => e.path) };
}

function modeOf(mode: number): 0o644 | 0o755 {
  return mode & 0o111 ? 0o755 : 0o644;
}
