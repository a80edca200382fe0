export { catalogue } from "./catalogue/index.js";
export { probePluginName } from "./build.js";
export {
  diffProbeData,
  formatProbeData,
  parseProbeData,
  pluginOutcome,
  type MarketplaceOutcome,
  type PluginOutcome,
  type ProbeData,
  type ProbeOutcome,
} from "./data.js";
export { materialiseProbe } from "./materialise.js";
export { runProbes, type RunProbesOptions } from "./run.js";
export type { Dimension, FileKind, Probe, ProbeFile, ProbeFiles } from "./types.js";
