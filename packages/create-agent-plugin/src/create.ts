import { lint } from "@agent-plugin/plugin-lint";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { renderContext, type RenderContext } from "./context.js";
import { CreateError } from "./errors.js";
import { brandColor, logoSvg } from "./logo.js";
import { claudeManifest, codexManifest, toJson } from "./manifest.js";
import { planMarketplace, type MarketplacePlan } from "./marketplace.js";
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
  marketplace: { file: string; path: string; action: MarketplacePlan["action"] } | null;
  /**
   * The workspace the plugin is a package of (a marketplace monorepo), or null when it is its own repository. Its
   * root is where the install runs, with its package manager; no git repository is made.
   */
  workspace: { root: string; file: string; packageManager: PackageManager } | null;
  /** What is left to do by hand, one line each (a workspace that does not list the plugin, say); the CLI prints them. */
  warnings: string[];
}

/** Generates a plugin, lints it, and moves it into place. Returns what it did; never prints or exits. */
export async function createPlugin(options: CreateOptions): Promise<CreateResult> {
  // Every refusal (a non-empty folder, a duplicate marketplace entry) comes before anything is written.
  const state = checkTarget(options.dir, options.force);
  const marketplace = planMarketplace(options);
  const files = generateFiles(options);
  const staged = stage(options.dir, files);
  try {
    await assertLintClean(staged.dir);
  } catch (error) {
    staged.dispose();
    throw error;
  }
  const overwritten = commit(staged, options.dir, state, files);
  if (marketplace) {
    try {
      writeAtomic(marketplace.file, marketplace.text);
    } catch (error) {
      rollback(options.dir, state);
      throw new CreateError(
        `cannot write ${marketplace.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
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
      path: marketplace.entry.source.path,
      action: marketplace.action,
    },
    workspace: options.workspace && {
      root: options.workspace.root,
      file: options.workspace.file,
      packageManager: options.workspace.packageManager,
    },
    warnings: options.workspace
      ? workspaceWarnings(options.workspace, options.dir, options.cwd, options.mcp?.transport === "stdio")
      : [],
  };
}

/** Every file of the plugin, in memory: templates per component, plus the JSON files and logo built in code. */
export function generateFiles(options: CreateOptions): GeneratedFile[] {
  const templates = options.templatesDir ?? templatesDir();
  const context = renderContext(options);
  const files: GeneratedFile[] = [
    { path: ".codex-plugin/plugin.json", data: toJson(codexManifest(context)), mode: 0o644 },
    ...(context.claudeCode
      ? [{ path: ".claude-plugin/plugin.json", data: toJson(claudeManifest(context)), mode: 0o644 }]
      : []),
    { path: "package.json", data: toJson(packageJson(context)), mode: 0o644 },
    { path: "assets/logo.svg", data: logoSvg(context.displayName, brandColor(context.name)), mode: 0o644 },
    ...renderTemplateDir(join(templates, "base"), "", context),
    // A plugin that is its own repository gets changesets, git hooks, workflows and editor settings; in a workspace
    // the root has them (GitHub only runs workflows at the top of a repository).
    ...component(templates, "repo", context.workspace === null, context),
    // Yarn 2+ would install with Plug'n'Play, which neither `node ./server/index.mjs` nor plugin-pack's bundler reads.
    ...component(templates, "yarn", context.workspace === null && context.packageManager.yarnBerry, context),
    ...context.skills.flatMap((skill) =>
      renderTemplateDir(join(templates, "skill"), `skills/${skill.name}`, { ...context, skill }),
    ),
    ...component(templates, "mcp-http", context.mcp !== null, context),
    ...component(templates, "mcp-stdio", context.stdio !== null, context),
    // Written for both hosts, the default files take Claude Code's form and Codex gets its own (host-files.ts).
    ...component(templates, "mcp-stdio-codex", context.stdio !== null && context.claudeCode, context),
    ...component(templates, "app", context.app !== null, context),
    ...component(templates, "hooks", context.hooks, context),
    ...component(templates, "hooks-codex", context.hooks && context.claudeCode, context),
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

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
