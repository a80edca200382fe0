import type { CliSpec, FlagValues } from "@agent-plugin/core";

/**
 * create-agent-plugin's command line, declared once: runCli parses argv with it, --help is made from it, and the
 * interactive prompts answer with values of these flags.
 */
export const createCli = {
  name: "create-agent-plugin",
  description: `Create a Codex plugin that lints clean: .codex-plugin/plugin.json, skills, a generated
logo, package.json with lint, pack and release scripts, README, LICENSE, CHANGELOG,
.pluginignore, .gitignore, a pre-commit hook that lints, GitHub Actions workflows for CI
and for releases (changesets: a version pull request, then a signed archive, a tag and a
GitHub release), and VS Code settings for the JSON Schemas; optionally a Claude Code
manifest too, an MCP server, an app connector, a SessionStart hook and a marketplace entry.
Then it runs git init (unless a repository already holds the folder) and installs the
dependencies. Inside a workspace (a marketplace monorepo) it writes a workspace package
instead: no git init, changesets, hooks or workflows of its own, installed at the root;
--marketplace repo in a folder that is no repository or workspace yet makes it one.
In a terminal it asks for every value its flag did not give; with --yes, when CI is set,
or when not in a terminal it never prompts: the defaults fill in the rest.`,
  defaultCommand: "create",
  commands: {
    create: {
      summary: "create a plugin",
      arguments: [
        {
          name: "dir",
          description:
            "folder to create (default: ./<name>, or ./plugins/<name> with a marketplace); its name must be the plugin name",
        },
      ],
      options: {
        name: {
          type: "string",
          value: "name",
          description:
            "plugin name, made lowercase kebab-case, at most 64 characters (required unless dir is given: then dir's name is used)",
        },
        "display-name": {
          type: "string",
          value: "text",
          description: "name shown in Codex (default: the name in Title Case)",
        },
        description: {
          type: "string",
          value: "text",
          description:
            'one sentence (default: "<Display Name> workflows for Codex.", or "... for Codex and Claude Code." with both targets)',
        },
        developer: {
          type: "string",
          value: "name",
          description: "author and developer name (default: git config user.name)",
        },
        category: { type: "string", value: "text", description: "marketplace category (default: Productivity)" },
        skills: {
          type: "string",
          value: "a,b",
          description: 'skill names (default: <name>-guide); "<name>:<skill>" is at most 64 characters',
        },
        mcp: {
          type: "string",
          value: "kind",
          description:
            "add an MCP server in .mcp.json: none (default), http (a remote server) or stdio (a local TypeScript server in server/ on the MCP SDK, with one tool and its test; npm run build compiles it)",
        },
        "mcp-url": { type: "string", value: "url", description: "the server's https URL (required with --mcp http)" },
        "mcp-auth": {
          type: "string",
          value: "kind",
          description:
            "how the remote server authenticates: bearer (default: a token read from the <NAME>_TOKEN environment variable, never stored) or oauth (the host signs the user in; nothing to configure)",
        },
        app: { type: "string", value: "id", description: "add an app connector to .app.json, e.g. connector_0123abcd" },
        hooks: { type: "boolean", description: "add hooks/hooks.json with a SessionStart hook script" },
        homepage: { type: "string", value: "url", description: "https URL for the manifest's homepage and websiteURL" },
        target: {
          type: "string",
          value: "hosts",
          description:
            "the hosts to write the plugin for, comma-separated: codex (default), agent-plugins (the portable Agent Plugins 1.0 layout: root plugin.json, skills/, mcp.json, which Codex and Claude Code also read), claude-code (adds .claude-plugin/plugin.json and hook and MCP files in the form it runs); at least one of codex and agent-plugins",
        },
        capabilities: {
          type: "string",
          value: "a,b",
          description:
            "interface.capabilities of the Codex manifest, such as Interactive,Read,Write (default: Interactive,Read with an MCP server or app, else Read); other names are kept as written",
        },
        marketplace: {
          type: "string",
          value: "kind",
          description:
            "list the plugin in a marketplace: none (default), repo (./.agents/plugins/marketplace.json; in a folder that is no repository or workspace yet, that folder becomes a marketplace monorepo, the plugin one of its packages) or personal (~/.agents/plugins/marketplace.json)",
        },
        source: {
          type: "string",
          value: "kind",
          description:
            "how the marketplace entry finds the plugin: local (default, its folder) or npm (the package @<scope>/<name>, range ^0.1.0, which Codex 0.171 installs with npm pack); with npm the release publishes that package (--release npm unless both is given; in a new marketplace monorepo, its root's release), and in an existing workspace its root must (create warns when it does not)",
        },
        release: {
          type: "string",
          value: "channel",
          description:
            "where releases go: github (default, or npm with --source npm: a signed archive on a GitHub release), npm (an npm package with provenance, installable by version range from a marketplace's npm source) or both; for a plugin that is its own repository or a new marketplace monorepo (whose root then publishes every plugin), not a package of an existing workspace",
        },
        "npm-scope": {
          type: "string",
          value: "@scope",
          description:
            "the npm scope, acme or @acme: of the packages --release npm or both publishes (default: @<developer in kebab-case>), and of the package a --source npm entry names (required there, except in a workspace whose root sets agentPlugin.npm.scope, which is the default and the only scope accepted)",
        },
        force: {
          type: "boolean",
          description:
            "write into a non-empty folder (no existing file is deleted; files the templates write are overwritten) and replace an existing marketplace entry of the same name",
        },
        "no-git": { type: "boolean", description: "do not run git init in the new folder" },
        "no-install": {
          type: "boolean",
          description:
            "do not install the dependencies (default: npm install, or pnpm, yarn or bun when that runs create-agent-plugin)",
        },
        yes: {
          type: "boolean",
          short: "y",
          description: "take the defaults for every value not given, without prompting",
        },
      },
      examples: [
        "create-agent-plugin --name release-notes",
        "create-agent-plugin --name release-notes --skills draft-notes,review-changelog",
        "create-agent-plugin --name acme-docs --mcp http --mcp-url https://mcp.acme.example/mcp",
        "create-agent-plugin --name acme-docs --mcp-url https://mcp.acme.example/mcp --mcp-auth oauth",
        "create-agent-plugin --name todo-scout --mcp stdio",
        "create-agent-plugin --name issue-helper --app connector_0123abcd --hooks",
        "create-agent-plugin --name todo-scout --target codex,claude-code --hooks --mcp stdio",
        "create-agent-plugin --name todo-scout --target agent-plugins,codex --mcp stdio",
        "create-agent-plugin --name release-notes --capabilities Interactive,Read,Write",
        "create-agent-plugin --name pr-review --marketplace repo     # ./plugins/pr-review + marketplace entry",
        "create-agent-plugin --name release-notes --release npm --npm-scope @acme",
        "create-agent-plugin --name pr-review --marketplace repo --source npm --npm-scope acme   # a monorepo released to npm",
        "create-agent-plugin --name release-notes --no-git --no-install",
        "npm create agent-plugin@latest -- --name release-notes --yes",
      ],
    },
  },
  globalOptions: {
    help: { type: "boolean", short: "h", description: "show this help" },
    version: { type: "boolean", short: "v", description: "print the version" },
  },
  footer: `Exit codes: 0 created, 1 failure (nothing is left half-written; a failed install keeps
the plugin and names the command to rerun), 2 usage error, a workspace file that cannot be
read, or an internal error, 130 cancelled at a prompt (nothing is written).`,
} as const satisfies CliSpec;

type CreateOptionSpecs = typeof createCli.commands.create.options;

/** Every flag value of a create run, keyed and typed as the declaration says. */
export type CreateFlags = FlagValues<CreateOptionSpecs & typeof createCli.globalOptions>;
