import type { RuleFamily } from "../rule.js";

export const packageRules: RuleFamily = { rules: [] };
