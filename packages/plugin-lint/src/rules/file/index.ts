// The file/* family: files the loader could not take in (too large, binary, unreadable, links), and credentials
// committed in any file of the plugin or marketplace.
import type { RuleFamily } from "../../rule.js";
import { fileRuleMetas } from "./meta.js";
import { reportFileProblem } from "./problems.js";
import { scanMarketplaceSecrets, scanPluginSecrets } from "./secrets.js";

export { reportFileProblem } from "./problems.js";

export const fileRules: RuleFamily = {
  rules: fileRuleMetas,
  plugin(plugin, context) {
    for (const problem of plugin.fileProblems) reportFileProblem(context, plugin, problem);
    scanPluginSecrets(plugin, context);
  },
  marketplace(marketplace, context) {
    if (marketplace.fileProblem && marketplace.fileProblem.reason !== "not-found")
      reportFileProblem(context, undefined, marketplace.fileProblem);
    scanMarketplaceSecrets(marketplace, context);
  },
};
