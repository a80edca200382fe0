#!/usr/bin/env node
import module from "node:module";
import { fileURLToPath } from "node:url";

// Node 22.1+ keeps compiled ES modules in its own on-disk cache (NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20
// has none: there the CLI runs as one script, dist/cli.cjs, with a V8 code cache in the user's cache folder
// (dist/start.js; the same variable turns it off), so a warm start skips parsing and compiling the bundle.
if (module.enableCompileCache) {
  module.enableCompileCache();
  const { runCli, runMain } = await import("../dist/cli.js");
  await runMain("plugin-pack", runCli);
} else {
  const { startCachedBin } = await import("../dist/start.js");
  await startCachedBin(
    "plugin-pack",
    fileURLToPath(new URL("../dist/cli.cjs", import.meta.url)),
    () => import("../dist/cli.js"),
  );
}
