export {
  type ArgumentSpec,
  argvErrorMessage,
  type CliSpec,
  type CommandSpec,
  type FlagValues,
  hasSubcommands,
  type OptionSpec,
  type OptionValues,
  optionsOf,
  type ParsedCommandLine,
  parseCommandLine,
} from "./declare.js";
export { CancelledError, ExitCode, ToolError, UsageError } from "./errors.js";
export { formatHelp } from "./help.js";
export {
  guardStandardStreams,
  internalErrorText,
  reportError,
  runMain,
  type ToolOutput,
} from "./run-main.js";
export { fdOutput, isTerminal, type OutputFd } from "./std-output.js";
