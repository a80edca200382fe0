/** The body of a GitHub release: the version's CHANGELOG section, then how to check the archive. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PackReport } from "../pack/index.js";
import type { WorkspacePlugin } from "./workspace.js";

export function releaseNotes(args: { plugin: WorkspacePlugin; packed: PackReport; tag: string }): string {
  const { plugin, packed } = args;
  const changes = changelogSection(join(plugin.dir, "CHANGELOG.md"), plugin.version);
  const verify = packed.signature
    ? `Signed with Ed25519 key \`${packed.signature.keyId}\`. Check it with the publisher's public key before installing:\n\n\`\`\`sh\nnpx @agent-plugin/plugin-pack verify ${packed.fileName} --trust <publisher.pub>\nnpx @agent-plugin/plugin-pack install ${packed.fileName} --trust <publisher.pub>\n\`\`\``
    : "This archive is not signed; `sha256sum -c SHA256SUMS` checks only that it downloaded intact.";
  return [
    changes ?? `Release ${args.tag}.`,
    "",
    "---",
    "",
    `- Archive: \`${packed.fileName}\` (${packed.size} bytes, ${packed.fileCount} entries)`,
    `- SHA-256: \`${packed.sha256}\``,
    `- Integrity: \`${packed.integrity}\``,
    "",
    verify,
    "",
  ].join("\n");
}

/**
 * The lines under `## <version>` up to the next `## ` heading: the section changesets writes. Undefined when
 * there is no changelog or no such section.
 */
export function changelogSection(file: string, version: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex(
    (line) =>
      /^##\s+/.test(line) &&
      line
        .replace(/^##\s+/, "")
        .trim()
        .replace(/^v/, "")
        .split(/\s/)[0] === version,
  );
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^##\s+/.test(line));
  const body = lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join("\n")
    .trim();
  return body === "" ? undefined : body;
}
