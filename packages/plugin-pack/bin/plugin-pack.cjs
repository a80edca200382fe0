#!/usr/bin/env node
"use strict";
// The command line is CommonJS chunks (dist/cli.cjs, dist/chunks/) run by core's launcher (dist/launch.cjs): on
// Node 20 it keeps their compiled code in a cache ($AGENT_PLUGIN_CODE_CACHE, else the user cache folder;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off); on Node 22.1+ it turns on Node's own compile cache.
require("../dist/launch.cjs").launch(require.resolve("../dist/cli.cjs"), "plugin-pack");
