/**
 * `plugin-pack release`: lint everything, then pack and sign each plugin whose `<package>@<version>` tag does
 * not exist yet, write SHA256SUMS, release notes and release.json, and tag. Archives are staged first, so
 * a failure in any plugin stops the release before an archive reaches the output folder or a tag is written;
 * a second run finds every tag and packs nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { writeFileAtomic, UsageError } from "@agent-plugin/core";
import type { LintReport } from "@agent-plugin/plugin-lint";
import { recordChecksum } from "../archive/index.js";
import { LintFailedError, pack, type PackReport } from "../pack/index.js";
import { PackError } from "../errors.js";
import { loadSigningKey } from "../signing/index.js";
import { releaseNotes } from "./notes.js";
import { publishPackages } from "../npm/index.js";
import { npmPackageOf, npmReleaseSettings, plannedPackageFiles, stageTarball } from "./npm-release.js";
import { git } from "./run-command.js";
import { MARKETPLACE_FILES, readWorkspace, type WorkspacePlugin } from "./workspace.js";

export interface ReleaseOptions {
  /** The repo root; default `cwd`. */
  dir?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where archives, SHA256SUMS, notes and release.json go; default `<root>/dist/release`. */
  outDir?: string;
  /** A private key file or `env:NAME`. */
  sign?: string;
  /** An external signer command, with the public key it signs for. */
  signer?: string;
  signerPublicKey?: string;
  /** Release without signatures; only when said explicitly. */
  unsigned?: boolean;
  /** Create the `<package>@<version>` git tags (default true). */
  tag?: boolean;
  /** Release even when plugin folders have uncommitted changes. */
  allowDirty?: boolean;
  /** Lint and plan only: pack, write and tag nothing. */
  dryRun?: boolean;
  /** Also publish each plugin as an npm package (settings: `agentPlugin.npm` in the root package.json). */
  npm?: boolean;
  /** `npm publish --provenance`; default: on in a GitHub Actions job that can prove where it ran. */
  provenance?: boolean;
}

export interface ReleasedPlugin {
  /** The plugin's name, as in its manifest and the archive's file name. */
  name: string;
  packageName: string;
  version: string;
  tag: string;
  /** Paths relative to the repo root, "/"-separated, as release.json holds them. */
  dir: string;
  archive: string;
  notes: string;
  sha256: string;
  size: number;
  keyId: string | null;
  /** With --npm: the package published, its tarball (beside the archive), and whether this run published it. */
  npm?: { package: string; tarball: string; status: "published" | "already-published"; provenance: boolean };
}

export interface ReleaseReport {
  root: string;
  outDir: string;
  released: ReleasedPlugin[];
  /** Plugins whose version is already tagged. */
  skipped: { packageName: string; version: string; tag: string }[];
  /** In a dry run: the plugins that would be released. */
  planned: {
    packageName: string;
    version: string;
    tag: string;
    dir: string;
    /** With --npm: the package it would be published as, and every file it would hold. */
    npm?: { package: string; files: string[] };
  }[];
  checksums: string | null;
  manifest: string | null;
  lint: { errorCount: number; warningCount: number };
  dryRun: boolean;
}

export const RELEASE_MANIFEST = "release.json";

export async function release(options: ReleaseOptions = {}): Promise<ReleaseReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const root = resolve(cwd, options.dir ?? ".");
  const outDir = options.outDir !== undefined ? resolve(cwd, options.outDir) : join(root, "dist", "release");
  const tagging = options.tag !== false;
  checkSigningOptions(options, cwd, env);
  if (options.provenance !== undefined && !options.npm) throw new UsageError("--provenance goes with --npm");
  const npm = options.npm ? npmReleaseSettings(root, env, options.provenance) : undefined;

  const workspace = await readWorkspace(root);
  if (workspace.plugins.length === 0)
    throw new PackError(
      `no plugin packages in ${root}: a plugin package is a workspace package (or the root) with .codex-plugin/plugin.json and a package.json`,
      root,
    );
  if (tagging) checkRepository(root, workspace.plugins, outDir, options.allowDirty === true);
  for (const plugin of workspace.plugins) checkManifestVersions(plugin);

  const tagOf = (plugin: WorkspacePlugin) => `${plugin.packageName}@${plugin.version}`;
  const tags = tagging ? existingTags(root) : new Set<string>();
  const pending = workspace.plugins.filter((plugin) => !tags.has(tagOf(plugin)));
  const skipped = workspace.plugins
    .filter((plugin) => !pending.includes(plugin))
    .map((p) => ({ packageName: p.packageName, version: p.version, tag: tagOf(p) }));

  const report = await lintAll(root, workspace.plugins);
  const base = {
    root,
    outDir,
    skipped,
    lint: { errorCount: report.errorCount, warningCount: report.warningCount },
    dryRun: options.dryRun === true,
  };
  // Named before anything is packed: a plugin name npm refuses stops the release here.
  const packages = new Map(pending.map((p) => [p, npm ? npmPackageOf(p, npm.config) : undefined]));
  const planned = [];
  for (const p of pending) {
    const npmPackage = packages.get(p);
    // Only a dry run lists the files: a real release packs them, and planning bundles the MCP servers once more.
    const files =
      npmPackage && options.dryRun
        ? await plannedPackageFiles(p, { cwd, outDir, signed: options.unsigned !== true })
        : undefined;
    planned.push({
      packageName: p.packageName,
      version: p.version,
      tag: tagOf(p),
      dir: p.relativeDir,
      ...(npmPackage && files ? { npm: { package: npmPackage.name, files } } : {}),
    });
  }
  if (options.dryRun) return { ...base, released: [], planned, checksums: null, manifest: null };
  if (pending.length === 0) {
    return { ...base, released: [], planned: [], checksums: null, manifest: writeManifest(outDir, root, []) };
  }

  // The output folder is created for the staging folder; a failed release removes it again if it made it.
  const createdOut = mkdirSync(outDir, { recursive: true });
  const stage = mkdtempSync(join(outDir, ".staging-"));
  let released: ReleasedPlugin[] | undefined;
  try {
    const packed: { plugin: WorkspacePlugin; report: PackReport }[] = [];
    for (const plugin of pending) {
      const result = await pack({
        dir: plugin.dir,
        cwd,
        env,
        outDir,
        stageDir: stage,
        lint: false, // linted above, once, with everything else
        target: plugin.hosts[0]!,
        ...(options.sign !== undefined ? { sign: options.sign } : {}),
        ...(options.signer !== undefined ? { signer: options.signer } : {}),
        ...(options.signerPublicKey !== undefined ? { signerPublicKey: options.signerPublicKey } : {}),
        ...(packages.get(plugin) ? { packageJson: packages.get(plugin)!.packageJson } : {}),
      }).catch((error: unknown) => {
        throw error instanceof PackError
          ? new PackError(`${plugin.packageName}@${plugin.version}: ${error.message}; nothing was released`, error.file)
          : error;
      });
      packed.push({ plugin, report: result });
    }
    // Every tarball is staged before the first is published; only then do archives reach the output folder.
    const tarballs = new Map<WorkspacePlugin, Awaited<ReturnType<typeof stageTarball>>>();
    for (const { plugin, report: packReport } of packed) {
      const npmPackage = packages.get(plugin);
      if (npmPackage)
        tarballs.set(plugin, await stageTarball(packReport, { name: npmPackage.name, version: plugin.version }, stage));
    }
    const outcomes =
      npm && tarballs.size > 0
        ? await publishPackages([...tarballs.values()], {
            cwd: root,
            env,
            access: npm.config.access,
            tag: npm.config.tag,
            provenance: npm.provenance,
          })
        : [];
    released = packed.map(({ plugin, report: packReport }) => {
      const item = publishStaged(plugin, packReport, { root, outDir, tag: tagOf(plugin) });
      const staged = tarballs.get(plugin);
      if (staged === undefined) return item;
      const tarball = join(outDir, staged.fileName);
      renameSync(staged.tarball, tarball);
      const outcome = outcomes.find((o) => o.name === staged.name)!;
      return {
        ...item,
        npm: {
          package: staged.name,
          tarball: relative(root, tarball).split("\\").join("/"),
          status: outcome.status,
          provenance: npm!.provenance,
        },
      };
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
    if (released === undefined && createdOut !== undefined) rmSync(createdOut, { recursive: true, force: true });
  }
  const checksums = released.map((r) => recordChecksum(outDir, r.archive.split("/").at(-1)!, r.sha256)).at(-1)!;
  const manifest = writeManifest(outDir, root, released);
  if (tagging)
    createTags(
      root,
      released.map((r) => r.tag),
    );
  return { ...base, released, planned: [], checksums, manifest };
}

function checkSigningOptions(options: ReleaseOptions, cwd: string, env: NodeJS.ProcessEnv): void {
  const ways = [options.sign, options.signer].filter((way) => way !== undefined).length;
  if (ways > 1) throw new UsageError("use either --sign or --signer, not both");
  if (ways === 0 && !options.unsigned)
    throw new UsageError(
      "release signs every archive: pass --sign <keyfile | env:NAME> or --signer <command> --signer-public-key <key>, or --unsigned to release without signatures",
    );
  if (ways > 0 && options.unsigned) throw new UsageError("--unsigned cannot be combined with --sign or --signer");
  if (options.signer !== undefined && options.signerPublicKey === undefined)
    throw new UsageError("--signer needs --signer-public-key: the public key the external signer signs for");
  // A bad key fails here, before anything is linted, packed or written.
  if (options.sign !== undefined) loadSigningKey(options.sign, { cwd, env });
}

function checkRepository(root: string, plugins: readonly WorkspacePlugin[], outDir: string, allowDirty: boolean): void {
  if (!git(["rev-parse", "--is-inside-work-tree"], root).ok)
    throw new PackError(
      `${root} is not in a git repository: release tags each version (git init, commit), or pass --no-tag`,
      root,
    );
  if (!git(["rev-parse", "--verify", "-q", "HEAD"], root).ok)
    throw new PackError(`${root} has no commit yet: commit the plugins first, since each tag points at a commit`, root);
  if (allowDirty) return;
  // The output folder is left out: a plugin at the root holds it, and earlier archives there are not changes.
  const output = relative(root, outDir).split("\\").join("/");
  const exclude = output !== "" && !output.startsWith("..") ? [`:(exclude)${output}`] : [];
  const status = git(["status", "--porcelain", "--", ...plugins.map((p) => p.relativeDir), ...exclude], root);
  const changed = status.stdout.split("\n").filter((line) => line.trim() !== "");
  if (changed.length > 0) {
    throw new PackError(
      `uncommitted changes in the plugins (${changed
        .slice(0, 3)
        .map((l) => l.slice(3))
        .join(
          ", ",
        )}${changed.length > 3 ? ", …" : ""}): commit them so the archives match the tagged commit, or pass --allow-dirty`,
      root,
    );
  }
}

/** The version each manifest carries must be the package's, or the archive would disagree with its tag. */
function checkManifestVersions(plugin: WorkspacePlugin): void {
  for (const manifest of plugin.manifests) {
    let version: unknown;
    try {
      version = (JSON.parse(readFileSync(manifest, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>).version;
    } catch {
      throw new PackError(`${manifest} is not valid JSON: run plugin-lint for the details`, manifest);
    }
    if (version !== plugin.version) {
      throw new PackError(
        `${manifest} says version ${JSON.stringify(version ?? null)} but ${plugin.packageJsonPath} says "${plugin.version}": run plugin-pack version (the version-packages script) and commit`,
        manifest,
      );
    }
  }
}

/** Every tag of the repository, read once rather than asked for each plugin. */
function existingTags(root: string): Set<string> {
  const listed = git(["tag", "--list"], root);
  if (!listed.ok)
    throw new PackError(
      `cannot list the git tags of ${root}: ${listed.stderr.trim().split("\n")[0] ?? "git failed"}`,
      root,
    );
  return new Set(listed.stdout.split("\n").filter((line) => line !== ""));
}

/**
 * Lints every plugin for each host it has a manifest for, and the repo's marketplaces: one pass per host. Any
 * error stops the release.
 */
async function lintAll(root: string, plugins: readonly WorkspacePlugin[]): Promise<LintReport> {
  // Loaded here, not at the top: `version` shares this folder and never lints.
  const { lint } = await import("@agent-plugin/plugin-lint");
  const reports: LintReport[] = [];
  for (const [host, marketplace] of [
    ["codex", MARKETPLACE_FILES[0]],
    ["claude-code", MARKETPLACE_FILES[1]],
    // The standard has no marketplace file: its plugins alone.
    ["agent-plugins", undefined],
  ] as const) {
    const dirs = plugins.filter((plugin) => plugin.hosts.includes(host)).map((plugin) => plugin.dir);
    const paths = marketplace !== undefined && existsSync(join(root, marketplace)) ? [root, ...dirs] : dirs;
    if (paths.length > 0) reports.push(await lint({ paths, cwd: root, target: host }));
  }
  const report = mergeReports(reports);
  if (report.errorCount > 0) throw new LintFailedError(report, "release");
  return report;
}

function mergeReports(reports: readonly LintReport[]): LintReport {
  return {
    results: reports.flatMap((r) => r.results),
    diagnostics: reports.flatMap((r) => r.diagnostics),
    errorCount: reports.reduce((sum, r) => sum + r.errorCount, 0),
    warningCount: reports.reduce((sum, r) => sum + r.warningCount, 0),
    fixedFiles: [],
    targets: reports.flatMap((r) => r.targets),
    skipped: reports.flatMap((r) => r.skipped),
  };
}

/** Moves one staged archive into the output folder and writes its notes. */
function publishStaged(
  plugin: WorkspacePlugin,
  packed: PackReport,
  where: { root: string; outDir: string; tag: string },
): ReleasedPlugin {
  const archive = join(where.outDir, packed.fileName);
  renameSync(packed.archive, archive);
  const notesFile = join(where.outDir, packed.fileName.replace(/\.zip$/, ".md"));
  writeFileAtomic(notesFile, releaseNotes({ plugin, packed, tag: where.tag }));
  const rel = (path: string) => relative(where.root, path).split("\\").join("/");
  return {
    name: packed.plugin.name,
    packageName: plugin.packageName,
    version: plugin.version,
    tag: where.tag,
    dir: plugin.relativeDir,
    archive: rel(archive),
    notes: rel(notesFile),
    sha256: packed.sha256,
    size: packed.size,
    keyId: packed.signature?.keyId ?? null,
  };
}

/** release.json: what this run released, for the workflow that creates the GitHub releases. */
function writeManifest(outDir: string, root: string, released: readonly ReleasedPlugin[]): string {
  const file = join(outDir, RELEASE_MANIFEST);
  const checksums = released.length > 0 ? relative(root, join(outDir, "SHA256SUMS")).split("\\").join("/") : null;
  mkdirSync(outDir, { recursive: true });
  writeFileAtomic(file, `${JSON.stringify({ released, checksums }, null, 2)}\n`);
  return file;
}

/** Creates every tag, or none: a failure deletes the tags this run created. */
function createTags(root: string, tags: readonly string[]): void {
  const created: string[] = [];
  for (const tag of tags) {
    const result = git(["tag", tag], root);
    if (!result.ok) {
      for (const done of created) git(["tag", "-d", done], root);
      throw new PackError(
        `cannot create tag ${tag}: ${result.stderr.trim().split("\n")[0] ?? "git failed"}; no tag was created (the archives are in place; run release again)`,
        root,
      );
    }
    created.push(tag);
  }
}
