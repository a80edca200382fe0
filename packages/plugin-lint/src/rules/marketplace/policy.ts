// marketplace/products and marketplace/policy: an entry's install policy.
import { isRecord } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { type Entry, entryPointer, type MarketplaceFile } from "./entry.js";

export function checkPolicy(context: RuleContext, file: MarketplaceFile, entry: Entry): void {
  if (!isRecord(entry.raw)) return;
  const policy = isRecord(entry.raw.policy) ? entry.raw.policy : {};
  if (Array.isArray(policy.products) && policy.products.length === 0) {
    context.report({
      ruleId: "marketplace/products",
      message:
        'policy.products is empty, so Codex allows no product to install the plugin and drops the entry from the marketplace: list the products (e.g. ["CODEX"]) or remove the field',
      file: file.path,
      at: { doc: file.doc, path: entryPointer(entry.index, "policy", "products") },
    });
  }
  const missing = [
    policy.installation === undefined ? "policy.installation" : undefined,
    policy.authentication === undefined ? "policy.authentication" : undefined,
    entry.raw.category === undefined ? "category" : undefined,
  ].filter((field): field is string => field !== undefined);
  if (missing.length === 0) return;
  context.report({
    ruleId: "marketplace/policy",
    message: `plugins[${entry.index}]${entry.name ? ` ("${entry.name}")` : ""} has no ${joinList(missing)}: set ${missing.length === 1 ? "it" : "them"} explicitly, as Codex's plugin-creator does`,
    file: file.path,
    at: { doc: file.doc, path: entryPointer(entry.index) },
  });
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
