export { lint, type LintFileResult, type LintMessage, type LintOptions, type LintReport } from "./lint.js";
export { loadConfig, CONFIG_FILE_NAME, type LintConfig, type RuleSelector, type RuleSetting } from "./config.js";
export { formatters, type Formatter, type FormatOptions } from "./formatters/index.js";
export { isRuleId, ruleFamilies, ruleMetas, type RuleArea, type RuleId } from "./rules/index.js";
export type { RuleMeta, RuleFamily, RuleContext, Report, Location } from "./rule.js";
export { UsageError } from "@agent-plugin/core";
export { runCli } from "./cli.js";
export type { ResolveOptions } from "./resolve/resolve.js";
export type { FetchOutcome, FetchRequest, NpmFetcher, NpmSource } from "./resolve/fetcher.js";
