// manifest/default-prompt: the starter prompts Codex shows, as Codex filters them.
import { describePath, typeName, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { valueAt, type Manifest } from "./value.js";
import { characterCount, collapseWhitespace } from "../shared/text.js";

/** Why Codex skips one starter prompt (`resolve_default_prompt_str`), or undefined when it keeps it. */
function promptProblem(entry: unknown, maxLength: number): string | undefined {
  if (typeof entry !== "string") return `is ${typeName(entry)}; Codex skips entries that are not strings`;
  // Codex collapses whitespace before it measures a prompt.
  const length = characterCount(collapseWhitespace(entry));
  if (length === 0) return "is empty; Codex drops empty prompts: write a prompt or remove it";
  if (length > maxLength)
    return `is ${length} characters; Codex drops prompts over ${maxLength} characters: shorten it`;
  return undefined;
}

/** Mirrors Codex's `resolve_default_prompts`: entries are taken in order until 3 valid prompts are kept. */
export function checkDefaultPrompts(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  const { defaultPromptMaxCount: maxCount, defaultPromptMaxLength: maxLength } = plugin.host;
  const base = ["interface", "defaultPrompt"];
  const value = valueAt(manifest.value, base);
  // Other shapes are reported by the schema.
  const entries: { entry: unknown; path: PointerSegment[] }[] =
    typeof value === "string"
      ? [{ entry: value, path: base }]
      : Array.isArray(value)
        ? value.map((entry, index) => ({ entry, path: [...base, index] }))
        : [];
  let kept = 0;
  for (const { entry, path } of entries) {
    const where = describePath(path);
    const problem =
      kept >= maxCount
        ? `comes after ${maxCount} valid prompts; Codex keeps only the first ${maxCount}, so remove it or replace an earlier one`
        : promptProblem(entry, maxLength);
    if (problem)
      context.report({
        ruleId: "manifest/default-prompt",
        message: `${where} ${problem}`,
        file: manifest.path,
        at: { doc: manifest.doc, path },
      });
    else kept++;
  }
}
