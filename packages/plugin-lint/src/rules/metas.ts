// Every rule's metadata in one place, in a fixed order (the order `ruleMetas` lists them in), and the RuleId type
// made from it. Only metadata is imported here, never checks, so any module can use it without an import cycle.
import type { RuleMeta } from "../rule.js";
import { agentPluginsRuleMetas } from "./agent-plugins/meta.js";
import { agentsRuleMetas } from "./agents/meta.js";
import { commandsRuleMetas } from "./commands/meta.js";
import { outputStylesRuleMetas } from "./output-styles/meta.js";
import { lspRuleMetas } from "./lsp/meta.js";
import { monitorsRuleMetas } from "./monitors/meta.js";
import { appRuleMetas } from "./app/meta.js";
import { fileRuleMetas } from "./file/meta.js";
import { hooksRuleMetas } from "./hooks/meta.js";
import { jsonRuleMetas } from "./json/meta.js";
import { manifestRuleMetas } from "./manifest/meta.js";
import { marketplaceRuleMetas } from "./marketplace/meta.js";
import { mcpRuleMetas } from "./mcp/meta.js";
import { openaiYamlRuleMetas } from "./openai-yaml/meta.js";
import { pathRuleMetas } from "./path/meta.js";
import { skillRuleMetas } from "./skill/meta.js";
import { yamlRuleMetas } from "./yaml/meta.js";

const allRuleMetas = [
  ...fileRuleMetas,
  ...jsonRuleMetas,
  ...yamlRuleMetas,
  ...pathRuleMetas,
  ...manifestRuleMetas,
  ...skillRuleMetas,
  ...openaiYamlRuleMetas,
  ...mcpRuleMetas,
  ...appRuleMetas,
  ...hooksRuleMetas,
  ...agentsRuleMetas,
  ...commandsRuleMetas,
  ...outputStylesRuleMetas,
  ...lspRuleMetas,
  ...monitorsRuleMetas,
  ...marketplaceRuleMetas,
  ...agentPluginsRuleMetas,
] as const;

/** The id of a registered rule: `manifest/name`, `skill/description-length`. */
export type RuleId = (typeof allRuleMetas)[number]["id"];

/** The area of a rule id, as a config names a whole area: `manifest/*`. */
export type RuleArea = RuleId extends `${infer Area}/${string}` ? Area : never;

export const ruleMetas: ReadonlyMap<RuleId, RuleMeta> = new Map(allRuleMetas.map((rule) => [rule.id, rule] as const));

export function isRuleId(id: string): id is RuleId {
  return ruleMetas.has(id as RuleId);
}
