import type { RuleFamily } from "../rule.js";

export const appRules: RuleFamily = { rules: [] };
