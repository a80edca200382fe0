// A V8 code cache for the bins on Node 20, which has no module.enableCompileCache(). The bin's CLI is bundled as one
// CommonJS script (dist/cli.cjs) whose first line names the SHA-256 of the rest; it is compiled through vm.Script with
// the cache a previous run left, so a warm start neither parses nor compiles what that run compiled.
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

/** The first line of a cached script: `// agent-plugin-script sha256:<hex of the rest>`. */
export const SCRIPT_HEADER = "// agent-plugin-script sha256:";

/** What became of the cache: none in the folder, used, refused by V8 (another V8 or flags, or corrupt), or turned off. */
export type CacheState = "absent" | "accepted" | "rejected" | "disabled";

export interface CachedScript {
  /** The script's CommonJS exports. */
  exports: Record<string, unknown>;
  cache: CacheState;
  /** The cache file, undefined when caching is off. */
  cacheFile: string | undefined;
  /**
   * Writes the cache, with every function compiled so far (the run's too), when the folder had none or V8 refused
   * it. Never throws: a cache that cannot be written only means the next start compiles again.
   */
  saveCache(): void;
}

export interface LoadScriptOptions {
  /** The script (dist/cli.cjs): an absolute path. */
  file: string;
  /** Names its cache files: the bin's name. */
  name: string;
  env?: NodeJS.ProcessEnv;
  /** Where cache files go; default: the per-user cache folder (`defaultCacheDir`). */
  cacheDir?: string;
}

/**
 * The per-user cache folder: %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache
 * elsewhere; then agent-plugin/code-cache.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const root =
    platform === "win32"
      ? env.LOCALAPPDATA || join(homedir(), "AppData", "Local")
      : platform === "darwin"
        ? join(homedir(), "Library", "Caches")
        : env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(root, "agent-plugin", "code-cache");
}

/** Node's own switch for its compile cache turns this one off too. */
export function cacheDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.NODE_DISABLE_COMPILE_CACHE;
  return value !== undefined && value !== "" && value !== "0";
}

/**
 * Compiles and runs the script, with its code cache when there is a usable one. The cache file is named by the
 * script's name and hash, the Node version and the architecture: V8 itself checks only its version, its flags and
 * the source's length, so a file never serves another script.
 */
export function loadCachedScript({ file, name, env = process.env, cacheDir }: LoadScriptOptions): CachedScript {
  const source = readFileSync(file, "utf8");
  const hash = source.startsWith(SCRIPT_HEADER) ? source.slice(SCRIPT_HEADER.length, source.indexOf("\n")) : "";
  const cacheFile =
    cacheDisabled(env) || !/^[0-9a-f]{64}$/.test(hash)
      ? undefined
      : join(
          cacheDir ?? defaultCacheDir(env),
          `${name}.${hash.slice(0, 32)}.${process.version}-${process.arch}.v8cache`,
        );
  const cachedData = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);
  // The wrapper CommonJS gives a module, plus import.meta.url and import() of the packages the script leaves external
  // (the build rewrites both: a script's own import() needs vm's experimental loader option, which does not survive a
  // code cache on Node 20). Compiled as one script, so the cache covers the whole bundle.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __importMetaUrl, __importExternal) {${source}\n})`,
    { filename: file, ...(cachedData === undefined ? {} : { cachedData }) },
  );
  const cache: CacheState =
    cacheFile === undefined
      ? "disabled"
      : cachedData === undefined
        ? "absent"
        : script.cachedDataRejected
          ? "rejected"
          : "accepted";
  const module = { exports: {} as Record<string, unknown> };
  const importExternal = (specifier: string) => import(specifier);
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
    pathToFileURL(file).href,
    importExternal,
  );
  return {
    exports: module.exports,
    cache,
    cacheFile,
    saveCache() {
      if (cacheFile === undefined || cache === "accepted") return;
      try {
        writeCache(cacheFile, script.createCachedData());
      } catch {
        // An unwritable or full cache folder: the next start compiles again, and that is all.
      }
    },
  };
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Atomically (temp file, then rename), so a concurrent start reads a whole cache or none. Caches of other versions
 * stay: two projects may use two versions of a bin (each is about a megabyte).
 */
function writeCache(cacheFile: string, data: Buffer): void {
  if (!cacheFolderUsable(dirname(cacheFile))) return;
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, cacheFile);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The CLI module a bin runs: its runCli, and core's runMain bundled with it. */
export interface CliModule {
  runCli: (argv: readonly string[]) => Promise<number>;
  runMain: (tool: string, runCli: (argv: readonly string[]) => Promise<number>) => Promise<void>;
}

/**
 * The folder exists (made if need be, with its parent and grandparent: ~/.cache/agent-plugin/code-cache) and this user
 * may write in it. Not mkdirSync's `recursive`, which never returns on some paths (under /proc) on Node 20.
 */
export function cacheFolderUsable(dir: string): boolean {
  try {
    for (const folder of [dirname(dirname(dir)), dirname(dir), dir]) {
      try {
        mkdirSync(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a bin does on Node 20: loads its CLI from the cached script, runs it, then saves the cache when it was missing
 * or refused (after the command, so the cache holds the functions the command compiled). With caching off, or no
 * cache folder it may write, it imports the ES modules instead (`loadModules`), which load each command's code
 * lazily: a script without its cache is compiled whole.
 */
export async function startCachedBin(tool: string, file: string, loadModules: () => Promise<CliModule>): Promise<void> {
  const env = process.env;
  const cacheDir = cacheDisabled(env) ? undefined : usableCacheDir(env);
  if (cacheDir === undefined) {
    const cli = await loadModules();
    await cli.runMain(tool, cli.runCli);
    return;
  }
  const script = loadCachedScript({ file, name: tool, env, cacheDir });
  const cli = script.exports as unknown as CliModule;
  await cli.runMain(tool, cli.runCli);
  script.saveCache();
}

/** The per-user cache folder, made if need be, or undefined when there is none this user may write (or no home). */
function usableCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const dir = defaultCacheDir(env);
    return cacheFolderUsable(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}
