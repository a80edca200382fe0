import type { RuleFamily } from "../rule.js";

export const mcpRules: RuleFamily = { rules: [] };
