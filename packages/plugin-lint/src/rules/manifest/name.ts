// manifest/name and manifest/name-folder.
import { basename } from "node:path";
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Manifest } from "./value.js";
import { characterCount, KEBAB_CASE } from "../shared/text.js";

const CODEX_NAME = /^[A-Za-z0-9_-]+$/;
const NAME_MAX_LENGTH = 64;

function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, NAME_MAX_LENGTH)
    .replace(/^-+|-+$/g, "");
}

export function checkName(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const name = manifest.value.name;
  if (typeof name !== "string" || name === "") return;
  // Names Codex cannot install are already errors from the schema pattern.
  if (plugin.host.id === "codex" && !CODEX_NAME.test(name)) return;
  const problems: string[] = [];
  if (!KEBAB_CASE.test(name)) problems.push("is not lowercase kebab-case (a-z, 0-9 and single '-')");
  const length = characterCount(name);
  if (length > NAME_MAX_LENGTH) problems.push(`is ${length} characters, over ${NAME_MAX_LENGTH}`);
  if (problems.length === 0) return;
  const suggestion = kebabCase(name);
  context.report({
    ruleId: "manifest/name",
    severity: "warning",
    message: `"name" ${JSON.stringify(name)} ${problems.join(" and ")}; Codex's plugin-creator and Claude Code expect names like ${JSON.stringify(suggestion || "my-plugin")}`,
    file: manifest.path,
    at: { doc: manifest.doc, path: ["name"] },
  });
}

export function checkNameMatchesFolder(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const name = manifest.value.name;
  if (typeof name !== "string" || name.trim() === "") return;
  const folder = basename(plugin.root);
  if (name === folder) return;
  context.report({
    ruleId: "manifest/name-folder",
    message: `"name" ${JSON.stringify(name)} differs from the plugin folder "${folder}"; rename one of them so they match`,
    file: manifest.path,
    at: { doc: manifest.doc, path: ["name"] },
  });
}
