export {
  ensureHost,
  ensureInstalled,
  defaultCacheDir,
  installPackage,
  type EnsureHostOptions,
  type InstalledHost,
} from "./ensure-host.js";
export {
  inspectPlugins,
  inspectMarketplace,
  inspectBatch,
  type InspectOptions,
  type BatchOptions,
  type BatchResult,
} from "./inspect.js";
export { hostVersion, parseHostVersion } from "./host-version.js";
export { BATCH_MARKETPLACE, marketplaceFile, type PluginInput } from "./batch.js";
export { drivers, driverFor } from "./drivers/index.js";
export type { HostDriver, DriverRequest, MarketplaceRequest } from "./drivers/types.js";
export { parsePluginDetails, type PluginDetails } from "./drivers/claude-details.js";
export { codexNamespace } from "./drivers/codex-prompt-input.js";
export { HostError } from "./errors.js";
export { hostPackages, type HostPackage } from "./host-packages.js";
export { emptyInventory } from "./inventory.js";
export { limiter, type Limiter } from "./process.js";
export { JsonRpcProcess, type RpcAnswer, type RpcFailure } from "./json-rpc.js";
export type {
  BatchInventory,
  HostContext,
  HostMessage,
  LoadedSkill,
  PluginInventory,
  Refusal,
  RegisteredHook,
} from "./inventory.js";
export { pins, currentPin, type HostPin } from "./pins.js";
export * from "./probes/index.js";
export { declaredComponents, type DeclaredComponents } from "./declared.js";
export { findLosses, type InventoryView, type LossOptions } from "./losses.js";
export { marketplaceEntries, type MarketplaceEntry } from "./marketplace-entries.js";
export { marketplaceLosses } from "./marketplace-losses.js";
