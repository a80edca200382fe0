/** The CLI: its declaration, and runCli, which the bin (through core's runMain, bundled here) and the in-process tests run. */
export { runMain } from "@agent-plugin/core/cli";
export type { CliIo, CommandContext, PackCommand } from "./command.js";
export { runCli } from "./run-cli.js";
export { cli } from "./spec.js";
