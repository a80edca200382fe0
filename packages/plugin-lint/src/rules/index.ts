// The rule families, one per area (`rules/<area>/index.ts`), in the order their checks run.
import type { RuleFamily } from "../rule.js";
import { agentPluginsRules } from "./agent-plugins/index.js";
import { agentsRules } from "./agents/index.js";
import { commandsRules } from "./commands/index.js";
import { outputStylesRules } from "./output-styles/index.js";
import { lspRules } from "./lsp/index.js";
import { monitorsRules } from "./monitors/index.js";
import { appRules } from "./app/index.js";
import { fileRules } from "./file/index.js";
import { hooksRules } from "./hooks/index.js";
import { jsonRules } from "./json/index.js";
import { manifestRules } from "./manifest/index.js";
import { marketplaceRules } from "./marketplace/index.js";
import { mcpRules } from "./mcp/index.js";
import { openaiYamlRules } from "./openai-yaml/index.js";
import { pathRules } from "./path/index.js";
import { skillRules } from "./skill/index.js";
import { yamlRules } from "./yaml/index.js";

export { isRuleId, type RuleArea, type RuleId, ruleMetas } from "./metas.js";

export const ruleFamilies: readonly RuleFamily[] = [
  fileRules,
  jsonRules,
  yamlRules,
  pathRules,
  manifestRules,
  skillRules,
  openaiYamlRules,
  mcpRules,
  appRules,
  hooksRules,
  agentsRules,
  commandsRules,
  outputStylesRules,
  lspRules,
  monitorsRules,
  marketplaceRules,
  agentPluginsRules,
];
