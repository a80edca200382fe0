import type { RuleFamily } from "../rule.js";

export const skillRules: RuleFamily = { rules: [] };
