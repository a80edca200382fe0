export { pack, planPack, type PackOptions, type PackReport, type PackPlan } from "./pack.js";
export { selectFiles } from "./select.js";
export { bundleMcpServers, type BundleResult } from "./bundle.js";
export { writeZip, archiveTimestamp } from "./zip-write.js";
export { readArchive } from "./zip-read.js";
export { verifyArchive } from "./verify.js";
export { unpack } from "./unpack.js";
export {
  install,
  InstallVerificationError,
  INSTALLATION_POLICIES,
  AUTHENTICATION_POLICIES,
  type InstallOptions,
  type InstallReport,
  type InstallationPolicy,
  type AuthenticationPolicy,
  type EntryChange,
} from "./install.js";
export { inspect } from "./inspect.js";
export { capabilityReport } from "./capabilities.js";
export { diff, diffCapabilities, failOnKinds, shouldFail } from "./diff.js";
export { generateSigningKey, writeKeyPair, loadSigningKey, loadTrust } from "./keys.js";
export { signManifest } from "./sign.js";
export { recordChecksum, CHECKSUMS_FILE } from "./checksums.js";
export { LintFailedError, PackError, UsageError } from "./errors.js";
export { runCli } from "./cli.js";
export * from "./types.js";
export { versionPackages, type VersionOptions, type VersionReport } from "./release/version-packages.js";
export {
  release,
  RELEASE_MANIFEST,
  type ReleaseOptions,
  type ReleaseReport,
  type ReleasedPlugin,
} from "./release/release.js";
export { syncVersions, type VersionChange } from "./release/sync-versions.js";
export { readWorkspace, type Workspace, type WorkspacePlugin } from "./release/workspace.js";
