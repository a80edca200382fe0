import { type HostId, isHostId } from "@agent-plugin/core";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import semver from "semver";
import { HostError } from "./errors.js";
import { hostPackages } from "./host-packages.js";
import { runProcess } from "./process.js";

export interface EnsureHostOptions {
  host: HostId;
  /** An exact version: `0.171.0`, never a range. */
  version: string;
  /** Where installed hosts are kept; default {@link defaultCacheDir}. */
  cacheDir?: string;
  /** How long one `npm install` may take; a cold install of a host is about 400 MB. Default 10 minutes. */
  timeoutMs?: number;
}

export interface InstalledHost {
  host: HostId;
  version: string;
  /** `<cacheDir>/<host>@<version>`: the npm prefix the host is installed in. */
  dir: string;
  /** The host's native binary. */
  bin: string;
}

/** Written last into a finished install: a folder without it is not trusted. */
const COMPLETE_MARKER = ".agent-plugin-hosts.json";
/** A lock older than this is from a crashed process even if its id was reused. */
const STALE_LOCK_MS = 20 * 60 * 1000;

/**
 * `AGENT_PLUGIN_HOSTS_CACHE` when set; otherwise `node_modules/.cache/agent-plugin-hosts` in the nearest folder
 * above `cwd` that has a node_modules (the repo root for this repo's tests); otherwise `~/.cache/agent-plugin-hosts`.
 */
export function defaultCacheDir(cwd = process.cwd()): string {
  const fromEnv = process.env.AGENT_PLUGIN_HOSTS_CACHE;
  if (fromEnv) return resolve(fromEnv);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules/.cache/agent-plugin-hosts");
    if (dirname(dir) === dir) break;
  }
  return join(homedir(), ".cache/agent-plugin-hosts");
}

/**
 * Returns the pinned host, installing it from npm first when the cache does not have it. The install goes into a
 * temporary sibling folder that is renamed into place when complete, under a lock file, so two test workers that
 * ask at once install it once and never see half an install. Install scripts are not run.
 */
export async function ensureHost(options: EnsureHostOptions): Promise<InstalledHost> {
  const { host, version } = options;
  if (!isHostId(host)) throw new HostError(`unknown host "${String(host)}": use "codex" or "claude-code"`);
  if (semver.valid(version) !== version) {
    throw new HostError(`${host} version "${version}" is not an exact version such as 0.171.0: pin one version`);
  }
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const dir = await ensureInstalled({
    dir: join(cacheDir, `${host}@${version}`),
    spec: `${hostPackages[host].npmPackage}@${version}`,
    isUsable: (prefix) => hostPackages[host].findBinary(prefix) !== undefined,
    unusable: `${hostPackages[host].npmPackage}@${version} has no native binary for ${process.platform}-${process.arch}`,
    timeoutMs: options.timeoutMs ?? 10 * 60 * 1000,
  });
  return { host, version, dir, bin: hostPackages[host].findBinary(dir)! };
}

/**
 * Makes sure `dir` holds a finished `npm install` of `spec`: installs into a temporary sibling and renames it into
 * place, under `<dir>.lock`, so concurrent callers install once and never see half an install. Returns `dir`.
 */
export async function ensureInstalled(options: {
  dir: string;
  spec: string;
  /** Whether an install holds what the caller needs (its binary). */
  isUsable: (prefix: string) => boolean;
  /** The error when a finished install is not usable. */
  unusable: string;
  timeoutMs: number;
}): Promise<string> {
  const { dir } = options;
  const ready = () => existsSync(join(dir, COMPLETE_MARKER)) && options.isUsable(dir);
  if (ready()) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  if (!(await acquireLock(lock, ready))) return dir;
  try {
    if (ready()) return dir;
    const staging = `${dir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await installPackage({ spec: options.spec, prefix: staging, timeoutMs: options.timeoutMs });
      if (!options.isUsable(staging)) throw new HostError(options.unusable);
      writeFileSync(join(staging, COMPLETE_MARKER), `${JSON.stringify({ spec: options.spec }, null, 2)}\n`);
      // A leftover without the marker (an interrupted older install) is replaced.
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    rmSync(lock, { force: true });
  }
  return dir;
}

/**
 * `npm install --prefix <prefix> <spec>` with the platform's optional dependencies (where the native binaries
 * are) and without install scripts. Throws a one-line HostError with npm's own reason.
 */
export async function installPackage(options: { spec: string; prefix: string; timeoutMs: number }): Promise<void> {
  mkdirSync(options.prefix, { recursive: true });
  const result = await runProcess({
    command: process.platform === "win32" ? "npm.cmd" : "npm",
    args: [
      "install",
      "--prefix",
      options.prefix,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--include=optional",
      // Claude Code's package asks for Node 22 for its JavaScript wrapper; the harness runs its native binary,
      // so a caller's engine-strict setting (this repo's .npmrc, passed down by pnpm) must not refuse it.
      "--engine-strict=false",
      "--loglevel=error",
      options.spec,
    ],
    cwd: options.prefix,
    env: process.env,
    timeoutMs: options.timeoutMs,
  });
  if (result.exitCode === 0 && !result.timedOut) return;
  const reason = result.timedOut
    ? `timed out after ${Math.round(options.timeoutMs / 1000)} s`
    : (result.spawnError ?? firstErrorLine(result.stderr) ?? `exit code ${result.exitCode}`);
  throw new HostError(`npm install ${options.spec} failed: ${reason}`);
}

function firstErrorLine(stderr: string): string | undefined {
  const lines = stderr
    .split("\n")
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, "").trim())
    .filter((line) => line !== "" && !/^(code|errno|syscall|path) /.test(line) && !line.startsWith("A complete log"));
  return lines[0];
}

/**
 * Takes `lock` (a file holding our process id), waiting while another live process holds it. Returns false without
 * the lock when `done()` says the other process already finished the work.
 */
async function acquireLock(lock: string, done: () => boolean): Promise<boolean> {
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (done()) return false;
    if (lockIsStale(lock)) {
      rmSync(lock, { force: true });
      continue;
    }
    await new Promise((wake) => setTimeout(wake, 500));
  }
}

function lockIsStale(lock: string): boolean {
  try {
    const owner = Number(readFileSync(lock, "utf8"));
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    if (!Number.isInteger(owner) || owner <= 0) return true;
    process.kill(owner, 0);
    return false;
  } catch (error) {
    // ESRCH: the owner is gone. ENOENT: the lock was just released.
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
