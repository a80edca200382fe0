/** esbuild bundling of a plugin's local MCP servers, and the rewritten MCP files that start the bundles. */
export { bundleMcpServers, type BundleOptions, type BundleResult } from "./bundle.js";
