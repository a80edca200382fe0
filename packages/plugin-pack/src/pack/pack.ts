import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { loadPlugin, type PluginModel, type TargetId } from "@agent-plugin/core/model";
import { bundleMcpServers, type BundleResult } from "../bundle/index.js";
import {
  recordChecksum,
  Compression,
  type CompressJob,
  type CompressResult,
  buildFileManifest,
  serializeFileManifest,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  type FileManifest,
  archiveTimestamp,
  assembleZipChunks,
  compressEntry,
  runJob,
  writeChunksAtomic,
  type ArchiveTimestamp,
  type CompressedData,
  type CompressedInput,
  DeflateCache,
} from "../archive/index.js";
import { LintFailedError } from "./lint-failed-error.js";
import { PackError } from "../errors.js";
import type { loadSigningKey } from "../signing/index.js";
import { credentialFileReason } from "./credential-files.js";
import { defaultPackTarget } from "./pack-target.js";
import { selectFiles } from "./select.js";
import type { Selection, SelectionDecision } from "./types.js";
import { VERSION } from "../version.js";

export interface PackOptions {
  /** The plugin folder; default `cwd`. */
  dir?: string;
  cwd?: string;
  /** Where the archive and SHA256SUMS go; default `<cwd>/dist`. Never packed itself. */
  outDir?: string;
  /**
   * Write the archive here instead of `outDir`, and keep no SHA256SUMS: `release` stages every archive
   * before any of them reaches `outDir`.
   */
  stageDir?: string;
  /** Lint first and stop on errors (default true). */
  lint?: boolean;
  target?: TargetId;
  /** A private key file, or `env:NAME` for a key held in an environment variable. */
  sign?: string;
  /** An external signer command (KMS, HSM); needs `signerPublicKey`. */
  signer?: string;
  /** The signer's public key: a literal `ed25519:...` or a .pub file. */
  signerPublicKey?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Worker threads that deflate the files while this thread lints. Default: none on one or two cores
   * (measured slower there), else one per further core, up to 2, for plugins over 1 MiB. 0: compress here.
   * The archive is byte-identical either way.
   */
  compressionWorkers?: number;
  /**
   * The package.json to pack instead of the plugin's own (added when the plugin has none): an npm release packs
   * the settled one, so the signed manifest covers exactly the published file.
   */
  packageJson?: Uint8Array;
  /**
   * A folder for the cache of deflated entries (docs/packing.md): files whose content was packed before, by the
   * same deflate, are not deflated again. Off unless given; the CLI gives the user cache folder. The archive's bytes
   * are the same either way.
   */
  cache?: string;
}

export interface PackReport {
  plugin: { name: string; version: string };
  archive: string;
  fileName: string;
  size: number;
  fileCount: number;
  sha256: string;
  /** Subresource-integrity string, as npm and browsers use: `sha512-<base64>`. */
  integrity: string;
  signature: { keyId: string } | null;
  bundles: FileManifest["bundles"];
  /** The SHA256SUMS file updated, or null when the archive was staged. */
  checksums: string | null;
  lint: { errorCount: number; warningCount: number } | null;
  /** Files whose deflated bytes came from the cache, and files deflated; null without a cache. */
  cache: { reused: number; deflated: number } | null;
}

/** The plugin's name and version, as the archive's file name uses them. */
function identity(plugin: PluginModel, cwd: string): { name: string; version: string } {
  const manifest = plugin.manifest?.doc.value as Record<string, unknown> | undefined;
  const packageJson = plugin.packageJson?.doc.value as Record<string, unknown> | undefined;
  if (!plugin.manifest)
    throw new PackError(
      `no plugin manifest at ${relative(cwd, plugin.manifestPath) || plugin.manifestPath}: run plugin-pack inside a plugin folder`,
      plugin.manifestPath,
    );
  if (!manifest || typeof manifest !== "object")
    throw new PackError(
      `${plugin.manifestPath} is not valid JSON: run plugin-lint for the details`,
      plugin.manifestPath,
    );
  const name =
    typeof manifest.name === "string" && manifest.name.trim() !== "" ? manifest.name.trim() : basename(plugin.root);
  const version =
    typeof manifest.version === "string" && manifest.version.trim() !== ""
      ? manifest.version.trim()
      : typeof packageJson?.version === "string"
        ? packageJson.version
        : undefined;
  if (!/^[A-Za-z0-9_.-]+$/.test(name))
    throw new PackError(
      `plugin name "${name}" cannot name an archive: use letters, digits, '.', '_' and '-'`,
      plugin.manifestPath,
    );
  if (!version)
    throw new PackError(
      `${plugin.manifestPath} has no "version": set one (SemVer, e.g. "1.0.0") so the archive can be named and versioned`,
      plugin.manifestPath,
    );
  if (!/^[A-Za-z0-9._+-]+$/.test(version) || version === "." || version === "..")
    throw new PackError(`version "${version}" cannot name an archive: use SemVer such as "1.0.0"`, plugin.manifestPath);
  return { name, version };
}

/** The plugin folder to pack, checked before anything else reads it. */
function pluginFolder(cwd: string, dir: string | undefined): string {
  const root = resolve(cwd, dir ?? ".");
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new PackError(`${dir ?? root} does not exist: give the plugin folder to pack`, root);
  }
  if (!isDirectory) throw new PackError(`${dir ?? root} is not a folder: give the plugin folder to pack`, root);
  return root;
}

export interface PackPlan {
  plugin: PluginModel;
  identity: { name: string; version: string };
  selection: Selection;
  bundle: BundleResult;
  /** Every decision, including bundle outputs added to the archive. */
  decisions: SelectionDecision[];
}

type PlanOptions = { dir?: string; cwd?: string; outDir?: string; target?: TargetId };

/** What would be packed, and why each file is in or out: `plugin-pack ls --why`. */
export async function planPack(options: PlanOptions = {}): Promise<PackPlan> {
  return plan(options, { skills: true });
}

/**
 * `skills: false` loads the model without its skills (`plan.plugin.skills` is empty): pack needs only the
 * manifests and component files, and reading and parsing every SKILL.md was a large share of a big plugin's pack
 * time (measured: CPU 1.06 s -> 0.91 s packing the 791-file zoom plugin). A bundle that needs the skill folders
 * loads them then. Such a model is also loaded shallowly (`plan.plugin.files` is empty): without its skills nothing
 * pack reads of it comes from the walk, and selectFiles walks the folder anyway, so the plugin is walked once.
 */
async function plan(options: PlanOptions, load: { skills: boolean }): Promise<PackPlan> {
  const cwd = options.cwd ?? process.cwd();
  const root = pluginFolder(cwd, options.dir);
  const host = options.target ?? defaultPackTarget(root);
  const plugin = loadPlugin(root, load.skills ? { host } : { host, skills: false, shallow: true });
  const who = identity(plugin, cwd);
  const bundle = await bundleMcpServers(plugin, {
    toolchainVersion: VERSION,
    ...(load.skills ? {} : { skills: () => loadPlugin(root, { host }).skills }),
  });
  const selection = selectFiles(root, { outDir: resolve(cwd, options.outDir ?? "dist"), exclude: bundle.consumed });
  const generated = selection.files.filter((f) => f.path === ".plugin-pack" || f.path.startsWith(".plugin-pack/"));
  if (generated.length > 0) {
    throw new PackError(
      `${generated[0]!.path}: .plugin-pack/ is written by plugin-pack itself; remove it from the plugin (or add it to .pluginignore)`,
      generated[0]!.absolute,
    );
  }
  const rewritten = new Set(bundle.mcpFiles.map((file) => file.path));
  const decisions = [
    // A rewritten MCP file is packed, but as a copy that starts the bundles, not as it is on disk.
    ...selection.decisions.map((d) =>
      d.included && rewritten.has(d.path) ? { ...d, reason: "rewritten: a copy that starts the bundled servers" } : d,
    ),
    ...bundle.outputs.map((o) => ({
      path: o.path,
      included: true,
      reason: "generated: esbuild bundle of an MCP server",
      size: o.data.length,
    })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { plugin, identity: who, selection, bundle, decisions };
}

export async function pack(options: PackOptions = {}): Promise<PackReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const root = pluginFolder(cwd, options.dir);
  if (options.signer && !options.signerPublicKey)
    throw new PackError("--signer needs --signer-public-key: the public key the external signer signs for");
  if (options.signer && options.sign) throw new PackError("use either --sign or --signer, not both");
  // Loaded only to sign: an unsigned pack starts without the signing code (and child_process, for --signer).
  const signing = options.sign || options.signer ? await import("../signing/index.js") : undefined;
  // Load the key before any work, so a bad key fails fast and nothing is written.
  const signingKey = signing && options.sign ? signing.loadSigningKey(options.sign, { cwd, env }) : undefined;

  const outDir = resolve(cwd, options.outDir ?? "dist");
  // Planned before linting, so the files can compress on other threads while this one lints. A lint
  // failure still wins over a planning error, as it did when lint ran first.
  const planned = await plan({ ...options, cwd, outDir }, { skills: false }).then(
    (plan) => ({ plan }),
    (error: unknown) => ({ error }),
  );
  const files = "plan" in planned ? archiveFiles(planned.plan, options.packageJson) : [];
  // Lint or no lint: a credential file is never packed.
  for (const file of files) {
    const credential = credentialFileReason(file.path);
    if (credential !== undefined)
      throw new PackError(
        `refusing to pack ${file.path}: ${credential}; move it out of the plugin folder (nothing was written)`,
        file.path,
      );
  }
  // Read before compressing starts; a cache that cannot be read is an empty one.
  const cache = options.cache !== undefined && files.length > 0 ? new DeflateCache(options.cache, root) : undefined;
  const compression = new Compression(
    files.map((file) => file.job),
    {
      ...(options.compressionWorkers === undefined ? {} : { workers: options.compressionWorkers }),
      // Every packed file, whatever its size or depth, is scanned for the key that signs it.
      ...(signing && signingKey ? { forbidden: signing.keyFingerprints(signingKey.key) } : {}),
      ...(cache ? { cached: cache.streams } : {}),
    },
  );
  try {
    let lintSummary: PackReport["lint"] = null;
    if (options.lint !== false) {
      // Loaded here, not at the top: inspect and install use this folder's selection and must not load the linter.
      const { lint } = await import("@agent-plugin/plugin-lint");
      const report = await lint({ paths: [root], cwd, ...(options.target ? { target: options.target } : {}) });
      if (report.errorCount > 0) throw new LintFailedError(report);
      lintSummary = { errorCount: report.errorCount, warningCount: report.warningCount };
    }
    if (!("plan" in planned)) throw planned.error;
    const compressed = await compression.results();
    const leaked = files.find((_, index) => compressed[index]!.holdsForbidden);
    if (leaked !== undefined)
      throw new PackError(
        `refusing to pack ${leaked.path}: it holds the signing key in use (raw, hex, base64 or PEM, possibly wrapped or JSON-escaped); remove it from the plugin folder (nothing was written)`,
        leaked.path,
      );
    // The file manifest is the same from pack to pack of unchanged files: cached like them, so a warm pack of an
    // unchanged plugin never loads the deflate at all.
    const extra: CompressResult[] = [];
    const compressExtra = (data: Uint8Array): CompressedData => {
      if (!cache) return compressEntry(data);
      const result = runJob({ data }, [], undefined, cache.streams);
      extra.push(result);
      return result;
    };
    const report = await writeArchive({
      plan: planned.plan,
      files,
      compressed,
      compressManifest: compressExtra,
      outDir,
      lintSummary,
      signingKey,
      signing,
      options,
      cwd,
      env,
    });
    // Only after the archive is written: a failed pack leaves the cache as it was.
    cache?.save([...compressed, ...extra]);
    const reused = compressed.filter((result) => result.reused).length;
    return { ...report, cache: cache ? { reused, deflated: compressed.length - reused } : null };
  } finally {
    // On every path, a lint failure and an error included: no worker may outlive the pack.
    await compression.close();
  }
}

async function writeArchive(args: {
  plan: PackPlan;
  files: readonly ArchiveFile[];
  compressed: readonly CompressResult[];
  /** Deflates the file manifest (from the cache when it can). */
  compressManifest: (data: Uint8Array) => CompressedData;
  outDir: string;
  lintSummary: PackReport["lint"];
  signingKey: ReturnType<typeof loadSigningKey> | undefined;
  /** The signing module, loaded when the pack signs. */
  signing: typeof import("../signing/index.js") | undefined;
  options: PackOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): Promise<Omit<PackReport, "cache">> {
  const { plan, files, compressed, outDir, signingKey, signing, options, cwd } = args;
  const timestamp = archiveTimestamp(args.env);
  const manifest = fileManifest(plan, files, compressed, timestamp);
  const manifestBytes = serializeFileManifest(manifest);
  const entries: CompressedInput[] = [
    ...files.map((file, index) => ({ path: file.path, mode: file.mode, data: compressed[index]! })),
    { path: MANIFEST_PATH, mode: 0o644, data: args.compressManifest(manifestBytes) },
  ];

  let signature: PackReport["signature"] = null;
  if (signing && (signingKey || options.signer)) {
    const { serializeSignatureFile, signManifest } = signing;
    const signed = signingKey
      ? await signManifest(manifestBytes, { kind: "key", key: signingKey.key, publicKey: signingKey.publicKey })
      : await signManifest(manifestBytes, {
          kind: "command",
          command: options.signer!,
          publicKey: readPublicKeyText(options.signerPublicKey!, cwd),
          cwd,
          env: args.env,
        });
    entries.push({ path: SIGNATURE_PATH, mode: 0o644, data: compressEntry(serializeSignatureFile(signed)) });
    signature = { keyId: signed.keyId };
  }

  // Written piece by piece, each file's deflated bytes as they are, and hashed as it is written.
  const zip = assembleZipChunks(entries, { timestamp });
  const fileName = `${plan.identity.name}-${plan.identity.version}.zip`;
  const writeDir = options.stageDir !== undefined ? resolve(cwd, options.stageDir) : outDir;
  const archive = join(writeDir, fileName);
  const sha256Hash = createHash("sha256");
  const sha512Hash = createHash("sha512");
  try {
    mkdirSync(writeDir, { recursive: true });
    writeChunksAtomic(archive, zip.chunks, (bytes) => {
      sha256Hash.update(bytes);
      sha512Hash.update(bytes);
    });
  } catch (error) {
    throw new PackError(
      `cannot write ${archive} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      archive,
    );
  }
  const sha256 = sha256Hash.digest("hex");
  const integrity = `sha512-${sha512Hash.digest("base64")}`;
  const checksums = options.stageDir !== undefined ? null : recordChecksum(outDir, fileName, sha256);
  return {
    plugin: plan.identity,
    archive,
    fileName,
    size: zip.size,
    fileCount: entries.length,
    sha256,
    integrity,
    signature,
    bundles: plan.bundle.bundles,
    checksums,
    lint: args.lintSummary,
  };
}

const PACKAGE_JSON = "package.json";

/** A file going into the archive, and where its bytes come from. */
interface ArchiveFile {
  path: string;
  mode: 0o644 | 0o755;
  job: CompressJob;
}

/** Every selected file, read by whoever compresses it; each MCP file that starts a bundle is its rewritten copy. */
function archiveFiles(plan: PackPlan, packageJson: Uint8Array | undefined): ArchiveFile[] {
  const rewritten = new Map(plan.bundle.mcpFiles.map((file) => [file.path, file.data]));
  if (packageJson !== undefined) rewritten.set(PACKAGE_JSON, packageJson);
  const selected = plan.selection.files.some((file) => file.path === PACKAGE_JSON);
  return [
    ...(packageJson !== undefined && !selected
      ? [{ path: PACKAGE_JSON, mode: 0o644 as const, job: { data: packageJson } }]
      : []),
    ...plan.selection.files.map((file) => {
      const data = rewritten.get(file.path);
      // A replaced package.json is never executable, whatever the plugin's was.
      const mode = file.path === PACKAGE_JSON && packageJson !== undefined ? 0o644 : file.mode;
      return { path: file.path, mode, job: data ? { data } : { file: file.absolute, size: file.size } };
    }),
    ...plan.bundle.outputs.map((output) => ({ path: output.path, mode: output.mode, job: { data: output.data } })),
  ];
}

/**
 * The file manifest, with each file's size and SHA-256 as measured where it was compressed: the file's
 * bytes never reach this thread. buildFileManifest still sorts and checks the paths; it gets empty
 * stand-ins for the data, and the real size and digest replace what it computed from them.
 */
function fileManifest(
  plan: PackPlan,
  files: readonly ArchiveFile[],
  compressed: readonly CompressResult[],
  timestamp: ArchiveTimestamp,
): FileManifest {
  // Sizes and hashes come from the compression step, which read each file once.
  const measured = files.map((file, index) => ({
    path: file.path,
    mode: file.mode,
    size: compressed[index]!.size,
    sha256: compressed[index]!.sha256,
  }));
  return buildFileManifest({
    plugin: plan.identity,
    toolchainVersion: VERSION,
    timestamp,
    files: measured,
    bundles: plan.bundle.bundles,
  });
}

/** A public key given on the command line: a literal `ed25519:...` or a file holding one. */
function readPublicKeyText(spec: string, cwd: string): string {
  if (spec.startsWith("ed25519:")) return spec.trim();
  try {
    return readFileSync(resolve(cwd, spec), "utf8").trim();
  } catch {
    throw new PackError(`cannot read the signer's public key ${spec}: give a .pub file or an "ed25519:..." key`, spec);
  }
}
