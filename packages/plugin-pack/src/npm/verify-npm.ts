/**
 * `verify npm:…` and the first half of `install npm:…`: fetch the version, check what the registry vouches for (its
 * signature, the provenance attestation), then check the files against the plugin's own signed manifest, as for
 * an archive. The package is laid out as an archive in a temporary folder the caller removes.
 */
import { readNpmTarball, type TarballFile } from "@agent-plugin/core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type VerifyOptions, type VerifyReport, verifyArchive } from "../signing/index.js";
import { packageAsArchive } from "./as-archive.js";
import { fetchPackage } from "./fetch.js";
import { type ProvenanceCheck, checkProvenance } from "./provenance.js";
import { type RegistrySignatureCheck, checkRegistrySignature } from "./registry-signature.js";
import { parseNpmSpec } from "./spec.js";

export interface NpmFacts {
  name: string;
  version: string;
  integrity: string;
  tarball: string;
  registrySignature: RegistrySignatureCheck;
  provenance: ProvenanceCheck;
}

export interface NpmArchive {
  /** The package laid out as a plugin-pack archive, in a temporary folder. */
  archive: string;
  npm: NpmFacts;
  /** Problems with what the registry vouches for: a signature or an attestation that does not verify. */
  problems: string[];
  remove(): void;
}

export async function fetchNpmArchive(
  argument: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; exact?: boolean },
): Promise<NpmArchive> {
  const spec = parseNpmSpec(argument, { exact: options.exact === true });
  const fetched = await fetchPackage(spec, options);
  const shown = `npm:${fetched.name}@${fetched.version}`;
  let registryHost = "";
  try {
    registryHost = new URL(fetched.tarballUrl).host;
  } catch {
    // no tarball URL: a registry that lists none cannot be matched to pinned keys
  }
  const registrySignature = checkRegistrySignature({
    name: fetched.name,
    version: fetched.version,
    integrity: fetched.integrity,
    registryHost,
    signatures: fetched.signatures,
  });
  const provenance = await checkProvenance({
    name: fetched.name,
    version: fetched.version,
    sha512: fetched.sha512,
    attestations: fetched.attestations,
  });
  const problems = [
    ...(registrySignature.status === "invalid" ? [`registry signature: ${registrySignature.problem}`] : []),
    ...provenance.problems.map((problem) => `attestation ${problem}`),
  ];
  const files = await readNpmTarball(fetched.tarball, shown);
  const identity = packageIdentity(files);
  if (identity.name !== fetched.name || identity.version !== fetched.version)
    problems.push(
      `the tarball's package.json says ${identity.name ?? "no name"}@${identity.version ?? "no version"}, but the registry serves it as ${fetched.name}@${fetched.version}`,
    );
  const zip = packageAsArchive(files, shown);
  const dir = mkdtempSync(join(tmpdir(), "plugin-pack-npm-archive-"));
  const archive = join(dir, `${fetched.name.replace(/^@/, "").replace("/", "-")}-${fetched.version}.zip`);
  writeFileSync(archive, zip);
  return {
    archive,
    npm: {
      name: fetched.name,
      version: fetched.version,
      integrity: fetched.integrity,
      tarball: fetched.tarballUrl,
      registrySignature,
      provenance,
    },
    problems,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The name and version the package's own package.json gives (what the plugin's signature covers). */
function packageIdentity(files: readonly TarballFile[]): { name?: string; version?: string } {
  const file = files.find((f) => f.path === "package.json");
  try {
    const json = JSON.parse(Buffer.from(file?.data ?? []).toString("utf8")) as Record<string, unknown>;
    return {
      ...(typeof json.name === "string" ? { name: json.name } : {}),
      ...(typeof json.version === "string" ? { version: json.version } : {}),
    };
  } catch {
    return {};
  }
}

export interface NpmVerifyReport extends VerifyReport {
  npm: NpmFacts;
}

/** Verifies a published version without installing it; `ok` only when the registry's checks and the plugin's pass. */
export async function verifyNpmPackage(
  argument: string,
  options: VerifyOptions & { env?: NodeJS.ProcessEnv },
): Promise<NpmVerifyReport> {
  const fetched = await fetchNpmArchive(argument, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    exact: true,
  });
  try {
    const report = await verifyArchive(fetched.archive, options);
    const problems = [...fetched.problems, ...report.problems];
    return {
      ...report,
      archive: `npm:${fetched.npm.name}@${fetched.npm.version}`,
      ok: problems.length === 0,
      problems,
      npm: fetched.npm,
    };
  } finally {
    fetched.remove();
  }
}
