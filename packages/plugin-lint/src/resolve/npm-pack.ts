// The fetcher `plugin-lint --resolve` uses: `npm pack --ignore-scripts` into a temporary folder, as Codex runs it,
// with the user's npm config (registry, scopes, auth, proxy), and killed at the timeout so a registry that never
// answers cannot hang the lint.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type NpmRun,
  npmEnvFor,
  npmErrorCode,
  npmFailure,
  readNpmTarball,
  runNpm,
  type TarballFile,
  ToolError,
} from "@agent-plugin/core";
import type { FetchOutcome, FetchRequest, NpmSource } from "./fetcher.js";
import { packageSpec } from "./fetcher.js";

function npm(args: readonly string[], cwd: string, timeoutMs: number): Promise<NpmRun> {
  return runNpm(args, { cwd, env: npmEnvFor(cwd, process.env), timeoutMs });
}

function registryArgs(source: NpmSource): string[] {
  return source.registry === undefined ? [] : ["--registry", source.registry.trim()];
}

export async function npmPackFetcher(request: FetchRequest): Promise<FetchOutcome> {
  const { source, dest, cwd, timeoutMs } = request;
  const started = Date.now();
  const pack = await npm(
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
    const code = npmErrorCode(pack);
    if (code === "E404") return { kind: "not-found" };
    if (code === "ETARGET") {
      const left = Math.max(1000, timeoutMs - (Date.now() - started));
      return { kind: "no-version", versions: await publishedVersions(source, cwd, left) };
    }
    return {
      kind: "failed",
      detail: pack.spawnError === undefined ? npmFailure(pack) : `cannot run npm (${pack.spawnError}): put npm on PATH`,
    };
  }
  const archive = readdirSync(dest).find((name) => name.endsWith(".tgz"));
  if (archive === undefined) return { kind: "failed", detail: "npm pack wrote no package archive" };
  const archivePath = join(dest, archive);
  const packageDir = join(dest, "extracted", "package");
  try {
    unpack(await readNpmTarball(readFileSync(archivePath), `${packageSpec(source)} (${archive})`), packageDir);
  } catch (error) {
    const detail = error instanceof ToolError ? error.message : `cannot unpack ${archive}: ${(error as Error).message}`;
    return { kind: "failed", detail };
  }
  const version = packedVersion(pack.stdout);
  return {
    kind: "fetched",
    dir: packageDir,
    version: version ?? "",
    archiveBytes: statSync(archivePath).size,
  };
}

/** Writes a package's files under `dir`: their paths are checked to stay inside it when the tarball is read. */
function unpack(files: readonly TarballFile[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.data, { mode: file.mode & 0o111 ? 0o755 : 0o644 });
  }
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
  const view = await npm(["view", "--json", ...registryArgs(source), "--", source.package, "versions"], cwd, timeoutMs);
  if (view.code !== 0) return [];
  try {
    const parsed = JSON.parse(view.stdout) as unknown;
    if (typeof parsed === "string") return [parsed];
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
