// The path/* family: metadata only. Every area that reads a path from a file reports these through `checkPath`.
import type { RuleFamily } from "../../rule.js";
import { pathRuleMetas } from "./meta.js";

export const pathRules: RuleFamily = {
  rules: pathRuleMetas,
};
