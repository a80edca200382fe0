// The stylish summary of a plugin linted for several targets: one table, a column per target, saying where each
// manifest field comes from and which skills, servers and hooks each target loads.
import { relative } from "node:path";
import type { LoadedItem, PluginLoad } from "../plugin-load.js";

function items(list: readonly LoadedItem[]): string {
  if (list.length === 0) return "-";
  return list.map((item) => (item.loaded ? item.name : `${item.name} (skipped)`)).join(", ");
}

/** The table's lines (without a trailing blank line), paths relative to the plugin folder. */
export function loadTable(load: PluginLoad, cwd: string): string[] {
  const fields = [...new Set(load.targets.flatMap((target) => Object.keys(target.fields)))];
  const rows: string[][] = [
    ["", ...load.targets.map((target) => target.target)],
    ["plugin", ...load.targets.map((target) => (target.loads ? "loads" : "rejected"))],
    // Manifest fields are quoted, so "hooks" (a field) and hooks (the events loaded) read apart.
    ...fields.map((field) => [
      JSON.stringify(field),
      ...load.targets.map((target) => {
        const source = target.fields[field];
        return source === undefined ? "-" : relative(load.root, source);
      }),
    ]),
    ["skills", ...load.targets.map((target) => items(target.skills))],
    ["servers", ...load.targets.map((target) => items(target.servers))],
    ["hooks", ...load.targets.map((target) => items(target.hooks))],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const name = relative(cwd, load.root) || ".";
  return [
    `${name}: what each target loads`,
    ...rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")}`.trimEnd()),
  ];
}
