import type { NpmFacts } from "./verify-npm.js";

/** What the registry vouches for, before the plugin's own verification report. */
export function renderNpmFacts(npm: NpmFacts): string {
  const lines = [`npm ${npm.name}@${npm.version}  ${npm.integrity.slice(0, 27)}…`];
  const signature = npm.registrySignature;
  lines.push(
    `  registry signature  ${signature.status}${signature.keyId ? ` (${signature.keyId})` : ""}${signature.problem ? `: ${signature.problem}` : ""}`,
  );
  const provenance = npm.provenance;
  if (provenance.status === "none") lines.push("  provenance          none (published without an attestation)");
  else {
    lines.push(
      `  provenance          ${provenance.status}${provenance.builtBy ? `: built by ${provenance.builtBy}` : ""}`,
    );
    if (provenance.source)
      lines.push(
        `  source              ${provenance.source.repository}${provenance.source.commit ? ` @ ${provenance.source.commit.slice(0, 12)}` : ""}`,
      );
    for (const problem of provenance.problems) lines.push(`  ✗ ${problem}`);
  }
  return `${lines.join("\n")}\n`;
}
