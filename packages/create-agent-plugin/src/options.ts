import { titleCase, toKebab, UsageError } from "@agent-plugin/core";
import { execFileSync } from "node:child_process";
import { basename, resolve } from "node:path";
import { defaultCapabilities, resolveCapabilities } from "./capabilities.js";
import { changesetsFor, type ChangesetsSetup } from "./changesets.js";
import { MAX_NAME_LENGTH, tokenEnvVar } from "./names.js";
import { packageManagerFromUserAgent, parsePackageManager, type RunningPackageManager } from "./package-manager.js";
import { memberRelease, normaliseScope, type ReleaseSetup, resolveRelease } from "./release-channel.js";
import { resolveTargets, targetNames, type Target } from "./targets.js";
import { type MarketplaceRoot, memberOfNewRoot, planMarketplaceRoot } from "./marketplace-root.js";
import { detectWorkspace, publishesToNpm, type WorkspaceMember } from "./workspace.js";

export type MarketplaceKind = "none" | "repo" | "personal";

/** The plugin's MCP server: a remote one (`--mcp http`) or a local TypeScript one started over stdio (`--mcp stdio`). */
export type McpOption =
  /** `tokenEnvVar` names the variable that holds the bearer token; null when the host signs in with OAuth instead. */
  { transport: "http"; url: string; tokenEnvVar: string | null } | { transport: "stdio" };

/** Everything createPlugin() needs, validated and with every default filled in. */
export interface CreateOptions {
  /** The plugin folder, absolute; its name equals `name`. */
  dir: string;
  /** The folder the command runs in: the root of a `repo` marketplace. */
  cwd: string;
  /** The root of a `personal` marketplace. */
  home: string;
  name: string;
  displayName: string;
  description: string;
  developer: string;
  category: string;
  skills: string[];
  mcp: McpOption | null;
  app: string | null;
  hooks: boolean;
  marketplace: MarketplaceKind;
  /**
   * How the marketplace entry finds the plugin: its folder (`local`), or the npm package it is published as
   * (`--source npm --npm-scope @acme`: `@acme/<name>`, which Codex 0.171 fetches with `npm pack`).
   */
  marketplaceSource: MarketplaceSource;
  homepage: string | null;
  /** The hosts the plugin is written for: always Codex first, optionally Claude Code. */
  targets: Target[];
  /** `interface.capabilities` of the Codex manifest. */
  capabilities: string[];
  /** Where releases go (`--release`), with the npm scope. */
  release: ReleaseSetup;
  /** Write into a non-empty folder and replace an existing marketplace entry. */
  force: boolean;
  /** The copyright year in LICENSE. */
  year: number;
  /** The changesets the release setup uses, chosen by the Node version create runs on. */
  changesets: ChangesetsSetup;
  /**
   * The package manager that runs create. A plugin that is its own repository is installed with it, and its files
   * (README, scripts, git hook, workflows) name it; a workspace package uses the workspace's (`workspace`).
   */
  packageManager: RunningPackageManager;
  /** The workspace whose package the plugin becomes, or null: the plugin is a repository of its own. */
  workspace: WorkspaceMember | null;
  /**
   * `--marketplace repo` in a folder that is no repository or workspace yet: the folder becomes a marketplace
   * monorepo whose package the plugin is (`workspace` is then that new workspace). "unsupported" with yarn or bun:
   * the plugin stays a repository of its own, and a warning says how to get the monorepo.
   */
  marketplaceRoot: MarketplaceRoot | "unsupported" | null;
  /** Another template folder (tests); default: the one shipped with the package. */
  templatesDir?: string;
}

/** Raw values, as the flags give them; only `cwd` is required here (`name` or `dir` is checked). */
export interface CreateInput {
  cwd: string;
  home?: string;
  dir?: string;
  name?: string;
  displayName?: string;
  description?: string;
  developer?: string;
  category?: string;
  /** Comma-separated, as `--skills a,b` gives them. */
  skills?: string;
  mcp?: string;
  mcpUrl?: string;
  /** `bearer` (default) or `oauth`, for a remote server. */
  mcpAuth?: string;
  app?: string;
  hooks?: boolean;
  marketplace?: string;
  /** `local` (default) or `npm`. */
  source?: string;
  /** The npm scope of `--source npm` and of `--release npm|both`, such as `@acme`. */
  npmScope?: string;
  homepage?: string;
  /** Comma-separated, as `--target codex,claude-code` gives them. */
  target?: string;
  /** Comma-separated, as `--capabilities Interactive,Read` gives them. */
  capabilities?: string;
  /** `github`, `npm` or `both`. */
  release?: string;
  force?: boolean;
  year?: number;
  /** The Node version that decides the changesets major; default `process.versions.node` (tests pin it). */
  nodeVersion?: string;
  /**
   * The package manager that runs create, `<name>` or `<name>@<version>` (npm, pnpm, yarn or bun); default: the one
   * npm_config_user_agent names, else npm (tests pin it).
   */
  packageManager?: string;
  /** Looks up the default developer name; default: `git config user.name`. */
  gitUserName?: () => string | undefined;
  /** Look for a workspace holding the plugin folder (default true); false writes a plugin that is its own repository. */
  detectWorkspace?: boolean;
}

const DEFAULT_CATEGORY = "Productivity";
const DEFAULT_DEVELOPER = "Plugin author";

export function resolveOptions(input: CreateInput): CreateOptions {
  const name = resolveName(input);
  const displayName = text(input.displayName, "--display-name") ?? titleCase(name);
  const marketplace = oneOf(input.marketplace, "--marketplace", ["none", "repo", "personal"] as const) ?? "none";
  const dir = resolve(input.cwd, input.dir ?? (marketplace === "none" ? name : `plugins/${name}`));
  if (basename(dir) !== name) {
    throw new UsageError(
      `the folder "${basename(dir)}" and the plugin name "${name}" differ: Codex and plugin-lint expect a plugin's folder to be named after it, so make them match`,
    );
  }
  const mcpKind =
    oneOf(input.mcp, "--mcp", ["none", "http", "stdio"] as const) ?? (input.mcpUrl === undefined ? "none" : "http");
  if (mcpKind !== "http" && input.mcpUrl !== undefined)
    throw new UsageError(
      `--mcp-url needs --mcp http${mcpKind === "stdio" ? " (a stdio server runs locally and has no URL)" : ""}`,
    );
  if (mcpKind === "http" && input.mcpUrl === undefined)
    throw new UsageError("--mcp http needs --mcp-url <https URL of the remote MCP server>");
  const mcpAuth = oneOf(input.mcpAuth, "--mcp-auth", ["bearer", "oauth"] as const) ?? "bearer";
  if (input.mcpAuth !== undefined && mcpKind !== "http")
    throw new UsageError("--mcp-auth goes with a remote server: add --mcp http --mcp-url <https URL>");
  const targets = resolveTargets(input.target);
  const app = input.app === undefined ? null : appId(input.app);
  checkHostOnlyParts(targets, app !== null, input.hooks ?? false);
  const packageManager = parsePackageManager(
    input.packageManager ?? packageManagerFromUserAgent(process.env.npm_config_user_agent),
  );
  const developer = text(input.developer, "--developer") ?? gitDeveloper(input.gitUserName) ?? DEFAULT_DEVELOPER;
  const place = workspaceOf(input, marketplace, resolve(input.cwd), dir, packageManager);
  const scope = input.npmScope === undefined ? undefined : normaliseScope(input.npmScope, name);
  const marketplaceSource = resolveMarketplaceSource(input, marketplace, name, scope, place.existing);
  // A package of an existing workspace is released by the root, as the root does it; a plugin that is its own
  // repository, or the first of a new monorepo, as --release says (npm when its entry names an npm package).
  const release =
    place.existing === null
      ? resolveRelease(input.release, scope, { developer, name, sourceNpm: marketplaceSource.kind === "npm" })
      : memberRelease(input.release, {
          npmScope: place.existing.npmScope,
          publishesToNpm: publishesToNpm(place.existing),
        });
  const root = place.marketplaceRoot;
  return {
    dir,
    cwd: resolve(input.cwd),
    home: resolve(input.home ?? process.env.HOME ?? input.cwd),
    name,
    displayName,
    description: text(input.description, "--description") ?? `${displayName} workflows for ${targetNames(targets)}.`,
    developer,
    category: text(input.category, "--category") ?? DEFAULT_CATEGORY,
    skills: resolveSkills(name, input.skills),
    mcp: resolveMcp(mcpKind, input.mcpUrl, mcpAuth, name),
    app,
    hooks: input.hooks ?? false,
    marketplace,
    marketplaceSource,
    homepage: input.homepage === undefined ? null : httpsUrl(input.homepage, "--homepage", false),
    targets,
    capabilities:
      input.capabilities === undefined
        ? defaultCapabilities({ mcp: mcpKind !== "none", app: app !== null })
        : resolveCapabilities(input.capabilities),
    release,
    force: input.force ?? false,
    year: input.year ?? new Date().getFullYear(),
    changesets: changesetsFor(input.nodeVersion ?? process.versions.node),
    packageManager,
    workspace: place.existing ?? (root === null || root === "unsupported" ? null : memberOfNewRoot(root, release)),
    marketplaceRoot: root,
  };
}

/**
 * App connectors and hooks have no portable form (the standard has neither): they live in a host's own files, so a
 * plugin written for the standard alone cannot have them.
 */
function checkHostOnlyParts(targets: readonly Target[], app: boolean, hooks: boolean): void {
  if (app && !targets.includes("codex"))
    throw new UsageError(
      "--app needs codex in --target: app connectors are Codex's (.app.json, named by .codex-plugin/plugin.json) and the Agent Plugins standard has none; use --target agent-plugins,codex",
    );
  if (hooks && !targets.includes("codex") && !targets.includes("claude-code"))
    throw new UsageError(
      "--hooks needs codex or claude-code in --target: the Agent Plugins standard has no hooks, only the hosts run them; use --target agent-plugins,claude-code or codex",
    );
  // Checked with the real Codex 0.171: beside a root plugin.json it registers none of .codex-plugin's hooks.
  if (hooks && targets.includes("agent-plugins") && targets.includes("codex"))
    throw new UsageError(
      "--hooks cannot go with --target agent-plugins and codex: Codex 0.171 runs no hooks of a plugin that has an Agent Plugins plugin.json; use --target codex,claude-code for hooks in both hosts, or agent-plugins,claude-code",
    );
}

export type MarketplaceSource = { kind: "local" } | { kind: "npm"; package: string };

/**
 * `--source npm --npm-scope @acme`: the entry names `@acme/<name>`; a scope is required, as unscoped names collide.
 * In a workspace whose root publishes under a scope, that scope is the default, and another one is refused: the entry
 * would name a package the root's release never publishes.
 */
function resolveMarketplaceSource(
  input: CreateInput,
  marketplace: MarketplaceKind,
  name: string,
  scope: string | undefined,
  workspace: WorkspaceMember | null,
): MarketplaceSource {
  const kind = oneOf(input.source, "--source", ["local", "npm"] as const) ?? "local";
  if (kind === "local") {
    if (input.npmScope !== undefined && (input.release ?? "github") === "github")
      throw new UsageError("--npm-scope goes with --source npm or --release npm|both");
    return { kind };
  }
  if (marketplace === "none")
    throw new UsageError(
      "--source npm says how a marketplace entry finds the plugin: add --marketplace repo or --marketplace personal",
    );
  const rootScope = workspace?.npmScope ?? null;
  if (scope !== undefined && rootScope !== null && scope !== rootScope)
    throw new UsageError(
      `--npm-scope ${scope} differs from the scope the workspace root publishes under (${rootScope}, "agentPlugin.npm.scope" in its package.json): the entry would name ${scope}/${name}, which the root's release never publishes; leave --npm-scope out or pass ${rootScope}`,
    );
  const chosen = scope ?? rootScope;
  if (chosen === null)
    throw new UsageError(
      "--source npm needs --npm-scope <@scope> (your npm user or organisation): unscoped plugin names collide with packages already on npm",
    );
  return { kind: "npm", package: `${chosen}/${name}` };
}

/**
 * The workspace the plugin joins: one that holds its folder (`existing`), or a new one at a repo marketplace's root
 * (`marketplaceRoot`), whose member is made once the release is known.
 */
function workspaceOf(
  input: CreateInput,
  marketplace: MarketplaceKind,
  cwd: string,
  dir: string,
  packageManager: RunningPackageManager,
): { existing: WorkspaceMember | null; marketplaceRoot: CreateOptions["marketplaceRoot"] } {
  if (input.detectWorkspace === false) return { existing: null, marketplaceRoot: null };
  const existing = detectWorkspace(dir, packageManager.name);
  if (existing !== null || marketplace !== "repo") return { existing, marketplaceRoot: null };
  return { existing: null, marketplaceRoot: planMarketplaceRoot(cwd, dir, packageManager) };
}

function resolveMcp(
  kind: "none" | "http" | "stdio",
  url: string | undefined,
  auth: "bearer" | "oauth",
  name: string,
): McpOption | null {
  if (kind === "stdio") return { transport: "stdio" };
  if (kind === "http")
    return {
      transport: "http",
      url: httpsUrl(url!, "--mcp-url", true),
      tokenEnvVar: auth === "bearer" ? tokenEnvVar(name) : null,
    };
  return null;
}

/** `--name`, else the target folder's name; normalised to lowercase kebab-case. */
function resolveName(input: CreateInput): string {
  const raw = input.name ?? (input.dir === undefined ? undefined : basename(resolve(input.cwd, input.dir)));
  if (raw === undefined)
    throw new UsageError(
      "missing --name: pass --name <plugin-name> (or the folder to create, whose name becomes the plugin name)",
    );
  const name = toKebab(raw);
  if (name === "") throw new UsageError(`--name "${raw}" has no letters or digits: use a name such as "release-notes"`);
  if (name.length > MAX_NAME_LENGTH)
    throw new UsageError(`--name "${name}" is ${name.length} characters; plugin names are at most ${MAX_NAME_LENGTH}`);
  return name;
}

/** Skills are invoked as `<plugin>:<skill>`, which Codex limits to 64 characters. */
function resolveSkills(name: string, raw: string | undefined): string[] {
  const room = MAX_NAME_LENGTH - name.length - 1;
  if (raw === undefined) {
    // A default named after the plugin, or a shorter one when the plugin name leaves no room for it.
    const preferred = `${name}-guide`;
    if (preferred.length <= room) return [preferred];
    if ("guide".length <= room) return ["guide"];
    throw new UsageError(
      `--name "${name}" is ${name.length} characters, which leaves no room for a skill ("${name}:<skill>" is at most ${MAX_NAME_LENGTH}): use at most ${MAX_NAME_LENGTH - 1 - "guide".length}`,
    );
  }
  const skills = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (skills.length === 0)
    throw new UsageError(`--skills needs at least one skill name, such as --skills summarize,review`);
  const names = skills.map((skill) => {
    const kebab = toKebab(skill);
    if (kebab === "") throw new UsageError(`--skills: "${skill}" has no letters or digits`);
    if (kebab.length > room)
      throw new UsageError(
        `--skills: "${name}:${kebab}" is ${name.length + 1 + kebab.length} characters; Codex skill ids are at most ${MAX_NAME_LENGTH}, so keep "${kebab}" to ${Math.max(room, 0)} characters`,
      );
    return kebab;
  });
  const duplicate = names.find((skill, index) => names.indexOf(skill) !== index);
  if (duplicate !== undefined) throw new UsageError(`--skills names "${duplicate}" twice`);
  return names;
}

function text(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") throw new UsageError(`${flag} is empty`);
  if (/[\r\n]/.test(trimmed)) throw new UsageError(`${flag} must be a single line`);
  return trimmed;
}

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${flag} "${value}": use ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`);
}

/** An absolute https URL (plain http only for this machine, as plugin-lint's mcp/insecure-url allows), never with credentials. */
function httpsUrl(value: string, flag: string, allowLocalHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`${flag} "${value}" is not a URL: use an absolute https URL such as https://example.com`);
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(allowLocalHttp && local && url.protocol === "http:"))
    throw new UsageError(`${flag} "${value}" must be an https URL`);
  if (url.username !== "" || url.password !== "")
    throw new UsageError(
      `${flag} must not contain credentials: the token is read from an environment variable instead`,
    );
  return value.trim();
}

function appId(value: string): string {
  const id = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(id))
    throw new UsageError(`--app "${value}" is not an app id: use the connector id, such as connector_0123abcd`);
  return id;
}

function gitDeveloper(lookup: (() => string | undefined) | undefined): string | undefined {
  const found = (lookup ?? gitUserName)()?.trim();
  return found === undefined || found === "" || /[\r\n]/.test(found) ? undefined : found;
}

function gitUserName(): string | undefined {
  try {
    return execFileSync("git", ["config", "user.name"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    });
  } catch {
    // No git, or no name configured: the caller falls back to a neutral default.
    return undefined;
  }
}
