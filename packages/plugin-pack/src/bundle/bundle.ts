import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import type { BuildFailure, BuildResult, Message, Metafile, OnResolveArgs, Plugin } from "esbuild";
import { findNodeAtLocation, parseTree, type JSONPath } from "jsonc-parser";
import {
  detectJsonStyle,
  indentAt,
  isInside,
  lstatOrUndefined,
  isRecord,
  replaceJsonScalar,
  safeRealpath,
  setJsonProperty,
  splice,
  toPosixRelative,
  type PluginModel,
  type SkillFile,
} from "@agent-plugin/core/model";
import { PackError } from "../errors.js";
import { esbuildMissingError, isEsbuildMissing } from "./esbuild-missing.js";
import { pluginMcp, type InlineServers, type McpSource, type ServerConfig } from "./mcp-sources.js";
import { BUNDLE_DIR, type ArchiveInput, type FileManifest } from "../archive/index.js";

export interface BundleResult {
  /** One `.plugin-pack/bundles/<name>.mjs` per bundled entry file. */
  outputs: ArchiveInput[];
  /** Copies of the MCP files that start a bundle, rewritten to do so, in the order the hosts read them. */
  mcpFiles: { path: string; data: Uint8Array }[];
  /** Which server, started from which entry file, runs which bundle: one item per server name and bundle. */
  bundles: FileManifest["bundles"];
  /** Sources the bundles replaced, relative path → reason: `selectFiles` leaves them out. */
  consumed: Map<string, string>;
}

export interface BundleOptions {
  /** plugin-pack's version, written in each bundle's first line. */
  toolchainVersion?: string;
  /**
   * The plugin's skills, asked for only when a server is bundled (a script inside a skill folder is never
   * consumed by a bundle). Default: the model's; a model loaded with `skills: false` has none, so its loader
   * passes them here.
   */
  skills?: () => readonly SkillFile[];
}

/**
 * Bundles every stdio MCP server whose entry is a local JavaScript or TypeScript file into one ESM file,
 * so the archive needs no `node_modules` and no install step, and rewrites a copy of each MCP file that a
 * host of the plugin reads (Codex's, Claude Code's) to start the bundles, in that file's own form. Servers
 * that are not local Node scripts (remote, `npx`, python, ...) are left untouched.
 */
export async function bundleMcpServers(plugin: PluginModel, options: BundleOptions = {}): Promise<BundleResult> {
  const result: BundleResult = { outputs: [], mcpFiles: [], bundles: [], consumed: new Map() };
  const mcp = pluginMcp(plugin);
  refuseInlineServers(plugin.root, mcp.inline);
  const taken = new Set<string>();
  const bundles: Bundle[] = [];
  const files = mcp.files.map((source, index) => ({
    source,
    plans: planServers(plugin.root, source, index, bundles, taken),
  }));
  if (bundles.length === 0) return result;

  const protectedPaths = referencedPaths(plugin, mcp.otherReferences, files);
  const skillDirs = (options.skills?.() ?? plugin.skills).map((skill) => toPosixRelative(plugin.root, skill.dir));
  for (const bundle of bundles) {
    const built = await bundleServer(plugin.root, bundle, options.toolchainVersion);
    result.outputs.push({ path: bundle.output, data: built.data, mode: 0o644 });
    for (const source of consumedSources(built.inputs, bundle, protectedPaths, skillDirs)) {
      if (!result.consumed.has(source)) result.consumed.set(source, `bundled into ${bundle.output}`);
    }
  }
  const listed = new Set<string>();
  for (const { source, plans } of files) {
    for (const plan of plans) {
      // The same server starting the same bundle from both hosts' files is one item.
      const key = JSON.stringify([plan.server, plan.bundle.output]);
      if (!listed.has(key))
        result.bundles.push({ server: plan.server, entry: plan.bundle.entry, output: plan.bundle.output });
      listed.add(key);
    }
    if (plans.length > 0)
      result.mcpFiles.push({
        path: source.path,
        data: new TextEncoder().encode(rewriteMcpText(source.text, source.basePath, plans)),
      });
  }
  return result;
}

/** One esbuild output: an entry file, bundled once however many servers start it. */
interface Bundle {
  /** The server it was first planned for: its name names the file and its errors. */
  server: string;
  /** The entry file, relative to the plugin root. */
  entry: string;
  entryAbsolute: string;
  /** `.plugin-pack/bundles/<name>.mjs` */
  output: string;
  /** The index of the MCP file it was first planned for. */
  fileIndex: number;
}

/** How one server of one MCP file is started, and what its packed copy runs instead. */
interface ServerPlan {
  server: string;
  bundle: Bundle;
  launch: Launch;
  /** The new first script argument: the bundle, located the way the file's hosts find it. */
  bundleArg: string;
  /**
   * The plugin root as the file's form writes it (`"."` for Codex, `"./"` for the standard), when the packed server
   * needs it as `cwd` (added, or replacing a subfolder); else `cwd` is left as it was.
   */
  setCwd?: "." | "./";
}

interface Launch {
  /** `node [flags] <entry> ...args` or `<entry> ...args` (a script with a shebang). */
  form: "node" | "command";
  args: string[];
  /** Index of the entry in `args` (node form only). */
  entryIndex: number;
  /** Written entry, as it appears in the file. */
  entryRaw: string;
  /** Indices in `args` of TypeScript loader flags that a plain-JS bundle no longer needs. */
  dropped: number[];
}

function planServers(
  root: string,
  source: McpSource,
  fileIndex: number,
  bundles: Bundle[],
  taken: Set<string>,
): ServerPlan[] {
  const plans: ServerPlan[] = [];
  for (const [server, config] of source.servers) {
    const launch = localNodeLaunch(server, config);
    if (!launch) continue;
    const location = locateEntry(root, server, config, launch.entryRaw, source.path);
    if (!location) continue;
    const bundle =
      sharedBundle(bundles, server, location.entryAbsolute, fileIndex) ??
      newBundle(root, server, location.entryAbsolute, fileIndex, bundles, taken);
    const rest = launch.args.filter((_, index) => index !== launch.entryIndex && !launch.dropped.includes(index));
    const placement =
      source.form === "claude"
        ? { bundleArg: `${location.placeholder ?? CLAUDE_PLUGIN_ROOT}/${bundle.output}` }
        : placeBundle(root, bundle.output, location, rest, source.form);
    plans.push({ server, bundle, launch, ...placement });
  }
  return plans;
}

/**
 * The bundle an earlier MCP file already made of this entry, preferring the one of the same server name.
 * Within one file each server keeps a bundle of its own, as it always has.
 */
function sharedBundle(
  bundles: readonly Bundle[],
  server: string,
  entryAbsolute: string,
  fileIndex: number,
): Bundle | undefined {
  const same = bundles.filter((bundle) => bundle.entryAbsolute === entryAbsolute && bundle.fileIndex < fileIndex);
  return same.find((bundle) => bundle.server === server) ?? same[0];
}

function newBundle(
  root: string,
  server: string,
  entryAbsolute: string,
  fileIndex: number,
  bundles: Bundle[],
  taken: Set<string>,
): Bundle {
  const bundle = {
    server,
    entry: toPosixRelative(root, entryAbsolute),
    entryAbsolute,
    output: `${BUNDLE_DIR}/${bundleFileName(server, taken)}`,
    fileIndex,
  };
  bundles.push(bundle);
  return bundle;
}

/**
 * A server written inside a manifest is refused rather than shipped as sources without their `node_modules`.
 * Its manifest is not rewritten: plugin-pack changes MCP files only, so the packed manifest stays the one the
 * author wrote and versioned, and an archive differs from its repository in MCP files and bundles alone.
 */
function refuseInlineServers(root: string, inline: readonly InlineServers[]): void {
  for (const { path, servers } of inline) {
    for (const [server, config] of servers) {
      const launch = localNodeLaunch(server, config);
      const cwd = config.cwd === undefined ? undefined : resolveWritten(root, config.cwd, root);
      if (!launch || cwd === null || !resolveWritten(root, launch.entryRaw, cwd?.absolute ?? root)) continue;
      throw new PackError(
        `server "${server}" is declared inline in ${path}: plugin-pack bundles local servers only from an MCP file, whose packed copy it rewrites to start the bundle; move the servers to an MCP file such as .mcp.json and set "mcpServers": "./.mcp.json"`,
        join(root, path),
      );
    }
  }
}

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s)$/i;
const CLAUDE_PLUGIN_ROOT = "${CLAUDE_PLUGIN_ROOT}";
const ROOT_PLACEHOLDER = /^(\$\{(?:CLAUDE_PLUGIN_ROOT|PLUGIN_ROOT)\})(?:[\\/](.*))?$/;

/** Node flags that take the next argument as their value. */
const NODE_VALUE_FLAGS = new Set([
  "-r",
  "--require",
  "--import",
  "--loader",
  "--experimental-loader",
  "-C",
  "--conditions",
  "--input-type",
  "--env-file",
  "--env-file-if-exists",
  "--title",
  "--watch-path",
  "--disable-warning",
  "--redirect-warnings",
  "--openssl-config",
  "--icu-data-dir",
]);
/** Node flags after which there is no script file to bundle. */
const NODE_NO_SCRIPT_FLAGS = new Set([
  "-e",
  "--eval",
  "-p",
  "--print",
  "-i",
  "--interactive",
  "-c",
  "--check",
  "--test",
  "-v",
  "--version",
  "-h",
  "--help",
  "--run",
]);
/** Flags that load a module before the entry: a bundle cannot carry it, since node_modules is not shipped. */
const NODE_PRELOAD_FLAGS = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader"]);
/** Preloads that only compile TypeScript on the fly: pointless once esbuild has compiled it. */
const TYPESCRIPT_LOADERS = new Set([
  "tsx",
  "tsx/esm",
  "tsx/cjs",
  "ts-node/register",
  "ts-node/register/transpile-only",
  "ts-node/esm",
  "@swc-node/register",
  "esbuild-register",
  "@esbuild-kit/cjs-loader",
  "@esbuild-kit/esm-loader",
]);

/** The launch of a stdio server whose entry is a local .js/.ts file, or undefined for any other server. */
function localNodeLaunch(server: string, config: ServerConfig): Launch | undefined {
  if (config.url !== undefined || (config.type !== undefined && config.type !== "stdio")) return undefined;
  const { command } = config;
  const args = config.args === undefined ? [] : config.args;
  if (
    typeof command !== "string" ||
    !Array.isArray(args) ||
    !args.every((arg): arg is string => typeof arg === "string")
  )
    return undefined;
  if (command === "node") return nodeLaunch(server, args);
  const isScriptPath = SCRIPT_EXTENSION.test(command) && (ROOT_PLACEHOLDER.test(command) || command.includes("/"));
  return isScriptPath ? { form: "command", args, entryIndex: -1, entryRaw: command, dropped: [] } : undefined;
}

function nodeLaunch(server: string, args: string[]): Launch | undefined {
  const dropped: number[] = [];
  let index = 0;
  for (; index < args.length && args[index]!.startsWith("-"); index++) {
    const arg = args[index]!;
    if (arg === "--") {
      index++;
      break;
    }
    const [flag, inlineValue] = splitFlag(arg);
    if (NODE_NO_SCRIPT_FLAGS.has(flag)) return undefined;
    const takesNext = inlineValue === undefined && NODE_VALUE_FLAGS.has(flag);
    const value = takesNext ? args[index + 1] : inlineValue;
    if (NODE_PRELOAD_FLAGS.has(flag) && value !== undefined) {
      if (!TYPESCRIPT_LOADERS.has(value)) {
        throw new PackError(
          `server "${server}" preloads "${value}" with ${flag}: a bundle cannot carry preloaded modules; import it at the top of the server's entry instead`,
        );
      }
      dropped.push(index, ...(takesNext ? [index + 1] : []));
    }
    if (takesNext) index++;
  }
  const entryRaw = args[index];
  if (entryRaw === undefined || !SCRIPT_EXTENSION.test(entryRaw)) return undefined;
  return { form: "node", args, entryIndex: index, entryRaw, dropped };
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

interface EntryLocation {
  entryAbsolute: string;
  /** `${CLAUDE_PLUGIN_ROOT}` or `${PLUGIN_ROOT}` when the entry was written with it. */
  placeholder?: string;
  /** The server's working folder, when `cwd` names one. */
  cwdAbsolute?: string;
}

/** Where the entry file is, or undefined for entries that are not the plugin's own files (absolute, other variables). */
function locateEntry(
  root: string,
  server: string,
  config: ServerConfig,
  entryRaw: string,
  mcpPath: string,
): EntryLocation | undefined {
  const cwd = config.cwd === undefined ? undefined : resolveWritten(root, config.cwd, root);
  if (cwd === null) return undefined;
  const entry = resolveWritten(root, entryRaw, cwd?.absolute ?? root);
  if (!entry) return undefined;
  if (!isInside(root, entry.absolute)) {
    throw new PackError(
      `server "${server}": the entry ${entryRaw} is outside the plugin folder; move the server's code into the plugin`,
      entry.absolute,
    );
  }
  const shown = toPosixRelative(root, entry.absolute);
  const stats = lstatOrUndefined(entry.absolute);
  if (!stats)
    throw new PackError(
      `server "${server}": the entry ${entryRaw} does not exist (${shown}); build the server before packing, or fix its path in ${mcpPath}`,
      entry.absolute,
    );
  if (stats.isSymbolicLink())
    throw new PackError(
      `${shown} is a symbolic link: archives hold regular files only; replace it with the file it points to`,
      entry.absolute,
    );
  if (!stats.isFile())
    throw new PackError(
      `server "${server}": the entry ${entryRaw} is not a file; name the server's .js or .ts entry in ${mcpPath}`,
      entry.absolute,
    );
  return {
    entryAbsolute: entry.absolute,
    ...(entry.placeholder ? { placeholder: entry.placeholder } : {}),
    ...(cwd ? { cwdAbsolute: cwd.absolute } : {}),
  };
}

/** A path written in the MCP file: undefined when absent, null when it is not one of the plugin's own paths. */
function resolveWritten(
  root: string,
  raw: unknown,
  base: string,
): { absolute: string; placeholder?: string } | null | undefined {
  if (typeof raw !== "string") return null;
  const placeholder = ROOT_PLACEHOLDER.exec(raw);
  if (placeholder) return { absolute: resolve(root, placeholder[2] ?? "."), placeholder: placeholder[1]! };
  if (raw.startsWith("$") || raw.startsWith("~") || isAbsolute(raw) || /^[A-Za-z]:[\\/]/.test(raw)) return null;
  return { absolute: resolve(base, raw) };
}

/**
 * Where a packed MCP file that Codex reads points the server (the Codex form; a file only Claude Code reads
 * always names `${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/<name>.mjs`, since Claude Code ignores `cwd`).
 * A relative bundle path always comes with a `cwd`: Codex starts a server with no `cwd` in the session's
 * folder (the user's workspace, openai/codex#22842), and resolves a relative `cwd` against the plugin root.
 * - `${CLAUDE_PLUGIN_ROOT}/...` stays `${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/<name>.mjs`, `cwd` untouched;
 * - a relative entry becomes `./.plugin-pack/bundles/<name>.mjs` with `"cwd": "."` (added when there was none;
 *   a `cwd` naming the root is kept);
 * - a `cwd` naming a subfolder only served to find the entry, and becomes `"."`, unless another argument is a
 *   relative path: then the server must keep running there, so `cwd` stays and the bundle path is written
 *   relative to it (`../.plugin-pack/bundles/<name>.mjs`).
 */
function placeBundle(
  root: string,
  output: string,
  location: EntryLocation,
  rest: readonly string[],
  form: "codex" | "agent-plugins",
): { bundleArg: string; setCwd?: "." | "./" } {
  if (location.placeholder) return { bundleArg: `${location.placeholder}/${output}` };
  const cwd = location.cwdAbsolute;
  // The standard runs a server without `cwd` in the plugin root (§7.2.1): nothing to add.
  if (cwd === root || (cwd === undefined && form === "agent-plugins")) return { bundleArg: `./${output}` };
  if (cwd === undefined || !rest.some((arg) => isRelativePathArg(arg, cwd)))
    return { bundleArg: `./${output}`, setCwd: form === "agent-plugins" ? "./" : "." };
  const fromCwd = relative(cwd, join(root, output)).split(sep).join("/");
  return { bundleArg: fromCwd.startsWith(".") ? fromCwd : `./${fromCwd}` };
}

/** `./x`, `../x`, `--flag=./x`, or a bare name that exists in the working folder. */
function isRelativePathArg(arg: string, cwd: string): boolean {
  const value = arg.startsWith("-") ? splitFlag(arg)[1] : arg;
  if (value === undefined || value === "") return false;
  if (/^\.\.?[\\/]/.test(value)) return true;
  return !value.startsWith("-") && !value.startsWith("$") && !isAbsolute(value) && existsSync(join(cwd, value));
}

/** `[a-z0-9._-]` only, unique among this plugin's bundles, never hidden. */
function bundleFileName(server: string, taken: Set<string>): string {
  const base =
    server
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[.-]+/, "")
      .replace(/-+$/, "") || "server";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return `${name}.mjs`;
}

interface BuiltBundle {
  data: Uint8Array;
  inputs: Metafile["inputs"];
}

/**
 * esbuild loads only when a server needs bundling: importing it costs every other command start-up time. It is an
 * optional peer dependency, so a plugin without a local server never installs it.
 */
const loadEsbuild = (root: string, bundle: Bundle) =>
  import("esbuild").catch((error: unknown) => {
    throw isEsbuildMissing(error) ? esbuildMissingError(root, bundle.server, bundle.entry) : error;
  });

async function bundleServer(root: string, bundle: Bundle, toolchainVersion: string | undefined): Promise<BuiltBundle> {
  const { build, version: esbuildVersion } = await loadEsbuild(root, bundle);
  const natives: string[] = [];
  const outfile = join(root, bundle.output);
  let result: BuildResult<{ write: false; metafile: true }>;
  try {
    result = await build({
      entryPoints: [bundle.entryAbsolute],
      outfile,
      bundle: true,
      platform: "node",
      // Node resolves "main", but some packages point it at a UMD build that breaks once bundled; prefer their ESM build.
      mainFields: ["module", "main"],
      format: "esm",
      target: "node20",
      absWorkingDir: root,
      write: false,
      metafile: true,
      logLevel: "silent",
      legalComments: "eof",
      charset: "utf8",
      banner: { js: banner(bundle.output, toolchainVersion, esbuildVersion) },
      plugins: [nativeAddonSpy(root, natives)],
    });
  } catch (error) {
    if (natives[0] !== undefined) throw nativeAddonError(bundle.server, `the native module ${natives[0]}`);
    // A native package often fails to bundle (a computed require of its .node file): name the real cause.
    const native = nativePackageInErrors(root, error);
    if (native) throw nativeAddonError(bundle.server, native);
    throw bundlingError(bundle, error);
  }
  if (natives[0] !== undefined) throw nativeAddonError(bundle.server, `the native module ${natives[0]}`);
  const native = nativePackage(root, result.metafile.inputs);
  if (native) throw nativeAddonError(bundle.server, native);
  const output = result.outputFiles.find((file) => file.path === outfile);
  if (!output) throw new PackError(`server "${bundle.server}": esbuild produced no ${bundle.output}`);
  checkNoAbsolutePaths(root, bundle, output.text);
  return { data: output.contents, inputs: result.metafile.inputs };
}

/**
 * The bundle's first lines. `require` is created for CommonJS dependencies that call it: an ESM file has
 * none, and esbuild renames any `require` the sources declare, so this one cannot clash.
 */
function banner(output: string, toolchainVersion: string | undefined, esbuildVersion: string): string {
  const version = (toolchainVersion ?? "").replace(/[^\w.+-]/g, "");
  return [
    `// ${posix.basename(output)}: an MCP server and its dependencies, bundled by plugin-pack${version ? ` ${version}` : ""} with esbuild ${esbuildVersion}.`,
    `import { createRequire as __pluginPackCreateRequire } from "node:module";`,
    `const require = __pluginPackCreateRequire(import.meta.url);`,
  ].join("\n");
}

/** Records every `.node` file the server imports; left external so the build finishes and the error names it. */
function nativeAddonSpy(root: string, found: string[]): Plugin {
  return {
    name: "plugin-pack-native-addons",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\.node$/ }, (args: OnResolveArgs) => {
        const isPath = args.path.startsWith(".") || isAbsolute(args.path);
        found.push(isPath ? toPosixRelative(root, resolve(args.resolveDir, args.path)) : args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

function nativeAddonError(server: string, what: string): PackError {
  return new PackError(
    `server "${server}" loads ${what}: native addons cannot be bundled into a portable archive; use a pure-JS dependency or ship the server as a remote (http) MCP server`,
  );
}

/** Packages that always build native code. */
const KNOWN_NATIVE_PACKAGES = new Set([
  "better-sqlite3",
  "sqlite3",
  "bcrypt",
  "sharp",
  "canvas",
  "node-pty",
  "keytar",
  "fsevents",
  "cpu-features",
  "re2",
  "leveldown",
  "classic-level",
  "argon2",
  "zeromq",
  "@parcel/watcher",
  "lmdb",
  "usb",
  "@serialport/bindings-cpp",
]);
/** Packages whose only job is finding a compiled `.node` file at run time (with a path esbuild cannot see). */
const NATIVE_LOADERS = new Set([
  "bindings",
  "node-gyp-build",
  "node-gyp-build-optional-packages",
  "@mapbox/node-pre-gyp",
  "node-pre-gyp",
]);

/** Describes the first bundled package that needs a native build, from the esbuild metafile. */
function nativePackage(root: string, inputs: Metafile["inputs"]): string | undefined {
  const seen = new Set<string>();
  const sorted = Object.keys(inputs).sort();
  for (const input of sorted) {
    const pkg = packageOf(input);
    if (!pkg || seen.has(pkg.folder)) continue;
    seen.add(pkg.folder);
    if (NATIVE_LOADERS.has(pkg.name)) {
      const user = sorted.find(
        (other) =>
          packageOf(other)?.folder !== pkg.folder &&
          inputs[other]!.imports.some((i) => i.path.startsWith(`${pkg.folder}/`)),
      );
      const userPkg = user ? packageOf(user) : undefined;
      return userPkg
        ? `the native package ${userPkg.name} (${userPkg.folder}), through ${pkg.name} (${pkg.folder})`
        : `the native package ${pkg.name} (${pkg.folder})`;
    }
    if (isNativePackage(root, pkg)) return `the native package ${pkg.name} (${pkg.folder})`;
  }
  return undefined;
}

/** The native package an esbuild failure happened in, if any. */
function nativePackageInErrors(root: string, error: unknown): string | undefined {
  for (const message of (error as Partial<BuildFailure>).errors ?? []) {
    const pkg = message.location ? packageOf(message.location.file) : undefined;
    if (pkg && (NATIVE_LOADERS.has(pkg.name) || isNativePackage(root, pkg)))
      return `the native package ${pkg.name} (${pkg.folder})`;
  }
  return undefined;
}

function isNativePackage(root: string, pkg: { name: string; folder: string }): boolean {
  return KNOWN_NATIVE_PACKAGES.has(pkg.name) || hasNativeBuild(join(root, pkg.folder));
}

function packageOf(input: string): { name: string; folder: string } | undefined {
  const marker = "node_modules/";
  const at = input.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = input.slice(at + marker.length).split("/");
  const name = parts[0]!.startsWith("@") && parts[1] !== undefined ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return { name, folder: input.slice(0, at + marker.length) + name };
}

/** A package that node-gyp builds on install: `binding.gyp`, or `"gypfile": true`. */
function hasNativeBuild(folder: string): boolean {
  if (existsSync(join(folder, "binding.gyp"))) return true;
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    return isRecord(manifest) && manifest.gypfile === true;
  } catch {
    return false;
  }
}

function bundlingError(bundle: Bundle, error: unknown): PackError {
  const first: Message | undefined = (error as Partial<BuildFailure>).errors?.[0];
  if (!first)
    return new PackError(
      `server "${bundle.server}": cannot bundle ${bundle.entry}: ${(error as Error).message.split("\n")[0]}`,
    );
  const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
  // A relative path that does not resolve is usually unbuilt output; a package name, a missing install.
  const missing = /^Could not resolve "([^"]+)"/.exec(first.text)?.[1];
  const hint =
    missing === undefined
      ? ""
      : missing.startsWith(".")
        ? "; build the server (its build script) before packing"
        : "; install the server's dependencies before packing";
  return new PackError(
    `server "${bundle.server}": cannot bundle ${bundle.entry}: ${where}${first.text}${hint}`,
    first.location?.file,
  );
}

/** A bundle must not depend on where the plugin is checked out: no absolute path of the packing machine. */
function checkNoAbsolutePaths(root: string, bundle: Bundle, text: string): void {
  const roots = new Set([root, safeRealpath(root)].flatMap((path) => [path, path.split(sep).join("/")]));
  for (const path of roots) {
    if (text.includes(path)) {
      throw new PackError(
        `server "${bundle.server}": the bundle of ${bundle.entry} contains the absolute path ${path}; remove it from the sources, bundles must not depend on where the plugin is checked out`,
      );
    }
  }
}

/**
 * Bundled sources that the archive no longer needs: JavaScript and TypeScript files inside the plugin,
 * under the entry's folder. Never files that another component names (hooks, manifest, other servers),
 * nor anything inside a skill, whose scripts the agent may run directly.
 */
function consumedSources(
  inputs: Metafile["inputs"],
  bundle: Bundle,
  protectedPaths: ReadonlySet<string>,
  skillDirs: readonly string[],
): string[] {
  const entryDir = posix.dirname(bundle.entry);
  const under = (path: string, dir: string) => dir === "." || path.startsWith(`${dir}/`);
  return Object.keys(inputs)
    .filter((input) => !input.startsWith("../") && !/^[^/]*:/.test(input) && !input.split("/").includes("node_modules"))
    .filter((input) => SCRIPT_EXTENSION.test(input) && under(input, entryDir))
    .filter((input) => !protectedPaths.has(input) && !skillDirs.some((dir) => under(input, dir)))
    .sort();
}

/** Every plugin-relative path that a manifest, hooks, apps or unbundled servers mention. */
function referencedPaths(
  plugin: PluginModel,
  otherReferences: readonly unknown[],
  files: readonly { source: McpSource; plans: readonly ServerPlan[] }[],
): Set<string> {
  const paths = new Set<string>();
  const values = [
    plugin.manifest?.doc.value,
    plugin.apps?.doc.value,
    ...plugin.hooks.map((hook) => hook.doc.value),
    ...otherReferences,
  ];
  for (const { source, plans } of files) {
    const bundled = new Set(plans.map((plan) => plan.server));
    values.push(...source.servers.filter(([name]) => !bundled.has(name)).map(([, config]) => config));
  }
  for (const text of strings(values)) {
    for (const token of text.split(/[\s"'=]+/)) {
      const path = posix.normalize(
        token.replace(/^\$\{?(?:CLAUDE_PLUGIN_ROOT|PLUGIN_ROOT)\}?\//, "").replace(/\\/g, "/"),
      );
      if (path !== "." && !path.startsWith("../")) paths.add(path);
    }
  }
  return paths;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isRecord(value)) return Object.values(value).flatMap(strings);
  return [];
}

/**
 * Applies each server's changes to the MCP file text, touching only the values that change: comments,
 * key order and layout elsewhere survive (core's json-edit; `args` keeps its one-line or one-per-line layout).
 */
function rewriteMcpText(original: string, basePath: JSONPath, plans: readonly ServerPlan[]): string {
  const bom = original.startsWith("\uFEFF") ? "\uFEFF" : "";
  let text = original.slice(bom.length);
  for (const plan of plans) {
    const server = [...basePath, plan.server];
    const { launch } = plan;
    if (launch.form === "command") text = replaceJsonScalar(text, [...server, "command"], "node");
    if (launch.form === "node" && launch.dropped.length === 0)
      text = replaceJsonScalar(text, [...server, "args", launch.entryIndex], plan.bundleArg);
    else text = setArgs(text, server, packedArgs(plan));
    if (plan.setCwd !== undefined) text = setJsonProperty(text, server, "cwd", JSON.stringify(plan.setCwd));
  }
  return bom + text;
}

/** The arguments of the packed server: node's own flags, the bundle, then the server's arguments. */
function packedArgs(plan: ServerPlan): string[] {
  const { launch } = plan;
  if (launch.form === "command") return [plan.bundleArg, ...launch.args];
  const kept = (index: number) => !launch.dropped.includes(index);
  const flags = launch.args.slice(0, launch.entryIndex).filter((_, index) => kept(index));
  return [...flags, plan.bundleArg, ...launch.args.slice(launch.entryIndex + 1)];
}

/** Replaces (or adds) a server's `args`, on one line if it was on one line, else one item per line as before. */
function setArgs(text: string, server: JSONPath, items: readonly string[]): string {
  const tree = parseTree(text);
  const args = tree && findNodeAtLocation(tree, [...server, "args"]);
  const inline = `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;
  if (args) {
    const multiLine =
      text.slice(args.offset, args.offset + args.length).includes("\n") && args.children?.[0] !== undefined;
    const { eol } = detectJsonStyle(text);
    const itemIndent = multiLine ? indentAt(text, args.children![0]!.offset) : "";
    const closeIndent = multiLine ? indentAt(text, args.offset + args.length - 1) : "";
    const replacement = multiLine
      ? `[${eol}${itemIndent}${items.map((item) => JSON.stringify(item)).join(`,${eol}${itemIndent}`)}${eol}${closeIndent}]`
      : inline;
    return splice(text, args.offset, args.length, replacement);
  }
  return setJsonProperty(text, server, "args", inline);
}
