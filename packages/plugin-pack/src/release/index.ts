/** Releasing a repo's plugins: `version` after changesets, then `release` of every untagged plugin version. */
export { versionPackages, type VersionOptions, type VersionReport } from "./version-packages.js";
export {
  RELEASE_MANIFEST,
  release,
  type ReleaseOptions,
  type ReleaseReport,
  type ReleasedPlugin,
} from "./release.js";
export { syncVersions, type VersionChange } from "./sync-versions.js";
export { readWorkspace, type Workspace, type WorkspacePlugin } from "./workspace.js";
export { renderRelease, renderVersion } from "./render-release.js";
