/**
 * Fetches one published version the way Codex does: `npm pack --ignore-scripts` into a temporary folder, with the
 * user's npm config (registry, scopes, auth) and a timeout. Its registry metadata (integrity, signatures) comes from
 * `npm view`, and npm's attestations, when the registry lists them, from their URL.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PackError } from "../errors.js";
import type { Attestation } from "./provenance.js";
import { isNpmNotFound, npmFailure } from "@agent-plugin/core";
import { npmTimeoutMs, runNpm } from "./run-npm.js";
import type { NpmSpec } from "./spec.js";

export interface FetchedPackage {
  name: string;
  version: string;
  tarball: Uint8Array;
  /** `sha512-<base64>` of the fetched bytes, equal to the registry's `dist.integrity`. */
  integrity: string;
  sha512: string;
  /** Where the registry serves the tarball (its host decides which pinned keys apply). */
  tarballUrl: string;
  signatures: { keyid: string; sig: string }[] | undefined;
  attestations: Attestation[] | undefined;
}

interface PackJson {
  name?: string;
  version?: string;
  filename?: string;
  integrity?: string;
}

interface DistJson {
  integrity?: string;
  tarball?: string;
  signatures?: { keyid: string; sig: string }[];
  attestations?: { url?: string };
}

export async function fetchPackage(
  spec: NpmSpec,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<FetchedPackage> {
  const shown = `${spec.name}@${spec.range}`;
  const temp = mkdtempSync(join(tmpdir(), "plugin-pack-npm-"));
  try {
    const packed = await runNpm(["pack", shown, "--ignore-scripts", "--json", "--pack-destination", temp], {
      ...options,
      cwd: temp,
    });
    if (packed.code !== 0)
      throw new PackError(
        isNpmNotFound(packed)
          ? `npm:${shown}: no such package or version on the registry (npm config get registry says which one is asked)`
          : `npm:${shown}: npm pack failed: ${npmFailure(packed)}`,
      );
    const info = parseJson<PackJson[]>(packed.stdout, `npm pack ${shown}`)[0];
    if (!info?.name || !info.version || !info.filename)
      throw new PackError(`npm:${shown}: npm pack printed no package details; upgrade npm (9 or later)`);
    const tarball = readFileSync(join(temp, info.filename));
    const digest = createHash("sha512").update(tarball).digest();
    const integrity = `sha512-${digest.toString("base64")}`;
    const viewed = await runNpm(["view", `${info.name}@${info.version}`, "dist", "--json"], { ...options, cwd: temp });
    if (viewed.code !== 0)
      throw new PackError(`npm:${info.name}@${info.version}: npm view failed: ${npmFailure(viewed)}`);
    const dist = parseJson<DistJson>(viewed.stdout, `npm view ${info.name}@${info.version} dist`);
    if (dist.integrity !== undefined && dist.integrity !== integrity)
      throw new PackError(
        `npm:${info.name}@${info.version}: the fetched tarball is not the one the registry lists (integrity ${integrity.slice(0, 20)}… expected ${dist.integrity.slice(0, 20)}…)`,
      );
    return {
      name: info.name,
      version: info.version,
      tarball,
      integrity,
      sha512: digest.toString("hex"),
      tarballUrl: dist.tarball ?? "",
      signatures: dist.signatures,
      attestations: dist.attestations?.url ? await fetchAttestations(dist.attestations.url, options.env) : undefined,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** npm's attestations document: the bundles only; verifying them needs no further request. */
async function fetchAttestations(url: string, env: NodeJS.ProcessEnv): Promise<Attestation[]> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(npmTimeoutMs(env)) });
  } catch (error) {
    throw new PackError(`cannot fetch the attestations at ${url} (${(error as Error).message})`);
  }
  if (!response.ok) throw new PackError(`cannot fetch the attestations at ${url} (HTTP ${response.status})`);
  const body = parseJson<{ attestations?: Attestation[] }>(await response.text(), url);
  return body.attestations ?? [];
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new PackError(`${what} did not print JSON: upgrade npm (9 or later)`);
  }
}
