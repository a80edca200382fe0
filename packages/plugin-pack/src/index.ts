/**
 * The library API of plugin-pack: each function takes an options object and returns plain data (the same data
 * the CLI prints with --json). Layers, lowest first: archive, bundle, signing, pack, report, policy, npm, install,
 * release and convert, then the CLI; each folder's index.ts is its public surface (layers.test.ts checks both).
 */
export {
  BUNDLE_DIR,
  CHECKSUMS_FILE,
  DEFAULT_LIMITS,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  archiveTimestamp,
  readArchive,
  recordChecksum,
  writeZip,
  type ArchiveEntry,
  type ArchiveInput,
  type ArchiveLimits,
  type FileManifest,
  type FileManifestEntry,
  type ReadArchive,
} from "./archive/index.js";
export { bundleMcpServers, type BundleResult } from "./bundle/index.js";
export {
  generateSigningKey,
  loadSigningKey,
  loadTrust,
  signManifest,
  signedPayload,
  verifyArchive,
  writeKeyPair,
  type SignatureFile,
  type VerifyReport,
} from "./signing/index.js";
export {
  LintFailedError,
  pack,
  planPack,
  selectFiles,
  type PackOptions,
  type PackPlan,
  type PackReport,
  type Selection,
  type SelectionDecision,
} from "./pack/index.js";
export {
  type BudgetComponent,
  type ContextBudget,
  type ContextBudgetOptions,
  contextBudget,
  overBudget,
} from "./report/index.js";
export {
  capabilityReport,
  diff,
  diffCapabilities,
  failOnKinds,
  inspect,
  shouldFail,
  type CapabilityChange,
  type CapabilityReport,
  type ChangeKind,
  type DiffReport,
  type McpServerCapability,
} from "./report/index.js";
export {
  diffPolicy,
  loadPolicy,
  policyCheck,
  PolicyViolationError,
  type DiffPolicyResult,
  type LoadedPolicy,
  type Policy,
  type PolicyCheckOptions,
  type PolicyCheckReport,
  type PolicyResult,
  type PolicyViolation,
} from "./policy/index.js";
export {
  AUTHENTICATION_POLICIES,
  INSTALLATION_POLICIES,
  InstallVerificationError,
  install,
  installNpm,
  unpack,
  type AuthenticationPolicy,
  type EntryChange,
  type InstallOptions,
  type InstallReport,
  type InstallationPolicy,
  type NpmInstallReport,
} from "./install/index.js";
export {
  checkProvenance,
  readNpmConfig,
  verifyNpmPackage,
  type NpmConfig,
  type NpmFacts,
  type NpmVerifyReport,
  type ProvenanceCheck,
  type RegistrySignatureCheck,
} from "./npm/index.js";
export {
  RELEASE_MANIFEST,
  readWorkspace,
  release,
  syncVersions,
  versionPackages,
  type ReleaseOptions,
  type ReleaseReport,
  type ReleasedPlugin,
  type VersionChange,
  type VersionOptions,
  type VersionReport,
  type Workspace,
  type WorkspacePlugin,
} from "./release/index.js";
export {
  convert,
  renderConvert,
  type ConvertOptions,
  type ConvertReport,
  type NotCarried,
} from "./convert/index.js";
export {
  renderTry,
  tryPlugin,
  watchTry,
  type ServerProbe,
  type TryComponents,
  type TryDifference,
  type TryHostRun,
  type TryOptions,
  type TryPlugin,
  type TryReport,
  type TrySkill,
  type WatchOptions,
} from "./try/index.js";
export {
  appendAudit,
  audit,
  AuditChainError,
  defaultAuditLog,
  readAuditChain,
  renderAudit,
  type AuditAction,
  type AuditEvent,
  type AuditRecord,
  type AuditReport,
} from "./audit/index.js";
export {
  renderEnable,
  renderRollback,
  renderStatus,
  renderUninstall,
  rollback,
  setEnabled,
  status,
  uninstall,
  type EnableOptions,
  type EnableReport,
  type HostStatus,
  type PluginStatus,
  type RollbackOptions,
  type RollbackReport,
  type StatusReport,
  type StillAuthorised,
  type UninstallOptions,
  type UninstallReport,
} from "./lifecycle/index.js";
export { runCli } from "./cli/index.js";
export { UsageError } from "@agent-plugin/core";
export { PackError } from "./errors.js";
