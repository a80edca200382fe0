// The marketplace/* family: the order the marketplace checks run in; each check is in a file of its own here.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RuleFamily } from "../../rule.js";
import { reportSchema } from "../shared/schema.js";
import { checkDuplicateServers } from "./duplicate-servers.js";
import { readEntries } from "./entry.js";
import { checkLocation } from "./location.js";
import { marketplaceRuleMetas } from "./meta.js";
import { checkDuplicateNames, checkMarketplaceName } from "./names.js";
import { checkPluginManifest } from "./plugin-manifest.js";
import { checkPolicy } from "./policy.js";
import { checkSources, withoutGenericSource } from "./sources.js";
import { checkStrictConflict } from "./strict.js";

const SCHEMA_CONSEQUENCE = "Codex 0.117 then fails to load the whole marketplace";

export const marketplaceRules: RuleFamily = {
  rules: marketplaceRuleMetas,
  // A host format's own files: the Agent Plugins standard has its own rules (rules/agent-plugins/).
  layouts: ["host"],

  marketplace(marketplace, context) {
    checkLocation(marketplace.root, context, existsSync(join(marketplace.root, marketplace.host.marketplacePaths[0]!)));
    const file = marketplace.file;
    if (!file || file.doc.value === undefined) return;
    const entries = readEntries(marketplace);
    const preciseSources = checkSources(context, marketplace, file, entries);
    if (context.host.id === "codex") {
      reportSchema(withoutGenericSource(context, preciseSources), file, "marketplace", {
        consequence: SCHEMA_CONSEQUENCE,
      });
    }
    checkMarketplaceName(context, file, marketplace.root);
    checkDuplicateNames(context, file, entries);
    for (const entry of entries) {
      checkPluginManifest(context, file, entry);
      checkPolicy(context, file, entry);
      checkStrictConflict(context, file, entry);
    }
    checkDuplicateServers(context, entries);
  },

  // A folder with no plugin manifest but a misplaced marketplace file is a marketplace the host never found.
  plugin(plugin, context) {
    if (!plugin.manifest && !existsSync(plugin.manifestPath)) checkLocation(plugin.root, context, false);
  },
};
