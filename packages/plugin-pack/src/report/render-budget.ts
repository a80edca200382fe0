// The context budget as text: one heading line with the total and where the text came from, then one row per
// component (always-on and on-invoke tokens, the host's own figures beside them), then what is not counted.
import type { ContextBudget } from "./context-budget.js";
import { printable } from "./render-inspect.js";

const HOST_NAMES = { codex: "Codex", "claude-code": "Claude Code" } as const;

export function renderBudget(budget: ContextBudget, indent = "  ", label = "context"): string[] {
  const host = HOST_NAMES[budget.host];
  const fromHost = budget.components.some((component) => component.textFrom === "host");
  const source = budget.estimate
    ? `an estimate: ${host}'s tokenizer is not public`
    : fromHost
      ? `over the text ${host} renders`
      : `over the text ${host} would render, built from the files`;
  const own = budget.hostAlwaysOn === undefined ? "" : ` · ${host}'s own estimate ${budget.hostAlwaysOn}`;
  const lines = [
    `${indent}${label}: ${format(budget.alwaysOn)} always-on tokens (${budget.tokenizer}, ${source})${own}`,
  ];
  const rows = budget.components.map((component) => {
    const figures =
      component.hostFigures === undefined
        ? ""
        : `${host}: ${component.hostFigures.alwaysOn} / ${component.hostFigures.onInvoke}`;
    return [
      component.kind,
      printable(component.name),
      `always-on ${format(component.alwaysOn)}`,
      `on invoke ${component.onInvoke === undefined ? "?" : format(component.onInvoke)}`,
      figures,
    ];
  });
  lines.push(...aligned(rows, `${indent}  `));
  for (const note of budget.notCounted) lines.push(`${indent}  not counted: ${printable(note)}`);
  return lines;
}

function format(tokens: number): string {
  return tokens.toLocaleString("en-US");
}

/** Rows with every column padded to its widest cell, the trailing spaces trimmed. */
function aligned(rows: readonly string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows.map((row) => `${indent}${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd());
}
