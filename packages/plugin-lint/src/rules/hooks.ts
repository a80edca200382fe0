import type { RuleFamily } from "../rule.js";

export const hooksRules: RuleFamily = { rules: [] };
