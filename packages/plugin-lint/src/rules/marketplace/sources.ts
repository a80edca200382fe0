// marketplace/source and the path/* rules for local sources: source forms the host cannot use.
import { posix } from "node:path";
import { isRecord, localSourcePath, type MarketplaceModel } from "@agent-plugin/core";
import type { Report, RuleContext } from "../../rule.js";
import { checkPath } from "../path/check.js";
import { type Entry, entryPointer, type MarketplaceFile, pointerKey } from "./entry.js";
import { checkNpmSource } from "./npm-sources.js";

const SHA_PATTERN = /^[0-9a-f]{40}$/;

/**
 * Source forms the host cannot use, reported precisely. Returns the pointers of the sources reported,
 * so the schema's generic "source must be..." finding is not repeated there.
 */
export function checkSources(
  context: RuleContext,
  marketplace: MarketplaceModel,
  file: MarketplaceFile,
  entries: readonly Entry[],
): Set<string> {
  const precise = new Set<string>();
  const codex = context.host.id === "codex";
  for (const entry of entries) {
    const source = isRecord(entry.raw) ? entry.raw.source : undefined;
    const pointer = entryPointer(entry.index, "source");
    if (isRecord(source)) {
      const form = source.source;
      const kinds = context.host.marketplaceSourceKinds;
      if (codex && typeof form === "string" && kinds !== undefined && !kinds.includes(form)) {
        const local = `{"source": "local", "path": "./plugins/${entry.name ?? "<name>"}"}`;
        const host = `${context.host.displayName} ${context.host.version}`;
        context.report({
          ruleId: "marketplace/source",
          message:
            form === "npm"
              ? `${host} does not read npm sources, so it fails to load the whole marketplace (newer Codex releases install them); use ${local}, or require a newer Codex`
              : form === "github"
                ? `Claude's ${form} source is not supported by Codex; use ${local}`
                : `a "${form}" source is not one ${host} reads (only ${kinds.map((kind) => `"${kind}"`).join(" and ")}), so it cannot install this plugin; use ${local}`,
          file: file.path,
          at: { doc: file.doc, path: [...pointer, "source"] },
        });
        precise.add(pointerKey(pointer));
      } else if (codex && form === "npm" && checkNpmSource(context, file, source, pointer)) {
        precise.add(pointerKey(pointer));
      }
      if ("sha" in source && !(typeof source.sha === "string" && SHA_PATTERN.test(source.sha))) {
        context.report({
          ruleId: "marketplace/source",
          message: `"sha" must be a full 40-character lowercase commit hash, found ${JSON.stringify(source.sha)}: write the whole hash, or use "ref" for a branch or tag`,
          file: file.path,
          at: { doc: file.doc, path: [...pointer, "sha"] },
        });
        precise.add(pointerKey(pointer));
      }
    }
    checkLocalPath(context, marketplace, file, entry, source);
  }
  return precise;
}

function checkLocalPath(
  context: RuleContext,
  marketplace: MarketplaceModel,
  file: MarketplaceFile,
  entry: Entry,
  source: unknown,
): void {
  const raw = localSourcePath(source);
  if (raw === undefined) return;
  const isString = typeof source === "string";
  const pointer = isString ? entryPointer(entry.index, "source") : entryPointer(entry.index, "source", "path");
  const claude = context.host.id === "claude-code";
  checkPath(context, file, pointer, claude ? withClaudePluginRoot(file, raw) : raw, {
    root: marketplace.root,
    expect: "directory",
    // Claude Code accepts a plugin at the marketplace root ("./"); Codex rejects an empty path.
    allowRoot: claude,
    rootName: "marketplace root",
    what: `plugins[${entry.index}].source${isString ? "" : ".path"}`,
  });
}

/** Claude Code resolves a bare source name against `metadata.pluginRoot`. */
function withClaudePluginRoot(file: MarketplaceFile, raw: string): string {
  const value = file.doc.value;
  const pluginRoot = isRecord(value) && isRecord(value.metadata) ? value.metadata.pluginRoot : undefined;
  // Only a bare name ("formatter") is taken from pluginRoot; "./x", "../x" and absolute paths are judged as written.
  if (typeof pluginRoot !== "string" || /^[./\\~]|^[A-Za-z]:/.test(raw) || raw.split(/[\\/]/).includes(".."))
    return raw;
  return `./${posix.normalize(posix.join(pluginRoot, raw))}`;
}

/** Drops the schema's generic source finding where a more precise one was already reported. */
export function withoutGenericSource(context: RuleContext, precise: ReadonlySet<string>): RuleContext {
  return {
    host: context.host,
    report(report: Report) {
      const at = report.at;
      if (report.ruleId === "marketplace/source" && at && "path" in at && precise.has(pointerKey(at.path))) return;
      context.report(report);
    },
  };
}
