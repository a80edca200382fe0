// The capability report as plain text a reviewer scans in seconds: a header, then one aligned section per capability.
import { formatBytes } from "@agent-plugin/core";
import { describeAuth, describeLaunch } from "./capabilities.js";
import { renderBudget } from "./render-budget.js";
import type { CapabilityReport, McpServerCapability } from "./types.js";

export function renderInspect(report: CapabilityReport): string {
  const sections = [
    header(report),
    section("Skills", report.skills, (skill) => [skill.name, shorten(skill.description, 80)]),
    section("MCP servers", report.mcpServers, serverRow),
    section("Hooks", report.hooks, (hook) => [
      hook.event,
      hook.matcher ?? "(any)",
      hook.command ?? `(${hook.type} hook)`,
    ]),
    section("Apps", report.apps, (app) => [app.key, app.id]),
    section("Assets", report.assets, (asset) => [asset]),
  ];
  if (report.contextBudget !== undefined)
    sections.push(`${renderBudget(report.contextBudget, "", "Context budget").join("\n")}\n`);
  return sections.join("\n");
}

function header(report: CapabilityReport): string {
  const title = [report.name, report.version].filter((part) => part !== undefined).join(" ");
  const rows: string[][] = [];
  if (report.publisher !== undefined) rows.push(["publisher", report.publisher]);
  if (report.description !== undefined) rows.push(["description", shorten(report.description, 100)]);
  rows.push(["source", `${report.source} (${report.kind})`]);
  rows.push([
    "content",
    `${report.fileCount} file${report.fileCount === 1 ? "" : "s"}, ${formatBytes(report.totalBytes)}`,
  ]);
  if (report.kind === "archive") rows.push(["signature", signatureText(report)]);
  return `${printable(title)}\n${columns(rows)}`;
}

/** Inspect only reads the signature file: trust is `verify`'s job, and the text says so. */
function signatureText(report: CapabilityReport): string {
  const signature = report.signature;
  if (!signature || signature.status === "unsigned") return "unsigned";
  const who =
    signature.keyId === undefined
      ? "signed, but the signature file names no readable key"
      : `signed by key ${signature.keyId}`;
  return `${who} (not verified here: run plugin-pack verify --trust <public key> ${report.source})`;
}

function serverRow(server: McpServerCapability): string[] {
  const extra =
    server.transport === "http"
      ? `auth: ${describeAuth(server.auth)}`
      : server.env
        ? `env: ${server.env.join(", ")}`
        : "";
  return [server.name, server.transport, describeLaunch(server), extra];
}

function section<T>(title: string, items: readonly T[], row: (item: T) => string[]): string {
  if (items.length === 0) return `${title}: none\n`;
  return `${title} (${items.length})\n${columns(items.map(row))}`;
}

/** Rows with every column but the last padded to its widest cell. */
export function columns(rows: readonly (readonly string[])[], indent = "  "): string {
  const cells = rows.map((row) => row.map(printable));
  const widths: number[] = [];
  for (const row of cells) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
  }
  return cells
    .map(
      (row) =>
        `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length))).join("  ")}`.trimEnd() +
        "\n",
    )
    .join("");
}

/**
 * Every value comes from the plugin, which may be hostile: escape control characters (a fake line,
 * a cleared screen) and bidirectional overrides (text that reads differently than it is).
 */
export function printable(value: string): string {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}
