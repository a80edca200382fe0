// marketplace/location: marketplace files in places the host never reads.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RuleContext } from "../../rule.js";

/** Places people put a marketplace file that no host reads. */
const STRAY_MARKETPLACE_PATHS = ["marketplace.json", ".agents/marketplace.json", ".codex-plugin/marketplace.json"];

const CODEX_MARKETPLACE_PATH = ".agents/plugins/marketplace.json";

const CLAUDE_MARKETPLACE_PATH = ".claude-plugin/marketplace.json";

/** Reports marketplace files beside `root` that the host never reads. */
export function checkLocation(root: string, context: RuleContext, hasHostMarketplace: boolean): void {
  const expected = context.host.marketplacePaths[0]!;
  for (const stray of STRAY_MARKETPLACE_PATHS) {
    const path = join(root, stray);
    if (!existsSync(path)) continue;
    context.report({
      ruleId: "marketplace/location",
      message: `${context.host.displayName} never reads ${stray}: move it to ${expected}`,
      file: path,
    });
  }
  const claudeFile = join(root, CLAUDE_MARKETPLACE_PATH);
  if (context.host.id === "codex" && !hasHostMarketplace && existsSync(claudeFile)) {
    context.report({
      ruleId: "marketplace/location",
      severity: "warning",
      message: `Codex 0.117 reads only ${CODEX_MARKETPLACE_PATH} (${CLAUDE_MARKETPLACE_PATH} needs Codex 0.12x+): add ${CODEX_MARKETPLACE_PATH} with local sources`,
      file: claudeFile,
    });
  }
}
