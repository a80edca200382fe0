/**
 * The npm channel: plugins published as npm packages (settled package.json, reproducible tarball, `npm publish`),
 * and published versions fetched and checked (registry signature, provenance, the plugin's own signature).
 */
export { NPM_CONFIG_KEY, type NpmConfig, isNpmPackageName, npmPackageName, readNpmConfig } from "./config.js";
export { settledPackageJson } from "./settle.js";
export { writeTarball } from "./tarball.js";
export {
  isPublished,
  provenanceAvailable,
  publishPackages,
  type PublishOptions,
  type PublishOutcome,
  type StagedPackage,
} from "./publish.js";
export { isNpmSpec, parseNpmSpec, NPM_PREFIX, type NpmSpec } from "./spec.js";
export { checkProvenance, npmPurl, type Attestation, type ProvenanceCheck } from "./provenance.js";
export { checkRegistrySignature, type RegistrySignatureCheck } from "./registry-signature.js";
export { packageAsArchive } from "./as-archive.js";
export { renderNpmFacts } from "./render-npm.js";
export {
  fetchNpmArchive,
  verifyNpmPackage,
  type NpmArchive,
  type NpmFacts,
  type NpmVerifyReport,
} from "./verify-npm.js";
