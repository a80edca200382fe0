#!/usr/bin/env node
import { runCli, runMain } from "../dist/cli.js";

await runMain("plugin-pack", runCli);
