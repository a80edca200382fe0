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
    // Beside the file the host reads, a stray copy only goes unread; alone, the marketplace is never found.
    context.report({
      ruleId: "marketplace/location",
      message: hasHostMarketplace
        ? `${context.host.displayName} never reads ${stray}, so edits to it have no effect (${expected} is the marketplace): remove it`
        : `${context.host.displayName} never reads ${stray}: move it to ${expected}`,
      file: path,
      ...(hasHostMarketplace ? { severity: "warning" as const } : {}),
    });
  }
  const claudeFile = join(root, CLAUDE_MARKETPLACE_PATH);
  if (context.host.id === "codex" && !hasHostMarketplace && existsSync(claudeFile)) {
    const reads = context.host.readsClaudeMarketplace;
    context.report({
      ruleId: "marketplace/location",
      message: reads
        ? `${context.host.displayName} ${context.host.version} reads ${CLAUDE_MARKETPLACE_PATH}, but Codex 0.117 reads only ${CODEX_MARKETPLACE_PATH}: add ${CODEX_MARKETPLACE_PATH} with local sources`
        : `${context.host.displayName} ${context.host.version} reads only ${CODEX_MARKETPLACE_PATH}, so it never sees ${CLAUDE_MARKETPLACE_PATH}: add ${CODEX_MARKETPLACE_PATH} with local sources`,
      file: claudeFile,
      ...(reads ? { severity: "warning" as const } : {}),
    });
  }
}
