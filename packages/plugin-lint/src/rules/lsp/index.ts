// The lsp/* family: Claude Code's LSP servers, in `.lsp.json`, in files the manifest names, or inline in it.
import { isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../../rule.js";
import { hasValue, reportSchema } from "../shared/schema.js";
import { lspRuleMetas } from "./meta.js";

const CONSEQUENCE = "Claude Code rejects the file and starts none of its servers";

function lintLsp(plugin: PluginModel, context: RuleContext): void {
  for (const file of plugin.claude?.lspFiles ?? [])
    if (hasValue(file)) reportSchema(context, file, "lsp", { consequence: CONSEQUENCE });
  const manifest = plugin.manifest;
  if (!hasValue(manifest) || !isRecord(manifest.doc.value)) return;
  const field = manifest.doc.value.lspServers;
  const inline = (value: unknown, prefix: (string | number)[]) =>
    reportSchema(context, manifest, "lsp", {
      value,
      prefix,
      consequence: "Claude Code rejects these servers and starts none of them",
    });
  if (isRecord(field)) inline(field, ["lspServers"]);
  if (Array.isArray(field))
    field.forEach((item, index) => {
      if (isRecord(item)) inline(item, ["lspServers", index]);
    });
}

export const lspRules: RuleFamily = {
  rules: lspRuleMetas,
  layouts: ["host"],
  plugin: lintLsp,
};
