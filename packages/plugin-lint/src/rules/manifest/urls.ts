// manifest/url: the manifest's links are absolute https URLs.
import { describePath, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { valueAt, type Manifest } from "./value.js";

const URL_FIELDS: readonly (readonly string[])[] = [
  ["homepage"],
  ["author", "url"],
  ["interface", "websiteURL"],
  ["interface", "websiteUrl"],
  ["interface", "privacyPolicyURL"],
  ["interface", "privacyPolicyUrl"],
  ["interface", "termsOfServiceURL"],
  ["interface", "termsOfServiceUrl"],
];

function urlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not an absolute URL";
  }
  return url.protocol === "https:" ? undefined : `uses ${url.protocol} instead of https:`;
}

export function checkUrls(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const codex = plugin.host.id === "codex";
  const why = codex ? " (the curated-marketplace ingestion rejects others)" : "";
  for (const path of URL_FIELDS) {
    // `interface` is Codex's; in a Claude Code manifest it is an unknown field, reported as such.
    if (!codex && path[0] === "interface") continue;
    const raw = valueAt(manifest.value, path);
    if (typeof raw !== "string") continue;
    const problem = urlProblem(raw);
    if (!problem) continue;
    context.report({
      ruleId: "manifest/url",
      message: `${describePath(path)} ${JSON.stringify(raw)} ${problem}; write a full https:// URL${why}`,
      file: manifest.path,
      at: { doc: manifest.doc, path },
    });
  }
}
