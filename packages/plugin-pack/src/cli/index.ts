/** The CLI: its declaration, and runCli, which the bin and the in-process tests run. */
export type { CliIo, CommandContext, PackCommand } from "./command.js";
export { runCli } from "./run-cli.js";
export { type CommandName, cli } from "./spec.js";
