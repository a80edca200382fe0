/** The human forms of the lifecycle reports; --json prints the reports themselves. */
import { relative } from "node:path";
import { table } from "../text-table.js";
import type { EnableReport } from "./enable.js";
import type { RollbackReport } from "./rollback.js";
import type { StatusReport } from "./status.js";
import type { UninstallReport } from "./uninstall.js";

const HOST_NAMES = { codex: "Codex", "claude-code": "Claude Code" } as const;

function audited(audit: { file: string; seq: number } | undefined): string {
  return audit === undefined ? "" : `  recorded: ${audit.file} line ${audit.seq}\n`;
}

export function renderEnable(report: EnableReport): string {
  const state = report.action === "enable" ? "enabled" : "disabled";
  const head = report.changed
    ? `✔ ${state} ${report.plugin} ${report.version ?? ""} in ${HOST_NAMES[report.host]} (${report.file})`
    : `✔ ${report.plugin} is already ${state} in ${HOST_NAMES[report.host]}; nothing changed`;
  return `${head.replace(/ +\(/, " (")}\n${audited(report.audit)}`;
}

export function renderRollback(report: RollbackReport, cwd: string): string {
  const rows: [string, string][] = [
    ["folder", `${relative(cwd, report.folder) || "."}: ${report.from} → ${report.to} (restored byte for byte)`],
    ["entry", report.entryChanged ? `version set to ${report.to}` : "unchanged (it names no version)"],
  ];
  if (report.archiveSha256 !== null)
    rows.push(["archive", `sha256 ${report.archiveSha256}${report.keyId === null ? "" : `, key ${report.keyId}`}`]);
  return `✔ rolled back ${report.plugin} ${report.from} → ${report.to}\n${table(rows)}${audited(report.audit)}${notes(report.notes)}`;
}

export function renderUninstall(report: UninstallReport): string {
  let text = `✔ uninstalled ${report.plugin}${report.version === null ? "" : ` ${report.version}`}\n`;
  text += table(report.removed.map((path) => ["removed", path]));
  if (report.host !== null)
    text +=
      report.host.removed.length > 0
        ? `  removed from ${HOST_NAMES[report.host.host]}: ${report.host.removed.join(", ")}\n`
        : `  ${HOST_NAMES[report.host.host]} had not installed it\n`;
  if (report.stillAuthorised.length > 0) {
    text += "  still authorised (uninstalling does not revoke these):\n";
    for (const item of report.stillAuthorised) text += `    ${item.name}: ${item.detail}: ${item.revoke}\n`;
  } else text += "  nothing it connected stays authorised (no app connectors or remote MCP servers)\n";
  return text + audited(report.audit) + notes(report.notes);
}

export function renderStatus(report: StatusReport): string {
  let text = "";
  for (const host of report.hosts) {
    text += `${HOST_NAMES[host.host]} (${host.home})\n`;
    if (host.plugins.length === 0) {
      text += "  no plugins installed\n";
      continue;
    }
    text += table(
      host.plugins.map((plugin) => [
        plugin.plugin,
        [
          plugin.installed ?? "-",
          plugin.enabled ? "enabled" : "disabled",
          plugin.state === "outdated"
            ? `outdated: the marketplace lists ${plugin.listed}`
            : plugin.state === "in-sync"
              ? "in sync with its marketplace"
              : plugin.state === "not-listed"
                ? "no longer listed by its marketplace"
                : `${plugin.state}${plugin.detail === undefined ? "" : ` (${plugin.detail})`}`,
        ].join("  "),
      ]),
    );
  }
  return `${text}${report.drift === 0 ? "✔ no drift\n" : `✖ ${report.drift} plugin${report.drift === 1 ? "" : "s"} drifted from their marketplace\n`}`;
}

function notes(list: readonly string[]): string {
  return list.map((note) => `  note: ${note}\n`).join("");
}
