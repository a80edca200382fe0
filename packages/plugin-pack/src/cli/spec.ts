/**
 * plugin-pack's CLI, declared once: every command, argument and option with its description. The argv parser,
 * `plugin-pack --help`, `plugin-pack <command> --help` and the tests that list flags all read this. A new
 * command is one entry here and its handler.
 */
import type { CliSpec, OptionSpec } from "@agent-plugin/core";
import type { PackCommand } from "./command.js";

const trust: OptionSpec = {
  type: "string",
  multiple: true,
  value: "key | file",
  description:
    "a trusted public key: ed25519:<base64>, a .pub file, or a trust file (one key per line); repeat it to trust several; needed unless --allow-unsigned",
};

const signing = {
  signer: {
    type: "string",
    value: "command",
    description:
      "sign through an external command (KMS, HSM); it reads the payload on stdin and prints a base64 signature",
  },
  "signer-public-key": {
    type: "string",
    value: "key | file",
    description: "the public key the external signer signs for",
  },
} as const satisfies Record<string, OptionSpec>;

const policy = (purpose: string): OptionSpec => ({
  type: "string",
  value: "file",
  description: `a policy file (schemas/policy.schema.json, docs/governance.md): ${purpose}`,
});

const allowUnsigned: OptionSpec = {
  type: "boolean",
  description: "accept an unsigned archive: check its files against its manifest only",
};

const auditLog: OptionSpec = {
  type: "string",
  value: "file",
  description: "the audit log (default: $AGENT_PLUGIN_AUDIT_LOG, else ~/.agent-plugin/audit.jsonl)",
};

const lifecycleHost: OptionSpec = {
  type: "string",
  value: "host",
  description: "codex ($CODEX_HOME/config.toml) or claude-code ($CLAUDE_CONFIG_DIR/settings.json)",
};

const pluginRef = {
  name: "plugin@marketplace",
  description: "the installed plugin, as codex plugin list or claude plugin list names it",
  required: true,
} as const;

const maxAlwaysOnTokens: OptionSpec = {
  type: "string",
  value: "n",
  description:
    "exit 1 when the plugin adds more than n tokens to every session (o200k_base; an estimate for Claude Code), naming the biggest components",
};

const target = (purpose: string): OptionSpec => ({
  type: "string",
  value: "host",
  description: `codex, claude-code or agent-plugins (default: agent-plugins when the root plugin.json declares the standard, else codex), ${purpose}`,
});

const commands = {
  pack: {
    summary: "lint, bundle MCP servers, and write <name>-<version>.zip",
    arguments: [{ name: "dir", description: "the plugin folder (default: the current folder)" }],
    options: {
      out: {
        type: "string",
        short: "o",
        value: "dir",
        description: "output folder (default: dist); SHA256SUMS is kept there",
      },
      sign: {
        type: "string",
        value: "keyfile | env:NAME",
        description: "sign with an Ed25519 private key (from a file or an env var)",
      },
      ...signing,
      "no-lint": { type: "boolean", description: "skip linting (errors otherwise stop the pack)" },
      "no-cache": {
        type: "boolean",
        description:
          "deflate every file, reusing nothing from the cache (default: $AGENT_PLUGIN_PACK_CACHE, else the user cache folder + agent-plugin/pack)",
      },
      target: target("for linting"),
    },
    examples: ["plugin-pack . --sign env:PLUGIN_SIGNING_KEY", "plugin-pack plugins/demo --out dist --no-lint"],
    run: async (context) => (await import("./pack-commands.js")).pack(context),
  },
  ls: {
    summary: "the files that would be packed; --why: the rule for each",
    arguments: [{ name: "dir", description: "the plugin folder (default: the current folder)" }],
    options: {
      why: { type: "boolean", description: "every file, packed (+) or left out (-), with the rule that decided" },
      target: target("the host the plugin is read for"),
    },
    run: async (context) => (await import("./pack-commands.js")).ls(context),
  },
  keygen: {
    summary: "an Ed25519 key pair: <name>.key (0600) and <name>.pub",
    options: {
      out: {
        type: "string",
        short: "o",
        value: "dir",
        description: "folder for the key pair (default: ~/.agent-plugin/keys, outside any repository)",
      },
      name: { type: "string", value: "name", description: "file name of the pair (default: plugin-signing)" },
      force: { type: "boolean", description: "replace an existing key pair of that name" },
    },
    run: async (context) => (await import("./signing-commands.js")).keygen(context),
  },
  verify: {
    summary: "every file matches the signed manifest and the key is trusted",
    arguments: [
      {
        name: "archive",
        description:
          "the archive to verify, or npm:@scope/name@version: a published plugin (also its registry signature and provenance)",
        required: true,
      },
    ],
    options: {
      trust,
      "allow-unsigned": allowUnsigned,
    },
    examples: [
      "plugin-pack verify dist/demo-1.0.0.zip --trust keys/release.pub",
      "plugin-pack verify npm:@acme/demo@1.0.0 --trust keys/release.pub",
    ],
    run: async (context) => (await import("./signing-commands.js")).verify(context),
  },
  inspect: {
    summary: "what the plugin can do: skills, MCP servers, auth, hooks, apps, and the tokens it adds to every session",
    arguments: [{ name: "archive | dir", description: "a packed archive, or a plugin folder", required: true }],
    options: {
      budget: {
        type: "boolean",
        description: "count the context budget: the tokens each skill, command, agent and server adds (o200k_base)",
      },
      "max-always-on-tokens": maxAlwaysOnTokens,
    },
    examples: [
      "plugin-pack inspect dist/demo-1.0.0.zip --budget",
      "plugin-pack inspect dist/demo-1.0.0.zip --max-always-on-tokens 2000",
    ],
    run: async (context) => (await import("./report-commands.js")).inspect(context),
  },
  diff: {
    summary: "capability changes between two versions",
    arguments: [
      { name: "old", description: "the old version: an archive or a plugin folder", required: true },
      { name: "new", description: "the new version: an archive or a plugin folder", required: true },
    ],
    options: {
      "fail-on": {
        type: "string",
        value: "kinds",
        description:
          "exit 1 when a change of these kinds is found, comma-separated: hooks, servers, endpoints, auth, apps, skills, any",
      },
      policy: policy("exit 1 when the new version has a capability the policy forbids"),
    },
    examples: [
      "plugin-pack diff demo-1.0.0.zip demo-1.1.0.zip --fail-on hooks,servers,endpoints",
      "plugin-pack diff demo-1.0.0.zip demo-1.1.0.zip --policy team-policy.json",
    ],
    run: async (context) => (await import("./report-commands.js")).diff(context),
  },
  try: {
    summary:
      "load the plugin (or marketplace) into the real host in a throwaway home: what the host kept, next to what the files declare",
    arguments: [{ name: "dir", description: "the plugin or marketplace folder (default: the current folder)" }],
    options: {
      host: { type: "string", value: "host", description: "codex (default), claude-code or all" },
      "host-bin": {
        type: "string",
        value: "path",
        description:
          "the host binary to run (default: codex or claude on PATH); your own ~/.codex and ~/.claude are never used",
      },
      "run-servers": {
        type: "boolean",
        description:
          "start each stdio MCP server as the host would (this runs the plugin's code) and list its tools, resources and prompts",
      },
      network: { type: "boolean", description: "with --run-servers: connect to the http MCP servers too" },
      "max-always-on-tokens": maxAlwaysOnTokens,
      watch: {
        type: "boolean",
        description:
          "run again on every change in the folder, each time into a new throwaway home (no version bump needed); Ctrl-C stops",
      },
    },
    examples: [
      "plugin-pack try plugins/demo --host all",
      "plugin-pack try . --host codex --host-bin ~/bin/codex --json",
    ],
    run: async (context) => (await import("./try-commands.js")).tryCommand(context),
  },
  unpack: {
    summary: "verify, then extract safely into a new folder",
    arguments: [
      { name: "archive", description: "the archive to verify and extract", required: true },
      { name: "dir", description: "a new or empty folder to extract into", required: true },
    ],
    options: {
      trust,
      "allow-unsigned": allowUnsigned,
    },
    run: async (context) => (await import("./install-commands.js")).unpack(context),
  },
  install: {
    summary:
      "verify, then install into <marketplace>/plugins/<name> and add or update its entry in .agents/plugins/marketplace.json",
    arguments: [
      {
        name: "archive",
        description: "the archive to verify and install, or npm:@scope/name@range: a plugin published on npm",
        required: true,
      },
    ],
    options: {
      trust,
      "allow-unsigned": { type: "boolean", description: "install an unsigned archive (its files are still checked)" },
      marketplace: {
        type: "string",
        value: "path",
        description: "the marketplace root folder or its marketplace.json (default: .)",
      },
      name: {
        type: "string",
        value: "name",
        description: "the entry to update; refused if the archive holds another plugin",
      },
      category: {
        type: "string",
        value: "category",
        description: "category of a new entry (default: the plugin's, else Productivity)",
      },
      installation: {
        type: "string",
        value: "policy",
        description: "AVAILABLE (default), INSTALLED_BY_DEFAULT or NOT_AVAILABLE",
      },
      authentication: {
        type: "string",
        value: "policy",
        description:
          "ON_INSTALL or ON_USE (default: ON_INSTALL for a remote MCP server or an app, else ON_USE); --category, --installation and --authentication also change an existing entry",
      },
      "dry-run": { type: "boolean", description: "print what would change, write nothing" },
      policy: policy("refuse, before writing anything, an archive or entry the policy forbids"),
      "audit-log": auditLog,
    },
    examples: [
      "plugin-pack install demo-1.0.0.zip --trust keys/release.pub --marketplace ../team-marketplace",
      "plugin-pack install demo-1.0.0.zip --trust keys/release.pub --policy team-policy.json",
      "plugin-pack install npm:@acme/demo@^1.0.0 --trust keys/release.pub",
    ],
    run: async (context) => (await import("./install-commands.js")).install(context),
  },
  policy: {
    summary:
      "check an archive, a plugin folder or a marketplace against a policy: every violation and the rule it breaks",
    arguments: [
      { name: "check", description: "the action (the only one: check)", required: true },
      {
        name: "archive | dir | marketplace",
        description: "a packed archive, a plugin folder, or a marketplace folder (or its marketplace.json)",
        required: true,
      },
    ],
    options: {
      policy: policy("the rules to check against (required)"),
    },
    examples: ["plugin-pack policy check dist/demo-1.0.0.zip --policy team-policy.json"],
    run: async (context) => (await import("./policy-commands.js")).policyCheck(context),
  },
  enable: {
    summary: "enable an installed plugin in Codex or Claude Code (only that one value of the host's config changes)",
    arguments: [pluginRef],
    options: { host: lifecycleHost, "audit-log": auditLog },
    examples: ["plugin-pack enable demo@team-tools --host codex"],
    run: async (context) => (await import("./lifecycle-commands.js")).enable(context),
  },
  disable: {
    summary: "disable an installed plugin in Codex or Claude Code: the reversible way to switch it off",
    arguments: [pluginRef],
    options: { host: lifecycleHost, "audit-log": auditLog },
    examples: ["plugin-pack disable demo@team-tools --host claude-code"],
    run: async (context) => (await import("./lifecycle-commands.js")).disable(context),
  },
  uninstall: {
    summary:
      "remove what install put into a marketplace (entry, plugins/<name>, the kept version); prints what stays authorised",
    arguments: [pluginRef],
    options: {
      marketplace: {
        type: "string",
        value: "path",
        description: "the marketplace root folder or its marketplace.json (default: .)",
      },
      host: {
        type: "string",
        value: "host",
        description:
          "codex or claude-code: also remove that host's install of it (its config entries and installed copy)",
      },
      "audit-log": auditLog,
    },
    examples: ["plugin-pack uninstall demo@team-tools --marketplace ../team-marketplace --host codex"],
    run: async (context) => (await import("./lifecycle-commands.js")).uninstall(context),
  },
  rollback: {
    summary: "restore the version the last upgrade replaced (kept in <marketplace>/.agent-plugin/previous/<name>)",
    arguments: [{ name: "plugin", description: "the plugin's name, as in plugins/<name>", required: true }],
    options: {
      marketplace: {
        type: "string",
        value: "path",
        description: "the marketplace root folder or its marketplace.json (default: .)",
      },
      "audit-log": auditLog,
    },
    run: async (context) => (await import("./lifecycle-commands.js")).rollback(context),
  },
  status: {
    summary: "what each host has installed and enabled, against what its marketplace lists now (exit 1 on drift)",
    options: {
      host: { type: "string", value: "host", description: "codex, claude-code or all (default)" },
    },
    run: async (context) => (await import("./lifecycle-commands.js")).status(context),
  },
  audit: {
    summary:
      "the audit log: every install, upgrade, rollback, uninstall, enable and disable; --verify checks its chain",
    options: {
      verify: { type: "boolean", description: "check the hash chain; exit 1 naming the first bad line" },
      "audit-log": auditLog,
    },
    run: async (context) => (await import("./lifecycle-commands.js")).audit(context),
  },
  version: {
    summary:
      "after changesets: changeset version, then every plugin.json and marketplace version follows its package.json; refreshes the lockfile",
    arguments: [{ name: "root", description: "the repo root (default: the current folder)" }],
    options: {
      "no-changesets": { type: "boolean", description: "only sync versions already in package.json" },
      "no-lockfile": { type: "boolean", description: "leave the lockfile alone" },
    },
    run: async (context) => (await import("./release-commands.js")).version(context),
  },
  release: {
    summary:
      "lint everything; pack and sign each plugin whose <package>@<version> tag is missing; write SHA256SUMS, notes and release.json; tag",
    arguments: [{ name: "root", description: "the repo root (default: the current folder)" }],
    options: {
      sign: {
        type: "string",
        value: "keyfile | env:NAME",
        description: "the signing key (or --signer <command> --signer-public-key <key>)",
      },
      ...signing,
      unsigned: { type: "boolean", description: "release without signatures (say so explicitly)" },
      out: {
        type: "string",
        short: "o",
        value: "dir",
        description: "output folder (default: <root>/dist/release)",
      },
      "dry-run": { type: "boolean", description: "lint and list what would be released; write nothing" },
      "no-tag": { type: "boolean", description: "write no git tags (every version counts as new)" },
      "allow-dirty": { type: "boolean", description: "release with uncommitted changes in plugin folders" },
      npm: {
        type: "boolean",
        description:
          'also publish each plugin as an npm package with your npm config (settings: "agentPlugin": {"npm": {"scope": "@acme"}} in package.json)',
      },
      provenance: {
        type: "boolean",
        description: "with --npm: npm publish --provenance (default: on in GitHub Actions with id-token: write)",
      },
    },
    examples: [
      "plugin-pack release --sign env:PLUGIN_SIGNING_KEY",
      "plugin-pack release --npm --sign env:PLUGIN_SIGNING_KEY",
    ],
    run: async (context) => (await import("./release-commands.js")).release(context),
  },
  convert: {
    summary: "rewrite a plugin into another layout: agent-plugins, codex or claude-code; prints what is not carried",
    arguments: [{ name: "dir", description: "the plugin folder (default: the current folder)" }],
    options: {
      to: {
        type: "string",
        value: "layout",
        description: "the layout to write: agent-plugins (root plugin.json, mcp.json), codex or claude-code",
      },
      from: {
        type: "string",
        value: "layout",
        description:
          "the layout to read when the plugin has several (default: agent-plugins, then codex, then claude-code)",
      },
      out: {
        type: "string",
        short: "o",
        value: "dir",
        description: "the new plugin folder, missing or empty (default: <parent>/<name>-<layout>/<name>)",
      },
      "in-place": {
        type: "boolean",
        description: "replace the plugin folder itself (a converted copy is swapped in at the end)",
      },
    },
    examples: ["plugin-pack convert plugins/demo --to agent-plugins", "plugin-pack convert . --to codex --in-place"],
    run: async (context) => (await import("./convert-commands.js")).convert(context),
  },
} satisfies Record<string, PackCommand>;

export type CommandName = keyof typeof commands;

export const cli = {
  name: "plugin-pack",
  description: "Pack an agent plugin into a reproducible, signed archive, and check archives before installing them.",
  globalOptions: {
    json: { type: "boolean", description: "print the result as JSON: the same data as the library API" },
    help: { type: "boolean", short: "h", description: "show this help" },
    version: { type: "boolean", short: "v", description: "print plugin-pack's version" },
  },
  commands,
  defaultCommand: "pack",
  footer:
    "Exit codes: 0 ok, 1 verification or lint failed (or --fail-on matched, a policy was broken, convert could not carry everything, status found drift, audit --verify found a broken chain), 2 usage or input error (a bad policy file too).",
} as const satisfies CliSpec;
