import { argvErrorMessage, internalErrorText } from "@agent-plugin/core";
import { isAbsolute, relative } from "node:path";
import { parseArgs } from "node:util";
import { createPlugin, type CreateResult } from "./create.js";
import { CreateError, UsageError } from "./errors.js";
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
import { VERSION } from "./version.js";

const HELP = `Usage: create-agent-plugin [dir] --name <name> [options]

Create a Codex plugin that lints clean: .codex-plugin/plugin.json, skills, a generated
logo, package.json with lint, pack and release scripts, README, LICENSE, CHANGELOG,
.pluginignore, .gitignore, a pre-commit hook that lints, GitHub Actions workflows for CI
and for releases (changesets: a version pull request, then a signed archive, a tag and a
GitHub release), and VS Code settings for the JSON Schemas; optionally a Claude Code
manifest too, an MCP server, an app connector, a SessionStart hook and a marketplace entry.
Then it runs git init (unless a repository already holds the folder) and installs the
dependencies. Inside a workspace (a marketplace monorepo) it writes a workspace package
instead: no git init, changesets, hooks or workflows of its own, installed at the root.
In a terminal it asks for every value its flag did not give; with --yes, when CI is set,
or when not in a terminal it never prompts: the defaults fill in the rest.

Arguments:
  dir                        folder to create (default: ./<name>, or ./plugins/<name>
                             with a marketplace); its name must be the plugin name

Options:
      --name <name>          plugin name, made lowercase kebab-case, at most 64 characters
                             (required unless dir is given: then dir's name is used)
      --display-name <text>  name shown in Codex (default: the name in Title Case)
      --description <text>   one sentence (default: "<Display Name> workflows for Codex.", or
                             "... for Codex and Claude Code." with both targets)
      --developer <name>     author and developer name (default: git config user.name)
      --category <text>      marketplace category (default: Productivity)
      --skills <a,b>         skill names (default: <name>-guide); "<name>:<skill>" is at most 64 characters
      --mcp <kind>           add an MCP server in .mcp.json: none (default), http (a remote
                             server) or stdio (a local TypeScript server in server/ on the
                             MCP SDK, with one tool and its test; npm run build compiles it)
      --mcp-url <url>        the server's https URL (required with --mcp http)
      --mcp-auth <kind>      how the remote server authenticates: bearer (default: a token
                             read from the <NAME>_TOKEN environment variable, never stored)
                             or oauth (the host signs the user in; nothing to configure)
      --app <id>             add an app connector to .app.json, e.g. connector_0123abcd
      --hooks                add hooks/hooks.json with a SessionStart hook script
      --homepage <url>       https URL for the manifest's homepage and websiteURL
      --target <hosts>       the hosts to write the plugin for: codex (default) or
                             codex,claude-code, which adds .claude-plugin/plugin.json and
                             hook and MCP files in the form each host runs
      --capabilities <a,b>   interface.capabilities of the Codex manifest, such as
                             Interactive,Read,Write (default: Interactive,Read with an MCP
                             server or app, else Read); other names are kept as written
      --marketplace <kind>   list the plugin in a marketplace: none (default), repo
                             (./.agents/plugins/marketplace.json) or personal
                             (~/.agents/plugins/marketplace.json)
      --force                write into a non-empty folder (no existing file is deleted; files
                             the templates write are overwritten) and replace an existing
                             marketplace entry of the same name
      --no-git               do not run git init in the new folder
      --no-install           do not install the dependencies (default: npm install, or
                             pnpm, yarn or bun when that runs create-agent-plugin)
  -y, --yes                  take the defaults for every value not given, without prompting
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 created, 1 failure (nothing is left half-written; a failed install keeps
the plugin and names the command to rerun), 2 usage error, 130 cancelled at a prompt
(nothing is written).

Examples:
  create-agent-plugin --name release-notes
  create-agent-plugin --name release-notes --skills draft-notes,review-changelog
  create-agent-plugin --name acme-docs --mcp http --mcp-url https://mcp.acme.example/mcp
  create-agent-plugin --name acme-docs --mcp-url https://mcp.acme.example/mcp --mcp-auth oauth
  create-agent-plugin --name todo-scout --mcp stdio
  create-agent-plugin --name issue-helper --app connector_0123abcd --hooks
  create-agent-plugin --name todo-scout --target codex,claude-code --hooks --mcp stdio
  create-agent-plugin --name release-notes --capabilities Interactive,Read,Write
  create-agent-plugin --name pr-review --marketplace repo     # ./plugins/pr-review + marketplace entry
  create-agent-plugin --name release-notes --no-git --no-install
  npm create agent-plugin@latest -- --name release-notes --yes
`;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Prompt for the values the flags leave out (unless --yes); default: never. */
  interactive?: boolean;
  /** The Node version that picks the changesets major; default: the running Node's. */
  nodeVersion?: string;
  /** The package manager that runs create (`pnpm` or `pnpm@10.34.8`); default: the one npm_config_user_agent names. */
  packageManager?: string;
}

/** Parses argv, creates the plugin, prints a summary, and returns the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const { values, positionals } = parseCliArgs(argv);
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (positionals.length > 1)
      throw new UsageError(`one folder at most, not ${positionals.length}: ${positionals.join(" ")}`);
    // Loaded only here, so a run from flags never pays for the prompt library.
    const ui = io.interactive && !values.yes ? await import("./prompts.js") : undefined;
    if (ui) {
      // Answers come back as flag values: everything after this point is the same as a run from flags.
      const answers = await ui.promptForFlags(values, positionals[0], io.cwd);
      if (answers === null) return 130;
      Object.assign(values, answers);
    }
    const options = resolveOptions({
      cwd: io.cwd,
      dir: positionals[0],
      name: values.name,
      displayName: values["display-name"],
      description: values.description,
      developer: values.developer,
      category: values.category,
      skills: values.skills,
      mcp: values.mcp,
      mcpUrl: values["mcp-url"],
      mcpAuth: values["mcp-auth"],
      app: values.app,
      hooks: values.hooks,
      marketplace: values.marketplace,
      homepage: values.homepage,
      target: values.target,
      capabilities: values.capabilities,
      force: values.force,
      ...(io.nodeVersion === undefined ? {} : { nodeVersion: io.nodeVersion }),
      ...(io.packageManager === undefined ? {} : { packageManager: io.packageManager }),
    });
    const result = await createPlugin(options);
    const member = result.workspace;
    // git init first, so the install's "prepare" script finds the repository and enables the pre-commit hook. A
    // workspace package never gets a repository of its own: the workspace's is (or will be) the one.
    const git = values["no-git"]
      ? "skipped"
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
    if (!values["no-install"]) {
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
      // The package manager's own words first (why it failed), then the one line that says what to do.
      if (failed.output.trim() !== "") io.stderr(`${tail(failed.output)}\n`);
      io.stderr(`create-agent-plugin: ${failed.message}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`create-agent-plugin: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CreateError) {
      io.stderr(`create-agent-plugin: ${error.message}\n`);
      return 1;
    }
    io.stderr(internalErrorText("create-agent-plugin", error));
    return 1;
  }
}

function parseCliArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: "string" },
        "display-name": { type: "string" },
        description: { type: "string" },
        developer: { type: "string" },
        category: { type: "string" },
        skills: { type: "string" },
        mcp: { type: "string" },
        "mcp-url": { type: "string" },
        "mcp-auth": { type: "string" },
        app: { type: "string" },
        hooks: { type: "boolean" },
        homepage: { type: "string" },
        target: { type: "string" },
        capabilities: { type: "string" },
        marketplace: { type: "string" },
        force: { type: "boolean" },
        "no-git": { type: "boolean" },
        "no-install": { type: "boolean" },
        yes: { type: "boolean", short: "y" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(`${argvErrorMessage(error)}; see create-agent-plugin --help`);
  }
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
  const member = result.workspace;
  if (member) {
    const root = relative(cwd, member.root) || ".";
    lines.push(
      "",
      `A package of the ${member.packageManager} workspace at ${root} (${relative(cwd, member.file)}): changesets, git hooks, workflows and the install are the root's.`,
    );
  }
  const gitLine = {
    initialized: `Initialized a git repository (no commit yet); ${setup.installed ? "its pre-commit hook lints the plugin" : `\`${setup.pm} install\` enables its pre-commit hook, which lints the plugin`}.`,
    "inside-repo": "Inside an existing git repository: no git init.",
    "no-git": "git is not installed: no repository was created.",
    workspace: "No git init: a repository belongs at the workspace root.",
    skipped: undefined,
  }[setup.git];
  if (gitLine) lines.push("", gitLine);
  if (setup.installed)
    lines.push("", `Installed the dependencies with ${setup.pm}${member ? " at the workspace root" : ""}.`);
  const { pm } = setup;
  // A local MCP server comes with its own test: running it is the first thing worth doing.
  const hasServerTest = result.files.some((file) => file.startsWith("server/test/"));
  const scripts = [...(hasServerTest ? [`  ${testCommand(pm)}`] : []), `  ${pm} run lint`, `  ${pm} run pack`];
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

function defaultIo(): CliIo {
  // The rule: interactive when stdin and stdout are terminals and CI is unset (--yes is checked in runCli).
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && process.env.CI === undefined;
  // CREATE_AGENT_PLUGIN_NODE_VERSION stands in for the running Node (tests pin it, so the golden files do not
  // depend on the Node that runs them); it only picks the changesets major.
  const nodeVersion = process.env.CREATE_AGENT_PLUGIN_NODE_VERSION || process.versions.node;
  // The package manager that started this run (`pnpm create agent-plugin`), with its version when it says it.
  const packageManager = packageManagerFromUserAgent(process.env.npm_config_user_agent);
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive,
    nodeVersion,
    packageManager,
  };
}
