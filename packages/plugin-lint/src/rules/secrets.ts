import type { RuleFamily } from "../rule.js";

export const secretRules: RuleFamily = { rules: [] };
