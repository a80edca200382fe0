import type { RuleFamily } from "../rule.js";

export const manifestRules: RuleFamily = { rules: [] };
