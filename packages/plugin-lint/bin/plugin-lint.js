#!/usr/bin/env node
import module from "node:module";

// Node 22.1+ keeps the compiled bundle in an on-disk cache (NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a second
// run skips compiling it; Node 20 has no such cache. Enabled before the CLI is imported, which it then covers.
module.enableCompileCache?.();
const { runCli, runMain } = await import("../dist/cli.js");

await runMain("plugin-lint", runCli);
