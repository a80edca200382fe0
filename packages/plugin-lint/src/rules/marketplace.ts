import type { RuleFamily } from "../rule.js";

export const marketplaceRules: RuleFamily = { rules: [] };
