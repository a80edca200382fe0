import type { RuleFamily, RuleMeta } from "../rule.js";
import { appRules } from "./app.js";
import { fileRules } from "./file.js";
import { hooksRules } from "./hooks.js";
import { manifestRules } from "./manifest.js";
import { marketplaceRules } from "./marketplace.js";
import { mcpRules } from "./mcp.js";
import { openaiYamlRules } from "./openai-yaml.js";
import { packageRules } from "./package.js";
import { pathRules } from "./path.js";
import { secretRules } from "./secrets.js";
import { skillRules } from "./skill.js";
import { syntaxRules } from "./syntax.js";

export const ruleFamilies: readonly RuleFamily[] = [
  fileRules,
  syntaxRules,
  pathRules,
  manifestRules,
  packageRules,
  skillRules,
  openaiYamlRules,
  mcpRules,
  appRules,
  hooksRules,
  marketplaceRules,
  secretRules,
];

export const ruleMetas: ReadonlyMap<string, RuleMeta> = new Map(
  ruleFamilies.flatMap((family) => family.rules.map((rule) => [rule.id, rule] as const)),
);
