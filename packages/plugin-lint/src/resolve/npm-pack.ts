// The fetcher `plugin-lint --resolve` uses: `npm pack --ignore-scripts` into a temporary folder, as Codex runs it,
// with the user's npm config (registry, scopes, auth, proxy), and killed at the timeout so a registry that never
// answers cannot hang the lint.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { FetchOutcome, FetchRequest, NpmSource } from "./fetcher.js";
import { packageSpec } from "./fetcher.js";

interface NpmRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const npmCommand = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * The user's environment for npm run in `cwd`. A package manager running a script exports its own reading of the
 * config of the project it runs in (`npm_config_local_prefix`, `npm_config_registry`, ...); for a marketplace outside
 * that project those values are not the marketplace's, and would hide its .npmrc, so they are left out and npm reads
 * the config files itself.
 */
function npmEnv(cwd: string): NodeJS.ProcessEnv {
  const enclosing = process.env.npm_config_local_prefix;
  if (enclosing === undefined || isInside(resolve(cwd), resolve(enclosing))) return process.env;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("npm_config_")));
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function runNpm(args: readonly string[], cwd: string, timeoutMs: number): Promise<NpmRun> {
  return new Promise((resolve) => {
    const child = spawn(npmCommand, args, {
      cwd,
      env: npmEnv(cwd),
      stdio: ["ignore", "pipe", "pipe"],
      // npm.cmd is a batch file, which only a shell runs.
      shell: process.platform === "win32",
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function registryArgs(source: NpmSource): string[] {
  return source.registry === undefined ? [] : ["--registry", source.registry.trim()];
}

/** npm's error code (`ETARGET`, `E404`, `ECONNREFUSED`...) from its stderr. */
function npmErrorCode(stderr: string): string | undefined {
  return /npm (?:error|ERR!) code (\S+)/.exec(stderr)?.[1];
}

/** npm's first `error` lines, without the log file pointer: enough to say what went wrong in one line. */
function npmErrorSummary(run: NpmRun): string {
  const lines = run.stderr
    .split("\n")
    .map((line) => line.replace(/^npm (?:error|ERR!)\s*/, "").trim())
    .filter((line) => line !== "" && !/complete log of this run|^code \S+$|^npm notice/.test(line));
  return lines.slice(0, 2).join(" ") || `npm exited with code ${run.code}`;
}

export async function npmPackFetcher(request: FetchRequest): Promise<FetchOutcome> {
  const { source, dest, cwd, timeoutMs } = request;
  const started = Date.now();
  const pack = await runNpm(
    [
      "pack",
      "--ignore-scripts",
      "--json",
      "--pack-destination",
      dest,
      ...registryArgs(source),
      "--",
      packageSpec(source),
    ],
    cwd,
    timeoutMs,
  );
  if (pack.timedOut) return { kind: "timed-out" };
  if (pack.code !== 0) {
    const code = npmErrorCode(pack.stderr);
    if (code === "E404") return { kind: "not-found" };
    if (code === "ETARGET") {
      const left = Math.max(1000, timeoutMs - (Date.now() - started));
      return { kind: "no-version", versions: await publishedVersions(source, cwd, left) };
    }
    return { kind: "failed", detail: npmErrorSummary(pack) };
  }
  const archive = readdirSync(dest).find((name) => name.endsWith(".tgz"));
  if (archive === undefined) return { kind: "failed", detail: "npm pack wrote no package archive" };
  const archivePath = join(dest, archive);
  const extracted = join(dest, "extracted");
  mkdirSync(extracted);
  // Loaded here: only --resolve needs a tar reader, and the CLI should start fast without it.
  const tar = await import("tar");
  await tar.x({ file: archivePath, cwd: extracted });
  const version = packedVersion(pack.stdout);
  return {
    kind: "fetched",
    dir: join(extracted, "package"),
    version: version ?? "",
    archiveBytes: statSync(archivePath).size,
  };
}

/** The version `npm pack --json` says it packed. */
function packedVersion(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { version?: unknown }[];
    const version = parsed[0]?.version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Every version the registry has of the package (empty when it cannot say). */
async function publishedVersions(source: NpmSource, cwd: string, timeoutMs: number): Promise<string[]> {
  const view = await runNpm(
    ["view", "--json", ...registryArgs(source), "--", source.package, "versions"],
    cwd,
    timeoutMs,
  );
  if (view.code !== 0) return [];
  try {
    const parsed = JSON.parse(view.stdout) as unknown;
    if (typeof parsed === "string") return [parsed];
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
