// manifest/todo: no "[TODO" placeholders left by Codex's plugin-creator.
import { describePath, isRecord, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Manifest, StringAt } from "./value.js";

/** Every string value in document order. Iterative, so a pathologically deep manifest cannot overflow the stack. */
function stringsIn(root: unknown): StringAt[] {
  const found: StringAt[] = [];
  const stack: { value: unknown; path: PointerSegment[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === "string") found.push({ text: value, path });
    const children: [PointerSegment, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : isRecord(value)
        ? Object.entries(value)
        : [];
    // Reversed onto the stack, so children come off it in order.
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ value: children[i]![1], path: [...path, children[i]![0]] });
  }
  return found;
}

export function checkTodos(manifest: Manifest, context: RuleContext): void {
  for (const found of stringsIn(manifest.value)) {
    if (!/\[TODO/i.test(found.text)) continue;
    context.report({
      ruleId: "manifest/todo",
      message: `${describePath(found.path)} still holds a "[TODO" placeholder; replace it before publishing`,
      file: manifest.path,
      at: { doc: manifest.doc, path: found.path },
    });
  }
}
