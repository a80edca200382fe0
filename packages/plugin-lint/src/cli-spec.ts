import type { CliSpec, FlagValues } from "@agent-plugin/core";

/** plugin-lint's command line, declared once: runCli parses argv with it and --help is made from it. */
export const lintCli = {
  name: "plugin-lint",
  description:
    "Lint agent plugins: manifests, skills, MCP server / app / hook files, and marketplaces.\nA path may be a plugin folder, a marketplace repo (.agents/plugins/marketplace.json),\na skill folder or SKILL.md, or any file inside a plugin. Default: the current folder.",
  defaultCommand: "lint",
  commands: {
    lint: {
      summary: "lint plugins, skills and marketplaces",
      arguments: [
        {
          name: "paths",
          variadic: true,
          description:
            "plugin folders, marketplace repos, skills or files inside a plugin (default: the current folder)",
        },
      ],
      options: {
        format: {
          type: "string",
          short: "f",
          value: "name",
          description: "stylish (default), json (ESLint-compatible), sarif, github",
        },
        "output-file": {
          type: "string",
          short: "o",
          value: "file",
          description: "write the report to a file instead of standard output",
        },
        config: {
          type: "string",
          short: "c",
          value: "file",
          description: "config file (default: .pluginlintrc.json in the current folder)",
        },
        target: {
          type: "string",
          value: "targets",
          description: "codex, claude-code, agent-plugins, codex@0.117, or a list a,b",
        },
        fix: { type: "boolean", description: "apply mechanical fixes, then report what remains" },
        resolve: {
          type: "boolean",
          description: "fetch and lint each npm source's package (npm pack, 60 s limit)",
        },
        "max-warnings": { type: "string", value: "n", description: "exit 1 when there are more than n warnings" },
        quiet: { type: "boolean", description: "report errors only" },
      },
      examples: [
        "plugin-lint                                   lint the plugin or marketplace in this folder",
        "plugin-lint plugins/* --format github         annotate a pull request in GitHub Actions",
        "plugin-lint --format sarif -o lint.sarif      for GitHub code scanning",
        "plugin-lint --max-warnings 0 --fix            fix what can be fixed; fail on any finding",
        "plugin-lint --target agent-plugins,codex      lint for the Agent Plugins standard and for Codex",
        "plugin-lint --target codex@0.117              lint for a team pinned to Codex 0.117",
        "plugin-lint --resolve                         also fetch and lint the npm packages a marketplace lists",
      ],
    },
  },
  globalOptions: {
    help: { type: "boolean", short: "h", description: "show this help" },
    version: { type: "boolean", short: "v", description: "print the version" },
    "print-hosts": {
      type: "boolean",
      description: "print each --target profile and the host release it was verified against",
    },
  },
  footer:
    "Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings, 2 usage error (or a report or fix\nthat cannot be written, or an internal error).",
} as const satisfies CliSpec;

export type LintFlags = FlagValues<typeof lintCli.commands.lint.options & typeof lintCli.globalOptions>;
