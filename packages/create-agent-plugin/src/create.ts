import { lint } from "@agent-plugin/plugin-lint";
import { titleCase, UsageError } from "@agent-plugin/core";
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { renderContext, type RenderContext } from "./context.js";
import { CreateError } from "./errors.js";
import { brandColor, logoSvg } from "./logo.js";
import { claudeManifest, codexManifest, portableManifest, toJson } from "./manifest.js";
import { planMarketplace, type MarketplacePlan, sourceLabel } from "./marketplace.js";
import { pnpmWorkspaceYaml, rootPackageJson } from "./marketplace-root.js";
import type { CreateOptions } from "./options.js";
import { packageJson } from "./package-json.js";
import { renderTemplateDir, type GeneratedFile } from "./render.js";
import type { PackageManager } from "./setup.js";
import { templatesDir } from "./templates.js";
import { workspaceWarnings } from "./workspace.js";
import { checkTarget, commit, rollback, stage } from "./write.js";

export interface CreateResult {
  name: string;
  dir: string;
  /** Every file written, relative to `dir`, sorted. */
  files: string[];
  /** Files that existed before (only with --force into a non-empty folder) and were replaced. */
  overwritten: string[];
  /** `path` is what the entry names: its folder, or `npm:<package>@<range>`. */
  marketplace: { file: string; path: string; action: MarketplacePlan["action"] } | null;
  /**
   * The workspace the plugin is a package of (a marketplace monorepo), or null when it is its own repository. Its
   * root is where the install runs, with its package manager; no git repository is made.
   */
  workspace: { root: string; file: string; packageManager: PackageManager } | null;
  /**
   * Set when the folder the command runs in was made a marketplace monorepo (`--marketplace repo` in a folder that
   * was no repository or workspace): the files written at its root, relative to it, sorted.
   */
  marketplaceRoot: { dir: string; files: string[]; overwritten: string[] } | null;
  /** What is left to do by hand, one line each (a workspace that does not list the plugin, say); the CLI prints them. */
  warnings: string[];
}

/** Generates a plugin, lints it, and moves it into place. Returns what it did; never prints or exits. */
export async function createPlugin(options: CreateOptions): Promise<CreateResult> {
  // Every refusal (a non-empty folder, a duplicate marketplace entry) comes before anything is written.
  const state = checkTarget(options.dir, options.force);
  const marketplace = planMarketplace(options);
  const rootFiles = generateRootFiles(options);
  const rootOverwritten = checkRootFiles(options, rootFiles);
  const files = generateFiles(options);
  const staged = stage(options.dir, files);
  try {
    await assertLintClean(staged.dir);
  } catch (error) {
    staged.dispose();
    throw error;
  }
  const overwritten = commit(staged, options.dir, state, files);
  const root = options.marketplaceRoot;
  const written: string[] = [];
  const writes = [
    ...(typeof root === "object" && root !== null
      ? rootFiles.map((file) => ({ path: join(root.root, file.path), data: file.data, mode: file.mode }))
      : []),
    ...(marketplace ? [{ path: marketplace.file, data: marketplace.text, mode: 0o644 }] : []),
  ];
  for (const file of writes) {
    try {
      writeAtomic(file.path, file.data, file.mode);
      written.push(file.path);
    } catch (error) {
      // Nothing half-done: the plugin and the root files written so far go again (an overwritten file stays new).
      rollback(options.dir, state);
      for (const path of written) if (!rootOverwritten.includes(path)) rmSync(path, { force: true });
      throw new CreateError(
        `cannot write ${file.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  return {
    name: options.name,
    dir: options.dir,
    files: files.map((file) => file.path).sort(),
    overwritten: overwritten.sort(),
    marketplace: marketplace && {
      file: marketplace.file,
      path: sourceLabel(marketplace.entry),
      action: marketplace.action,
    },
    workspace: options.workspace && {
      root: options.workspace.root,
      file: options.workspace.file,
      packageManager: options.workspace.packageManager,
    },
    marketplaceRoot:
      typeof root === "object" && root !== null
        ? {
            dir: root.root,
            files: rootFiles.map((file) => file.path).sort(),
            overwritten: rootOverwritten.map((path) => relative(root.root, path).split(sep).join("/")).sort(),
          }
        : null,
    warnings: options.workspace
      ? workspaceWarnings(
          options.workspace,
          options.dir,
          options.cwd,
          options.mcp?.transport === "stdio",
          options.marketplaceSource.kind === "npm" ? options.marketplaceSource.package : null,
        )
      : root === "unsupported"
        ? [
            `${relative(options.cwd, options.dir) || "."} is its own repository (git, workflows, changesets): for a marketplace monorepo with them at the root, run create with npm or pnpm, whose workspaces the root's scripts use, or set up the root first (see docs/create.md)`,
          ]
        : [],
  };
}

/**
 * The files a new marketplace root gets (none without one): the files a plugin repository has (changesets, the git
 * hook, the workflows, .gitignore, editor settings), rendered as the plugin's own repository would have them, plus
 * the root package.json and, for pnpm, pnpm-workspace.yaml.
 */
export function generateRootFiles(options: CreateOptions): GeneratedFile[] {
  const root = options.marketplaceRoot;
  if (root === null || root === "unsupported") return [];
  const context = {
    ...renderContext({ ...options, workspace: null }),
    marketplaceRoot: true,
    releaseTitle: "Release plugins",
  };
  const templates = options.templatesDir ?? templatesDir();
  const plugin = `${relative(root.root, options.dir).split(sep).join("/")}/`;
  return [
    { path: "package.json", data: toJson(rootPackageJson(root, context)), mode: 0o644 },
    ...(root.packageManager === "pnpm"
      ? [{ path: "pnpm-workspace.yaml", data: pnpmWorkspaceYaml(root), mode: 0o644 }]
      : []),
    ...renderTemplateDir(join(templates, "marketplace-root"), "", {
      ...context,
      root: { ...root, displayName: titleCase(root.packageName), plugin, pnpm: root.packageManager === "pnpm" },
    }),
    ...component(templates, "repo", true, context),
  ];
}

/** Refuses root files that exist unless forced, before anything is written; returns the ones --force overwrites. */
function checkRootFiles(options: CreateOptions, files: readonly GeneratedFile[]): string[] {
  const root = options.marketplaceRoot;
  if (root === null || root === "unsupported") return [];
  const existing = files.map((file) => join(root.root, file.path)).filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force)
    throw new UsageError(
      `${existing[0]} exists: the marketplace root would get a new one (it becomes a monorepo with git, changesets and workflows at the root); pass --force to overwrite, or move it away`,
    );
  return existing;
}

/** Every file of the plugin, in memory: templates per component, plus the JSON files and logo built in code. */
export function generateFiles(options: CreateOptions): GeneratedFile[] {
  const templates = options.templatesDir ?? templatesDir();
  const context = renderContext(options);
  const files: GeneratedFile[] = [
    ...(context.portable ? [{ path: "plugin.json", data: toJson(portableManifest(context)), mode: 0o644 }] : []),
    ...(context.codex
      ? [{ path: ".codex-plugin/plugin.json", data: toJson(codexManifest(context)), mode: 0o644 }]
      : []),
    ...(context.claudeCode
      ? [{ path: ".claude-plugin/plugin.json", data: toJson(claudeManifest(context)), mode: 0o644 }]
      : []),
    { path: "package.json", data: toJson(packageJson(context)), mode: 0o644 },
    // The logo is the Codex interface's composer icon; no other manifest names one.
    ...(context.codex
      ? [{ path: "assets/logo.svg", data: logoSvg(context.displayName, brandColor(context.name)), mode: 0o644 }]
      : []),
    ...renderTemplateDir(join(templates, "base"), "", context),
    // A plugin that is its own repository gets changesets, git hooks, workflows and editor settings; in a workspace
    // the root has them (GitHub only runs workflows at the top of a repository).
    ...component(templates, "repo", context.workspace === null, context),
    // Yarn 2+ would install with Plug'n'Play, which neither `node ./server/index.mjs` nor plugin-pack's bundler reads.
    ...component(templates, "yarn", context.workspace === null && context.packageManager.yarnBerry, context),
    ...context.skills.flatMap((skill) =>
      renderTemplateDir(join(templates, "skill"), `skills/${skill.name}`, { ...context, skill }).filter(
        // agents/openai.yaml is how Codex's skill picker shows the skill; only Codex reads it.
        (file) => context.codex || !file.path.endsWith("/agents/openai.yaml"),
      ),
    ),
    // The standard's mcp.json, beside the hosts' own MCP files when there are hosts.
    ...component(
      templates,
      "mcp-portable",
      context.portable && (context.mcp !== null || context.stdio !== null),
      context,
    ),
    ...component(templates, "mcp-http", context.mcp !== null && context.hostMcp, context),
    ...(context.stdio === null
      ? []
      : renderTemplateDir(join(templates, "mcp-stdio"), "", context).filter(
          (file) => context.hostMcp || file.path !== ".mcp.json",
        )),
    // Written for both hosts, the default files take Claude Code's form and Codex gets its own (host-files.ts).
    ...component(templates, "mcp-stdio-codex", context.stdio !== null && context.claudeCode && context.codex, context),
    ...component(templates, "app", context.app !== null, context),
    ...component(templates, "hooks", context.hooks, context),
    ...component(templates, "hooks-codex", context.hooks && context.claudeCode && context.codex, context),
  ];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path))
      throw new CreateError(`two templates write ${file.path}: this is a bug in create-agent-plugin`);
    seen.add(file.path);
  }
  return files;
}

function component(templates: string, name: string, chosen: boolean, context: RenderContext): GeneratedFile[] {
  return chosen ? renderTemplateDir(join(templates, name), "", context) : [];
}

/** A generated plugin must be clean; anything plugin-lint finds is a bug in the templates, not the user's problem. */
async function assertLintClean(dir: string): Promise<void> {
  const report = await lint({ paths: [dir], cwd: dir, config: { rules: {}, ignores: [], baseDir: dir } });
  if (report.errorCount === 0 && report.warningCount === 0) return;
  const findings = report.results.flatMap((result) =>
    result.messages.map(
      (message) => `${result.filePath}:${message.line}:${message.column} ${message.message} (${message.ruleId})`,
    ),
  );
  throw new Error(`the generated plugin is not lint clean:\n  ${findings.join("\n  ")}`);
}

function writeAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode });
    chmodSync(temp, mode); // writeFileSync's mode is filtered by the umask
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
