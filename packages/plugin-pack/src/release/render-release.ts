import { relative } from "node:path";
import { formatBytes } from "@agent-plugin/core";
import type { ReleaseReport } from "./release.js";
import type { VersionReport } from "./version-packages.js";

const rel = (from: string, path: string) => relative(from, path) || ".";

export function renderVersion(report: VersionReport, cwd: string): string {
  const lines: string[] = [];
  const { changesets } = report;
  if (changesets === null) lines.push("changesets: skipped (--no-changesets)");
  else if (!changesets.ran) lines.push("changesets: none pending; nothing to bump");
  else lines.push(`changesets: ${changesets.pending} applied by changeset version`);
  for (const bump of report.bumped) lines.push(`  ${bump.packageName} ${bump.from} → ${bump.to}`);
  if (report.synced.length === 0) lines.push("plugin.json and marketplace versions: already in step");
  for (const change of report.synced)
    lines.push(`  synced ${rel(cwd, change.file)}: ${change.from ?? "(none)"} → ${change.to}`);
  if (report.lockfile)
    lines.push(`lockfile: ${rel(cwd, report.lockfile.file)} refreshed with ${report.lockfile.manager}`);
  return `${lines.join("\n")}\n`;
}

export function renderRelease(report: ReleaseReport, cwd: string): string {
  const lines: string[] = [];
  const lintLine = `lint: ${report.lint.errorCount} errors, ${report.lint.warningCount} warnings`;
  if (report.dryRun) {
    lines.push(lintLine);
    if (report.planned.length === 0) lines.push("dry run: nothing to release (every version is tagged)");
    for (const plan of report.planned) {
      lines.push(`would release ${plan.tag} from ${plan.dir}`);
      if (plan.npm) {
        lines.push(`  npm package ${plan.npm.package}, ${plan.npm.files.length} files:`);
        for (const file of plan.npm.files) lines.push(`    ${file}`);
      }
    }
  } else if (report.released.length === 0) {
    lines.push(lintLine, "nothing to release: every plugin version already has its tag");
  } else {
    lines.push(lintLine);
    for (const item of report.released) {
      lines.push(`released ${item.tag}`);
      lines.push(`  archive  ${item.archive} (${formatBytes(item.size)})`);
      lines.push(`  sha256   ${item.sha256}`);
      lines.push(`  signed   ${item.keyId ? `key ${item.keyId}` : "no"}`);
      lines.push(`  notes    ${item.notes}`);
      if (item.npm)
        lines.push(
          `  npm      ${item.npm.package}@${item.version} ${item.npm.status === "published" ? `published${item.npm.provenance ? " with provenance" : ""}` : "already on the registry"} (${item.npm.tarball})`,
        );
    }
    if (report.checksums) lines.push(`checksums: ${rel(cwd, report.checksums)}`);
  }
  for (const skip of report.skipped) lines.push(`skipped ${skip.tag} (already tagged)`);
  if (report.manifest) lines.push(`wrote ${rel(cwd, report.manifest)}`);
  return `${lines.join("\n")}\n`;
}
