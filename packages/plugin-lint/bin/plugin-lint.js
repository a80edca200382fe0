#!/usr/bin/env node
import { runCli } from "../dist/cli.js";

// Broken pipes (plugin-lint | head) are not errors worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await runCli(process.argv.slice(2));
