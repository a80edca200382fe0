import { titleCase } from "@agent-plugin/core";
import type { ChangesetsSetup } from "./changesets.js";
import type { ReleaseSetup } from "./release-channel.js";
import { brandColor } from "./logo.js";
import type { CreateOptions } from "./options.js";
import {
  packageManagerSetup,
  type PackageManagerCommands,
  type PackageManagerSetup,
  type WorkflowSetup,
} from "./package-manager.js";
import type { PackageManager } from "./setup.js";
import { type Target, targetNames } from "./targets.js";
import { TOOLCHAIN_RANGE } from "./version.js";

export interface SkillContext {
  name: string;
  /** `<plugin>:<skill>`, how users and Codex name the skill. */
  id: string;
  title: string;
  description: string;
  shortDescription: string;
  defaultPrompt: string;
}

/** The values every template sees. Strict templates throw on a missing key, so every key is always present. */
export interface RenderContext {
  name: string;
  displayName: string;
  description: string;
  developer: string;
  year: number;
  category: string;
  brandColor: string;
  homepage: string | null;
  skills: SkillContext[];
  /**
   * The remote MCP server (`--mcp http`). With a bearer token, `authorization` is the header value Claude Code
   * sends (`Bearer ${TOKEN_VAR}`, expanded from the environment) and Codex reads `tokenEnvVar` itself; with
   * OAuth (`--mcp-auth oauth`) both are null and the host signs the user in.
   */
  mcp: { server: string; url: string; oauth: boolean; tokenEnvVar: string | null; authorization: string | null } | null;
  /** The local MCP server (`--mcp stdio`), written in TypeScript under server/. */
  stdio: { server: string } | null;
  app: { id: string } | null;
  hooks: boolean;
  /** Written in the Agent Plugins 1.0 layout: root `plugin.json`, and `mcp.json` with an MCP server. */
  portable: boolean;
  /** Written for Codex: `.codex-plugin/plugin.json` (its `interface`, apps, hooks) and `agents/openai.yaml`. */
  codex: boolean;
  /** Also written for Claude Code: `.claude-plugin/plugin.json`, and hook and MCP files in the form it runs. */
  claudeCode: boolean;
  /** The hosts with a manifest of their own, for prose: "Codex", "Codex and Claude Code", "Claude Code" or "". */
  hostNames: string;
  /** Every target, for prose: "any Agent Plugins host and Codex". */
  targetNames: string;
  /** The manifests a release moves to the new version, for prose: "`.codex-plugin/plugin.json`", "both manifests". */
  manifests: string;
  /** The MCP files a host reads (`.mcp.json` and the like): written when Codex or Claude Code is a target. */
  hostMcp: boolean;
  /** `interface.capabilities` of the Codex manifest. */
  capabilities: string[];
  changesets: ChangesetsSetup;
  toolchainRange: string;
  /**
   * Set when the plugin is a package of a workspace (a marketplace monorepo), whose root owns git, the workflows,
   * changesets and the install: `packageManager` is the workspace's.
   */
  workspace: { packageManager: PackageManager } | null;
  /** The package manager the generated text names: the workspace's, or the one that runs create for a plugin that is its own repository. */
  pm: PackageManager;
  /** More on it: package.json's `packageManager` field, whether it is Yarn 2+, which script enables the git hooks. */
  packageManager: Omit<PackageManagerSetup, "commands" | "workflow">;
  /** The commands the README, the changesets notes and the git hook name, in that package manager's form. */
  commands: PackageManagerCommands;
  /** Its steps in the CI and release workflows. */
  workflow: WorkflowSetup;
  /**
   * Rendered for a new marketplace root (marketplace-root.ts): the repository files speak of its plugins, not of
   * the one plugin.
   */
  marketplaceRoot: boolean;
  /** The version pull request's title and commit message: "Release <name>", or "Release plugins" at a marketplace root. */
  releaseTitle: string;
  /** Where releases go: a GitHub release, an npm package (under `scope`), or both. */
  release: ReleaseSetup;
}

export function renderContext(options: CreateOptions): RenderContext {
  const running = options.workspace
    ? { name: options.workspace.packageManager, version: null }
    : options.packageManager;
  const { commands, workflow, ...packageManager } = packageManagerSetup(running, options.workspace === null);
  return {
    name: options.name,
    displayName: options.displayName,
    description: options.description,
    developer: options.developer,
    year: options.year,
    category: options.category,
    brandColor: brandColor(options.name),
    homepage: options.homepage,
    skills: options.skills.map((skill) => skillContext(options, skill)),
    mcp:
      options.mcp?.transport === "http" ? remoteServer(options.name, options.mcp.url, options.mcp.tokenEnvVar) : null,
    stdio: options.mcp?.transport === "stdio" ? { server: options.name } : null,
    app: options.app === null ? null : { id: options.app },
    hooks: options.hooks,
    portable: options.targets.includes("agent-plugins"),
    codex: options.targets.includes("codex"),
    claudeCode: options.targets.includes("claude-code"),
    hostNames: targetNames(options.targets.filter((target) => target !== "agent-plugins")),
    targetNames: targetNames(options.targets),
    hostMcp: options.targets.some((target) => target !== "agent-plugins"),
    manifests: manifestsText(options.targets),
    capabilities: options.capabilities,
    changesets: options.changesets,
    toolchainRange: TOOLCHAIN_RANGE,
    workspace: options.workspace && { packageManager: options.workspace.packageManager },
    pm: running.name,
    packageManager,
    commands,
    workflow,
    marketplaceRoot: false,
    releaseTitle: `Release ${options.name}`,
    release: options.release,
  };
}

function manifestsText(targets: readonly Target[]): string {
  if (targets.length === 3) return "every manifest";
  if (targets.length === 2) return "both manifests";
  return targets[0] === "agent-plugins" ? "`plugin.json`" : "`.codex-plugin/plugin.json`";
}

function skillContext(options: CreateOptions, skill: string): SkillContext {
  const title = titleCase(skill);
  return {
    name: skill,
    id: `${options.name}:${skill}`,
    title,
    // The description is what the host matches requests against: what the skill does, then when to use it.
    description: `${title} for ${options.displayName}: ${withoutFinalStop(options.description)}. ${whenToUse(options, skill, title)}`,
    shortDescription: `${title} for ${options.displayName}`,
    defaultPrompt: `Use ${title} on this workspace`,
  };
}

/** The default skill is a general guide; a named skill is usually a verb phrase ("draft-notes"). */
function whenToUse(options: CreateOptions, skill: string, title: string): string {
  const id = `${options.name}:${skill}`;
  if (skill === `${options.name}-guide` || skill === "guide")
    return `Use when the user asks for help with ${options.displayName} tasks, or names ${id}.`;
  return `Use when the user asks to ${title.toLowerCase()}, or names ${id}.`;
}

/** Starter prompts shown in the composer: one per skill (at most two), then a question about the plugin. */
export function defaultPrompts(context: RenderContext): string[] {
  return [
    ...context.skills.slice(0, 2).map((skill) => skill.defaultPrompt),
    `What can ${context.displayName} help me with?`,
  ];
}

function withoutFinalStop(text: string): string {
  return text.replace(/[.!?]+$/, "");
}

function remoteServer(server: string, url: string, tokenEnvVar: string | null): NonNullable<RenderContext["mcp"]> {
  return {
    server,
    url,
    oauth: tokenEnvVar === null,
    tokenEnvVar,
    authorization: tokenEnvVar === null ? null : `Bearer \${${tokenEnvVar}}`,
  };
}
