// The skill/* family: the order the SKILL.md checks run in; each check is in a file of its own here.
import type { RuleFamily } from "../../rule.js";
import { checkBodyLength } from "./body-length.js";
import { checkCompatibility } from "./compatibility.js";
import { checkDescription } from "./description.js";
import { checkFrontmatter, checkFrontmatterSchema } from "./frontmatter.js";
import { checkKeys } from "./keys.js";
import { checkLinks } from "./links.js";
import { skillRuleMetas } from "./meta.js";
import { checkName, checkNameLength } from "./name.js";
import { checkPortability } from "./portability.js";

export const skillRules: RuleFamily = {
  rules: skillRuleMetas,
  skill(skill, context, plugin) {
    const frontmatter = checkFrontmatter(skill, context);
    if (frontmatter) {
      checkFrontmatterSchema(frontmatter, context);
      checkDescription(frontmatter, context);
      checkName(frontmatter, context);
      checkNameLength(frontmatter, context, plugin);
      checkKeys(frontmatter, context);
      checkCompatibility(frontmatter, context);
      checkPortability(frontmatter, context);
    }
    checkLinks(skill, context, plugin);
    checkBodyLength(skill, context);
  },
};
