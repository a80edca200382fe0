// marketplace/name and marketplace/duplicate-name.
import { isRecord, profileFor } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { type Entry, entryPointer, type MarketplaceFile } from "./entry.js";
import {
  CLAUDE_RESERVED_NAMES,
  fromAnthropicGitHub,
  fromOpenAiGitHub,
  impersonatesOfficial,
} from "./reserved-names.js";

export function checkMarketplaceName(context: RuleContext, file: MarketplaceFile, root: string): void {
  const value = file.doc.value;
  const name = isRecord(value) ? value.name : undefined;
  if (typeof name !== "string") return;
  const claude = context.host.id === "claude-code";
  const at = { doc: file.doc, path: ["name"] };
  if (impersonatesOfficial(name)) {
    context.report({
      ruleId: "marketplace/name",
      severity: claude ? "error" : "warning",
      message: `"${name}" reads as the name of an official Anthropic or Claude marketplace, which Claude Code refuses wherever the marketplace comes from: pick another name`,
      file: file.path,
      at,
    });
    return;
  }
  if (reportCodexReserved(context, file, name, root)) return;
  if (!CLAUDE_RESERVED_NAMES.has(name.toLowerCase()) || fromAnthropicGitHub(root)) return;
  context.report({
    ruleId: "marketplace/name",
    severity: claude ? "error" : "warning",
    message: `"${name}" is a marketplace name Claude Code reserves for Anthropic: it accepts it only from a GitHub repository of the anthropics organisation${claude ? ", and refuses this marketplace from anywhere else" : ""}; pick another name`,
    file: file.path,
    at,
  });
}

/**
 * A name Codex keeps for OpenAI's own marketplaces: an error for Codex, which refuses the marketplace (0.171) or
 * installs none of its plugins (0.117); a warning for Claude Code, for a marketplace Codex users would add too. Not
 * reported in a clone of a repository of GitHub's openai organisation, which is where those marketplaces live.
 */
function reportCodexReserved(context: RuleContext, file: MarketplaceFile, name: string, root: string): boolean {
  const codex = context.host.id === "codex";
  const reserved = (codex ? context.host : profileFor("codex")).reservedMarketplaceNames;
  if (!reserved.includes(name) || fromOpenAiGitHub(root)) return false;
  const codexName = codex ? `${context.host.displayName} ${context.host.version}` : "Codex";
  context.report({
    ruleId: "marketplace/name",
    severity: codex ? "error" : "warning",
    message: `"${name}" is a marketplace name ${codexName} keeps for OpenAI's own marketplaces: from any other source it refuses the marketplace or installs none of its plugins; pick another name`,
    file: file.path,
    at: { doc: file.doc, path: ["name"] },
  });
  return true;
}

export function checkDuplicateNames(context: RuleContext, file: MarketplaceFile, entries: readonly Entry[]): void {
  const firstOf = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.name === undefined) continue;
    const first = firstOf.get(entry.name);
    if (first === undefined) {
      firstOf.set(entry.name, entry);
      continue;
    }
    // Hosts keep one entry of a name: harmless when both name the same plugin, a lost plugin when they differ.
    const same = sourceKey(first) === sourceKey(entry);
    context.report({
      ruleId: "marketplace/duplicate-name",
      message: same
        ? `plugin name "${entry.name}" is already used by plugins[${first.index}] for the same plugin: the hosts list it once, and Claude Code's validator rejects the file; remove this entry`
        : `plugin name "${entry.name}" is already used by plugins[${first.index}]: only one of them can be installed, so the other plugin is lost; rename or remove this entry`,
      file: file.path,
      at: { doc: file.doc, path: entryPointer(entry.index, "name") },
      ...(same ? {} : { severity: "error" as const }),
    });
  }
}

/** What an entry installs: its local plugin folder, else its source as written. */
function sourceKey(entry: Entry): string {
  if (entry.plugin) return `dir:${entry.plugin.root}`;
  return `source:${JSON.stringify(isRecord(entry.raw) ? entry.raw.source : undefined)}`;
}
