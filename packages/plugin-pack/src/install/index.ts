/** Verified archives onto disk: `unpack` into a new folder, `install` into a marketplace with its entry. */
export {
  AUTHENTICATION_POLICIES,
  INSTALLATION_POLICIES,
  InstallVerificationError,
  install,
  type AuthenticationPolicy,
  type EntryChange,
  type InstallOptions,
  type InstallReport,
  type InstallationPolicy,
} from "./install.js";
export { installNpm, type NpmInstallReport } from "./install-npm.js";
export { unpack } from "./unpack.js";
export { renderInstall } from "./render-install.js";
export { locateMarketplace, shownOf, writeMarketplace, type MarketplaceTarget } from "./install-marketplace.js";
export { lockMarketplace } from "./install-lock.js";
export { PREVIOUS_FOLDER, previousFolder } from "./previous-version.js";
export { CODEX_MANIFEST, PORTABLE_MANIFEST } from "./install-archive.js";
