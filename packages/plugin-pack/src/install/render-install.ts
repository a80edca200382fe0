import { isAbsolute, relative } from "node:path";
import { table } from "../text-table.js";
import type { InstallReport } from "./install.js";

/** The human form of an install report: one head line, then what happened to the folder and the entry. */
export function renderInstall(report: InstallReport, cwd: string): string {
  const { plugin, folder, entry, dryRun } = report;
  const rel = (path: string) => shown(cwd, path);
  const file = rel(report.marketplace.file);
  if (report.status === "already-installed") {
    return `✔ ${plugin.name} ${plugin.version} is already installed in ${rel(folder.path)}; nothing changed\n${notes(report)}`;
  }
  const did = (verb: string) => (dryRun ? `would be ${verb}` : verb);
  const head = {
    installed: `${dryRun ? "would install" : "installed"} ${plugin.name} ${plugin.version}`,
    upgraded: `${dryRun ? "would upgrade" : "upgraded"} ${plugin.name} ${folder.from} → ${plugin.version}`,
    updated: `${dryRun ? "would update" : "updated"} the entry of ${plugin.name} ${plugin.version}`,
  }[report.status];
  const folderRow =
    folder.action === "created"
      ? `${rel(folder.path)} ${did("created")} (${files(folder.fileCount)})`
      : folder.action === "replaced"
        ? `${rel(folder.path)} ${did("replaced")}: ${folder.from} → ${folder.to} (${files(folder.fileCount)})`
        : `${rel(folder.path)} unchanged (${folder.to} is installed)`;
  const entryRow =
    entry.action === "added"
      ? `${did("added")} to ${file}`
      : entry.action === "updated"
        ? `${did("updated")} in ${file}: ${entry.changes.map((c) => `${c.field} ${c.from ?? "(none)"} → ${c.to}`).join(", ")}`
        : `unchanged in ${file}`;
  const changed = new Set(entry.changes.map((c) => c.field));
  const kept = (field: string) => (entry.action !== "added" && !changed.has(field) ? " (kept)" : "");
  const rows: [string, string][] = [
    ["archive", `${rel(report.archive.path)} (${signature(report, cwd)})`],
    ["folder", folderRow],
    ["entry", entryRow],
    [
      "policy",
      `installation ${text(entry.policy.installation)}${kept("policy.installation")}, authentication ${text(entry.policy.authentication)}${kept("policy.authentication")}`,
    ],
    ["category", `${text(entry.category)}${kept("category")}`],
  ];
  if (folder.kept !== null)
    rows.push([
      "previous",
      `${folder.from} ${did("kept")} in ${rel(folder.kept)} (plugin-pack rollback ${plugin.name})`,
    ]);
  if (report.marketplace.created)
    rows.push(["marketplace", `${file} ${did("created")}: there was none in ${rel(report.marketplace.root)}`]);
  const tail = dryRun ? "dry run: nothing was written\n" : "";
  return `${dryRun ? "dry run: " : "✔ "}${head}\n${table(rows)}${notes(report)}${tail}`;
}

function signature(report: InstallReport, cwd: string): string {
  const sig = report.archive.signature;
  if (sig.status === "unsigned") return "unsigned, accepted with --allow-unsigned";
  return `signature ${sig.status}${sig.keyId ? `, key ${sig.keyId}` : ""}${sig.trustedBy ? `, trusted by ${shown(cwd, sig.trustedBy)}` : ""}`;
}

function notes(report: InstallReport): string {
  return report.notes.map((note) => `  note: ${note}\n`).join("");
}

function files(count: number): string {
  return `${count} file${count === 1 ? "" : "s"}`;
}

function text(value: unknown): string {
  return value === undefined ? "(not set)" : typeof value === "string" ? value : JSON.stringify(value);
}

/** Relative to cwd, as the other commands print paths; trust sources that are not paths (a literal key) stay as they are. */
function shown(cwd: string, path: string): string {
  return isAbsolute(path) ? relative(cwd, path) || "." : path;
}
