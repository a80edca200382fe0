/**
 * A V8 code cache for a bin's CommonJS chunks, for Node 20, which has no compile cache of its own (Node 22.1+ has
 * `module.enableCompileCache`, used instead where it exists). Each chunk is compiled with the bytecode a previous run
 * left in the user's cache folder, so a second run skips parsing and compiling what the first one ran.
 *
 * V8 checks that cached bytecode was made by the same V8, with the same flags, for a source of the same length, and
 * rejects it otherwise (the chunk is then compiled from source and its entry rewritten). A source of the same length
 * but other content would pass that check, so the cache file's name carries the bundle's identity (device, inode,
 * size, modification and change times) and each entry its own file's: a reinstalled or patched bundle never runs
 * old bytecode. The entries (cache-container.ts) are the bundle's chunks, which it requires by relative path, and the
 * CommonJS files it requires beside it through `requireShipped` (schema validators, the vendored `yaml`).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, type Stats, statSync } from "node:fs";
import module from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { Script } from "node:vm";
import { pruneCacheFolder, readCacheBytes, replaceCacheFile, userCacheFolder } from "../cache-files.js";
import { type CachedCode, decodeCodeCache, encodeCodeCache } from "./cache-container.js";
import { registerShippedRequire } from "./shipped-require.js";

/** The environment variable that moves the code cache's folder. `NODE_DISABLE_COMPILE_CACHE` (Node's own) turns it off. */
export const CODE_CACHE_ENV = "AGENT_PLUGIN_CODE_CACHE";
/** A bin's cache file holds a megabyte or two of bytecode: one this large is not ours. */
const MAX_CACHE_FILE_BYTES = 16 * 1024 * 1024;
/** The folder's bound: one file per installed copy of each bin, per Node version, and older ones pruned. */
export const CODE_CACHE_LIMITS = { maxFiles: 32, maxBytes: 64 * 1024 * 1024 };

export interface LoadedBundle<Exports> {
  exports: Exports;
  /** Whether the bundle ran from cached bytecode. */
  fromCache: boolean;
  /**
   * Adds to the cache an entry for each file this run compiled from source: its top level and every function this
   * run called in it. Call it once the work is done, so the entries cover what a run needs.
   */
  saveCache(): void;
}

export interface LoadBundleOptions {
  env?: NodeJS.ProcessEnv;
  /** The cache file's name starts with it: the bin's name. */
  name: string;
}

/**
 * Runs a CommonJS bundle as `require` would, with a code cache where Node has none of its own. Its chunks, and the
 * files it requires beside it through `requireShipped`, share the cache.
 */
export function loadBundle<Exports>(
  file: string,
  { env = process.env, name }: LoadBundleOptions,
): LoadedBundle<Exports> {
  const enableCompileCache = (module as { enableCompileCache?: (folder?: string) => unknown }).enableCompileCache;
  if (typeof enableCompileCache === "function") {
    // Node's own cache, in Node's default folder unless the variable moves ours.
    enableCompileCache(env[CODE_CACHE_ENV] || undefined);
    return { exports: module.createRequire(file)(file) as Exports, fromCache: false, saveCache: () => {} };
  }
  const cache = new CodeCache(file, codeCacheFile(file, name, env));
  registerShippedRequire((beside) => cache.require(beside));
  const exports = cache.require(file) as Exports;
  return { exports, fromCache: cache.ranFromCache(file), saveCache: () => cache.save() };
}

interface CompiledFile {
  identity: string;
  script: Script;
  fromCache: boolean;
}

/** The scripts of one bundle's folder, compiled with the bytecode the cache file holds for them. */
class CodeCache {
  readonly #folder: string;
  readonly #cacheFile: string | undefined;
  readonly #stored: Map<string, CachedCode>;
  /** By path relative to the folder: what this run compiled. */
  readonly #compiled = new Map<string, CompiledFile>();
  /** By absolute path: what this run required, as require's own module cache. */
  readonly #modules = new Map<string, { exports: unknown }>();
  #saved = false;

  constructor(bundle: string, cacheFile: string | undefined) {
    this.#folder = dirname(bundle);
    this.#cacheFile = cacheFile;
    const bytes = cacheFile === undefined ? undefined : readCacheBytes(cacheFile, MAX_CACHE_FILE_BYTES);
    this.#stored = bytes ? decodeCodeCache(bytes) : new Map();
  }

  /** Runs a CommonJS file once, as require does, and returns its exports. Files outside the folder go to require. */
  require(file: string): unknown {
    const required = this.#modules.get(file);
    if (required) return required.exports;
    const key = relative(this.#folder, file);
    if (key.startsWith("..") || isAbsolute(key)) return module.createRequire(file)(file);
    const { source, identity } = readSource(file);
    const stored = this.#stored.get(key);
    const cachedData = stored?.identity === identity ? stored.bytecode : undefined;
    const script = new Script(wrapAsCommonJs(source), { filename: file, cachedData });
    const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
    this.#compiled.set(key, { identity, script, fromCache });
    const fileModule = { exports: {} as unknown };
    // Registered before it runs, as require does, so a cycle gets the exports made so far.
    this.#modules.set(file, fileModule);
    try {
      const run = script.runInThisContext() as (...args: unknown[]) => void;
      run(fileModule.exports, this.#requireFrom(file), fileModule, file, dirname(file), importExternal);
    } catch (error) {
      this.#modules.delete(file);
      throw error;
    }
    return fileModule.exports;
  }

  /**
   * The `require` a file runs with: a relative path (another chunk of the bundle) through this cache, a `node:`
   * built-in straight from Node, anything else (an external package) through Node's require from that file.
   */
  #requireFrom(file: string): NodeJS.Require {
    let nodeRequire: NodeJS.Require | undefined;
    const fromFile = () => {
      nodeRequire ??= module.createRequire(file);
      return nodeRequire;
    };
    const required = (id: string) => {
      if (id.startsWith("./") || id.startsWith("../")) return this.require(resolve(dirname(file), id));
      if (id.startsWith("node:")) return process.getBuiltinModule(id);
      return fromFile()(id);
    };
    // Bundled code calls require and require.resolve only.
    const resolveId = (id: string, options?: { paths?: string[] }) => fromFile().resolve(id, options);
    return Object.assign(required, { resolve: resolveId }) as unknown as NodeJS.Require;
  }

  ranFromCache(file: string): boolean {
    return this.#compiled.get(relative(this.#folder, file))?.fromCache === true;
  }

  /**
   * Rewrites the cache file when this run compiled a file from source, with that file's bytecode as this run left
   * it. An entry the run took from the cache is kept as it was, not grown by what this run called: V8 reads an
   * entry whole, so a bundle's entry made by one large run would slow every small one.
   */
  save(): void {
    if (this.#cacheFile === undefined || this.#saved) return;
    const fresh = [...this.#compiled].filter(([, compiled]) => !compiled.fromCache);
    if (fresh.length === 0) return;
    this.#saved = true;
    const entries = new Map(this.#stored);
    for (const [key, { identity, script }] of fresh)
      entries.set(key, { identity, bytecode: script.createCachedData() });
    writeCodeCache(this.#cacheFile, encodeCodeCache(entries));
  }
}

/**
 * CommonJS's module wrapper, on the source's first line so that line numbers in stack traces stay right, plus the
 * import() the bundle uses for packages it leaves external (scripts/build-cli.mjs routes them here): V8 cannot run an
 * import() compiled from a code cache in a vm.Script on Node 20, so it runs from this module.
 */
function wrapAsCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname, __importExternal) { ${source}\n})`;
}

const importExternal = (specifier: string): Promise<unknown> => import(specifier);

/** Device, inode, size, modification and change times: a file written again, or another file, differs. */
function identityOf(stats: Stats): string {
  return [stats.dev, stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs].join(":");
}

function fileIdentity(file: string): string | undefined {
  try {
    return identityOf(statSync(file));
  } catch {
    return undefined;
  }
}

/**
 * A file's source and identity from one open file, the identity taken first: a write during the read leaves the
 * identity older than the source, so the next run sees another identity and never takes this run's bytecode for
 * content it was not made from.
 */
function readSource(file: string): { source: string; identity: string } {
  const fd = openSync(file, "r");
  try {
    const identity = identityOf(fstatSync(fd));
    return { source: readFileSync(fd, "utf8"), identity };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the bundle's bytecode is kept: `$AGENT_PLUGIN_CODE_CACHE`, else the user cache folder + `agent-plugin/code`,
 * in a file named for the bin, the bundle file's identity, Node's version and its flags. Undefined when caching is
 * off or there is nowhere to keep it.
 */
export function codeCacheFile(file: string, name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const folder = env[CODE_CACHE_ENV] || userCacheFolder("code", env);
  if (!folder) return undefined;
  const identity = fileIdentity(file);
  if (identity === undefined) return undefined;
  const runtime = [process.version, process.arch, process.execArgv.join(" "), env.NODE_OPTIONS ?? ""].join("\n");
  return join(folder, `${name}-${fnv1a64(`${identity}\n${runtime}`)}.cache`);
}

function writeCodeCache(cacheFile: string, bytes: Uint8Array): void {
  const folder = dirname(cacheFile);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    return;
  }
  if (replaceCacheFile(cacheFile, bytes)) pruneCacheFolder(folder, CODE_CACHE_LIMITS);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** A short name for a key: FNV-1a, 64 bits, in hex (no crypto: node:crypto costs a bin's start-up milliseconds). */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = ((hash ^ BigInt(text.charCodeAt(i))) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, "0");
}
