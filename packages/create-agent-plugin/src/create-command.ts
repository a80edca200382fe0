import { reportError } from "@agent-plugin/core";
import { isAbsolute, relative } from "node:path";
import type { CliIo } from "./cli.js";
import type { CreateFlags } from "./cli-spec.js";
import { createCli } from "./cli-spec.js";
import { createPlugin, type CreateResult } from "./create.js";
import { resolveOptions } from "./options.js";
import { packageManagerFromUserAgent, testCommand } from "./package-manager.js";
import {
  initGit,
  insideGitWorkTree,
  installDependencies,
  InstallError,
  tail,
  type GitInitResult,
  type PackageManager,
} from "./setup.js";

/**
 * `create-agent-plugin [dir]` once its command line is parsed: prompts (interactive), creates the plugin, runs git
 * init and the install, prints a summary, and returns the exit code. cli.ts loads this module only to create a
 * plugin, so --help, --version and usage errors start without the templates and the renderer.
 */
export async function runCreateCommand(flags: CreateFlags, positionals: readonly string[], io: CliIo): Promise<number> {
  // Loaded only here, so a run from flags never pays for the prompt library.
  const ui = io.interactive && !flags.yes ? await import("./prompts.js") : undefined;
  // Answers come back as flag values: everything after this point is the same as a run from flags.
  if (ui) Object.assign(flags, await ui.promptForFlags(flags, positionals[0], io.cwd, io.env.npm_config_user_agent));
  const nodeVersion = io.nodeVersion ?? (io.env.CREATE_AGENT_PLUGIN_NODE_VERSION || undefined);
  const packageManager = io.packageManager ?? packageManagerFromUserAgent(io.env.npm_config_user_agent);
  const options = resolveOptions({
    cwd: io.cwd,
    dir: positionals[0],
    name: flags.name,
    displayName: flags["display-name"],
    description: flags.description,
    developer: flags.developer,
    category: flags.category,
    skills: flags.skills,
    mcp: flags.mcp,
    mcpUrl: flags["mcp-url"],
    mcpAuth: flags["mcp-auth"],
    app: flags.app,
    hooks: flags.hooks,
    marketplace: flags.marketplace,
    source: flags.source,
    npmScope: flags["npm-scope"],
    homepage: flags.homepage,
    target: flags.target,
    capabilities: flags.capabilities,
    release: flags.release,
    force: flags.force,
    ...(nodeVersion === undefined ? {} : { nodeVersion }),
    packageManager,
  });
  const result = await createPlugin(options);
  const member = result.workspace;
  // git init first, so the install's "prepare" script finds the repository and enables the pre-commit hook. A
  // workspace package never gets a repository of its own: the workspace's is (or will be) the one.
  // A new marketplace root is the repository.
  const git = flags["no-git"]
    ? "skipped"
    : result.marketplaceRoot
      ? initGit(result.marketplaceRoot.dir)
      : member
        ? insideGitWorkTree(result.dir)
          ? "inside-repo"
          : "workspace"
        : initGit(result.dir);
  // A workspace installs at its root, with its own package manager (another would write a second lockfile); a plugin
  // of its own with the one that runs create, which its README, scripts and workflows name.
  const pm = member?.packageManager ?? options.packageManager.name;
  const installDir = member?.root ?? result.dir;
  const rerun = `${cdPrefix(installDir, io.cwd)}${pm} install`;
  let installed = false;
  let failed: InstallError | undefined;
  if (!flags["no-install"]) {
    const install = () => installDependencies(installDir, pm, rerun);
    try {
      if (ui)
        await ui.withSpinner(
          `Installing dependencies with ${pm}${member ? " at the workspace root" : ""}`,
          `Installed dependencies with ${pm}`,
          install,
        );
      else {
        io.stdout(`Installing dependencies (${pm} install in ${shown(installDir, io.cwd)})...\n`);
        await install();
      }
      installed = true;
    } catch (error) {
      if (!(error instanceof InstallError)) throw error;
      failed = error;
    }
  }
  const text = summary(result, io.cwd, { git, pm, installed });
  if (ui) ui.showResult(text, result.warnings);
  else {
    io.stdout(text);
    for (const warning of result.warnings) io.stderr(`create-agent-plugin: warning: ${warning}\n`);
  }
  if (failed) {
    // The package manager's own words first (why it failed), then the one line that says what to do (exit 1).
    if (failed.output.trim() !== "") io.stderr(`${tail(failed.output)}\n`);
    return reportError(createCli.name, failed, io);
  }
  return 0;
}

interface SetupDone {
  /** What git init did; "skipped" with --no-git, "workspace" for a workspace package outside any repository. */
  git: GitInitResult | "skipped" | "workspace";
  pm: PackageManager;
  installed: boolean;
}

function summary(result: CreateResult, cwd: string, setup: SetupDone): string {
  const shown = relative(cwd, result.dir) || ".";
  const lines = [
    `Created ${result.name} in ${shown} (${result.files.length} files):`,
    ...result.files.map((file) => `  ${file}${result.overwritten.includes(file) ? "  (overwritten)" : ""}`),
  ];
  if (result.marketplace) {
    const verb = { created: "Created", appended: "Added to", replaced: "Replaced the entry in" }[
      result.marketplace.action
    ];
    lines.push(
      "",
      `${verb} the marketplace ${shortPath(cwd, result.marketplace.file)} (source ${result.marketplace.path}).`,
    );
  }
  const newRoot = result.marketplaceRoot;
  if (newRoot) {
    const root = relative(cwd, newRoot.dir) || ".";
    lines.push(
      "",
      `Made ${root} a marketplace monorepo, the plugin one of its packages (${newRoot.files.length} files at the root):`,
      ...newRoot.files.map((file) => `  ${file}${newRoot.overwritten.includes(file) ? "  (overwritten)" : ""}`),
    );
  }
  const member = result.workspace;
  if (member) {
    const root = relative(cwd, member.root) || ".";
    lines.push(
      "",
      `A package of the ${member.packageManager} workspace at ${root} (${relative(cwd, member.file)}): changesets, git hooks, workflows and the install are the root's.`,
    );
  }
  const gitLine = {
    initialized: `Initialized a git repository${newRoot ? " at the marketplace root" : ""} (no commit yet); ${setup.installed ? "its pre-commit hook lints the plugin" : `\`${setup.pm} install\` enables its pre-commit hook, which lints the plugin`}.`,
    "inside-repo": "Inside an existing git repository: no git init.",
    "no-git": "git is not installed: no repository was created.",
    workspace: "No git init: a repository belongs at the workspace root.",
    skipped: undefined,
  }[setup.git];
  if (gitLine) lines.push("", gitLine);
  if (setup.installed)
    lines.push("", `Installed the dependencies with ${setup.pm}${member ? " at the workspace root" : ""}.`);
  const { pm } = setup;
  // Every plugin has a test script (it lints strictly and packs; a local server's own test runs first): running it
  // is the first thing worth doing.
  const scripts = [`  ${testCommand(pm)}`, `  ${pm} run lint`, `  ${pm} run pack`];
  lines.push(
    "",
    "Next steps:",
    ...(member ? memberSteps(result.dir, member.root, cwd, setup) : standaloneSteps(shown, setup)),
    ...scripts,
    "",
  );
  return lines.join("\n");
}

function standaloneSteps(shown: string, setup: SetupDone): string[] {
  return [...(shown === "." ? [] : [`  cd ${quoted(shown)}`]), ...(setup.installed ? [] : [`  ${setup.pm} install`])];
}

/** The install runs at the workspace root, the plugin's scripts in its folder. */
function memberSteps(dir: string, root: string, cwd: string, setup: SetupDone): string[] {
  if (setup.installed) return relative(cwd, dir) === "" ? [] : [`  cd ${quoted(relative(cwd, dir))}`];
  const toRoot = relative(cwd, root);
  return [
    ...(toRoot === "" ? [] : [`  cd ${quoted(toRoot)}`]),
    `  ${setup.pm} install`,
    ...(relative(root, dir) === "" ? [] : [`  cd ${quoted(relative(root, dir))}`]),
  ];
}

function shown(dir: string, cwd: string): string {
  return relative(cwd, dir) || ".";
}

function quoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : JSON.stringify(path);
}

/** `cd <dir> && ` for a command to run in the plugin folder, or nothing when it is the current folder. */
function cdPrefix(dir: string, cwd: string): string {
  const path = shown(dir, cwd);
  return path === "." ? "" : `cd ${quoted(path)} && `;
}

/** Relative to the current folder when inside it, else absolute (a personal marketplace under $HOME). */
function shortPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}
