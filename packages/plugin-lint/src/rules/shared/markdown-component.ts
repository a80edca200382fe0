// Checks shared by Claude Code's Markdown components (agents, commands, output styles): where the file sits, and
// whether its frontmatter reads.
import {
  isRecord,
  type MarkdownComponent,
  type MarkdownComponentKind,
  type PluginModel,
  toPosixRelative,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { RuleId } from "../metas.js";

const NOUNS: Record<MarkdownComponentKind, string> = {
  agent: "agent",
  command: "command",
  "output-style": "output style",
};

export function componentsOf(plugin: PluginModel, kind: MarkdownComponentKind): MarkdownComponent[] {
  return (plugin.claude?.markdown ?? []).filter((component) => component.kind === kind);
}

/**
 * Claude Code 2.1.332 loads an agent or command only from a `.md` file (lower case) directly in its folder: one in
 * a subfolder, or named `.MD`, is listed by `plugin validate` but never loaded.
 */
export function checkFlatLocation(
  context: RuleContext,
  plugin: PluginModel,
  component: MarkdownComponent,
  ruleId: RuleId,
): void {
  const noun = NOUNS[component.kind];
  const nested = component.relative.includes("/");
  const extension = component.relative.slice(component.relative.lastIndexOf("."));
  if (!nested && extension === ".md") return;
  const folder = toPosixRelative(plugin.root, component.componentRoot) || ".";
  const why = nested
    ? `it is in a subfolder of ${folder}/, and ${context.host.displayName} loads ${noun}s only from files directly in it`
    : `its extension is "${extension}", and ${context.host.displayName} loads ${noun}s only from files ending in ".md"`;
  context.report({
    ruleId,
    message: `${context.host.displayName} does not load this ${noun}: ${why}`,
    file: component.path,
    at: { line: 1, column: 1 },
  });
}

/**
 * Frontmatter that is missing, unclosed or not YAML: Claude Code still loads the file (named after it), but reads
 * none of its settings, so a `description` or `tools` in it does nothing.
 */
export function checkFrontmatterReads(
  context: RuleContext,
  component: MarkdownComponent,
  ruleId: RuleId,
): Record<string, unknown> | undefined {
  const noun = NOUNS[component.kind];
  const consequence = `${context.host.displayName} loads the ${noun} under its file name without its settings`;
  if (component.frontmatterError) {
    const { message, offset, length } = component.frontmatterError;
    context.report({
      ruleId,
      message: `${message} (${consequence})`,
      file: component.path,
      at: { lines: component.lines, offset, length },
    });
    return undefined;
  }
  const doc = component.frontmatter;
  if (!doc) return undefined;
  const problem = doc.problems[0];
  if (problem) {
    context.report({
      ruleId,
      message: `the frontmatter is not valid YAML: ${problem.message} (${consequence})`,
      file: component.path,
      at: { lines: doc.lines, offset: problem.offset, length: problem.length },
    });
    return undefined;
  }
  if (!isRecord(doc.value)) {
    context.report({
      ruleId,
      message: `the frontmatter must be a YAML mapping of \`key: value\` lines (${consequence})`,
      file: component.path,
      at: { doc, path: [] },
    });
    return undefined;
  }
  return doc.value;
}
