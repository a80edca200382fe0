export { createPlugin, generateFiles, type CreateResult } from "./create.js";
export { resolveOptions, type CreateInput, type CreateOptions, type MarketplaceKind } from "./options.js";
export {
  addEntry,
  planMarketplace,
  MARKETPLACE_FILE,
  type MarketplaceEntry,
  type MarketplacePlan,
} from "./marketplace.js";
export { renderTemplateDir, outputPath, type GeneratedFile } from "./render.js";
export { brandColor, logoSvg } from "./logo.js";
export { UsageError } from "@agent-plugin/core";
export { CreateError } from "./errors.js";
export type { WorkspaceMember } from "./workspace.js";
export type { PackageManager } from "./setup.js";
export type { RunningPackageManager } from "./package-manager.js";
export { runCli } from "./cli.js";
