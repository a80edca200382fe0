import type { ConvertReport } from "./types.js";

/** What `plugin-pack convert` prints: where the plugin went, and every part that was not carried. */
export function renderConvert(report: ConvertReport): string {
  const lines = [
    `converted ${report.name} from ${report.from} to ${report.to}`,
    `  folder     ${report.dir}${report.inPlace ? " (in place)" : ""}`,
    `  written    ${report.written.join(", ")}`,
    ...(report.removed.length > 0 ? [`  replaced   ${report.removed.join(", ")}`] : []),
    `  servers    ${report.servers.length > 0 ? report.servers.join(", ") : "none"}`,
  ];
  if (report.notCarried.length === 0) return [...lines, "  carried    everything"].join("\n");
  lines.push("", `Not carried (${report.notCarried.length}): ${report.to} has no place for`);
  for (const item of report.notCarried) {
    const what =
      item.part === "server"
        ? `server "${item.name}"${item.field === undefined ? "" : ` ${item.field}`}`
        : item.part === "manifest"
          ? `"${item.name}"`
          : `${item.name}${item.field === undefined ? "" : ` ${item.field}`}`;
    lines.push(`  ${item.file}  ${what}: ${item.reason}`);
  }
  return lines.join("\n");
}
