// `plugin-lint --print-hosts`: what each host profile knows, and the release it was verified against.
import { allProfiles, type HostProfile, type TargetSpec, targetLabel } from "@agent-plugin/core";

export interface ProfileSummary {
  /** How to select it with `--target`. */
  target: TargetSpec;
  name: string;
  version: string;
  verifiedAgainst: string;
  current: boolean;
  /** The facts rules rely on, each as a label and a value written for people. */
  facts: { label: string; value: string }[];
}

function list(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}

function facts(profile: HostProfile): ProfileSummary["facts"] {
  const portable = profile.portableManifestFields;
  return [
    { label: "manifest", value: `${list(profile.manifestPaths)}${profile.manifestRequired ? " (required)" : ""}` },
    {
      label: "root plugin.json fields",
      value: profile.layout === "agent-plugins" ? "all (it is the manifest)" : list(portable),
    },
    {
      label: "marketplace files",
      value:
        profile.readsClaudeMarketplace && !profile.marketplacePaths.includes(".claude-plugin/marketplace.json")
          ? `${list(profile.marketplacePaths)}, else .claude-plugin/marketplace.json`
          : list(profile.marketplacePaths),
    },
    {
      label: "marketplace sources",
      value:
        profile.marketplaceSourceKinds === undefined ? "as its schema allows" : list(profile.marketplaceSourceKinds),
    },
    {
      label: "plugin hooks",
      value: profile.loadsHooks ? `${profile.hookEvents.length} events` : "not loaded",
    },
    {
      label: "skill name limit",
      value: `${profile.skillNameMax} characters${profile.namespacedSkillNames ? ", counting <plugin>:" : ""}`,
    },
    {
      label: "skill description limit",
      value: profile.skillDescriptionMax === undefined ? "none" : `${profile.skillDescriptionMax} characters`,
    },
    {
      label: "default prompts",
      value:
        profile.manifestSchema === "codexPlugin"
          ? `${profile.defaultPromptMaxCount} of up to ${profile.defaultPromptMaxLength} characters`
          : "not read",
    },
    {
      label: "MCP file",
      value: profile.mcpRequiresWrapper ? '{"mcpServers": {...}} only' : 'a bare map or {"mcpServers": {...}}',
    },
    { label: "symbolic links", value: profile.copiesSymlinks ? "kept" : "dropped on install" },
  ];
}

/** Every profile, newest first within each target. */
export function profileSummaries(): ProfileSummary[] {
  return allProfiles.map((profile) => ({
    target: targetLabel(profile),
    name: profile.displayName,
    version: profile.version,
    verifiedAgainst: profile.verifiedAgainst,
    current: profile.current,
    facts: facts(profile),
  }));
}

/** The summaries as text: one block per profile. */
export function formatProfileSummaries(summaries: readonly ProfileSummary[]): string {
  const width = Math.max(...summaries.flatMap((summary) => summary.facts.map((fact) => fact.label.length)));
  return summaries
    .map((summary) => {
      const selector =
        summary.current && summary.target.includes("@") === false
          ? `--target ${summary.target} (or ${summary.target}@${summary.version})`
          : `--target ${summary.target}`;
      const head = `${summary.target}: ${summary.name} ${summary.version}, verified against ${summary.verifiedAgainst}\n  ${selector}\n`;
      const rows = summary.facts.map((fact) => `  ${fact.label.padEnd(width)}  ${fact.value}\n`).join("");
      return head + rows;
    })
    .join("\n");
}
