// Every MUST (and MUST NOT) of Agent Plugins 1.0.0 §4-§9 that a plugin's files can show, as a failing plugin and a
// passing twin, with the rule that checks it and the severity the spec's failure boundary gives it. Read by
// agent-plugins-conformance.test.ts; docs/agent-plugins.md lists the same requirements.
import type { SetupStep } from "@agent-plugin/test-utils";
import type { Severity } from "@agent-plugin/core";
import type { RuleId } from "../rules/index.js";

export type Tree = Record<string, string | object>;

export interface ConformanceCase {
  section: string;
  /** The requirement, in the spec's words where they fit. */
  requirement: string;
  rule: RuleId;
  severity: Severity;
  /** The failing plugin is always `demo/`; other top-level folders stand for things outside it. */
  fail: Tree;
  pass: Tree;
  failSetup?: SetupStep[];
  passSetup?: SetupStep[];
}

export const PLUGIN_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json";
export const MCP_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json";

export function manifest(extra: Record<string, unknown> = {}): object {
  return { $schema: PLUGIN_SCHEMA, name: "demo", version: "1.0.0", description: "A demo plugin.", ...extra };
}

export function mcp(servers: Record<string, unknown>, extra: Record<string, unknown> = {}): object {
  return { $schema: MCP_SCHEMA, mcpServers: servers, ...extra };
}

export function skill(name: string, lines: readonly string[] = []): string {
  return [
    "---",
    `name: ${name}`,
    "description: Says hello. Use when the user asks for a greeting.",
    ...lines,
    "---",
    "",
    "Greet the user.",
    "",
  ].join("\n");
}

const base: Tree = { "demo/plugin.json": manifest() };
const withFiles = (files: Tree): Tree => ({ ...base, ...files });
const withManifest = (extra: Record<string, unknown>): Tree => ({ "demo/plugin.json": manifest(extra) });
const withMcp = (servers: Record<string, unknown>, extra: Tree = {}): Tree =>
  withFiles({ "demo/mcp.json": mcp(servers), ...extra });
const stdio = (fields: Record<string, unknown>) => ({ local: { type: "stdio", ...fields } });
const remote = (fields: Record<string, unknown>) => ({ docs: { type: "streamable-http", ...fields } });
const npx = { command: "npx", args: ["-y", "@example/mcp-server@1.4.2"] };
const executable = (path: string): SetupStep => ({ chmod: path, mode: "755" });
const link = (path: string, target: string): SetupStep => ({ symlink: path, target });

export const conformanceCases: readonly ConformanceCase[] = [
  // §4.1 General requirements
  {
    section: "§4.1",
    requirement: "A plugin MUST include a manifest at plugin.json in the plugin root.",
    rule: "agent-plugins/manifest-missing",
    severity: "error",
    fail: { "demo/skills/hello/SKILL.md": skill("hello") },
    pass: withFiles({ "demo/skills/hello/SKILL.md": skill("hello") }),
  },
  {
    section: "§4.1",
    requirement:
      "plugin.json resolving outside the plugin root: the client MUST reject the plugin (links inside MAY be used).",
    rule: "file/symlink",
    severity: "error",
    fail: { "outside/plugin.json": manifest() },
    failSetup: [link("demo/plugin.json", "../outside/plugin.json")],
    pass: { "demo/meta/plugin.json": manifest() },
    passSetup: [link("demo/plugin.json", "meta/plugin.json")],
  },
  {
    section: "§4.1",
    requirement:
      "A fixed component location resolving outside the root: the client MUST treat the component type as invalid.",
    rule: "file/symlink",
    severity: "error",
    fail: withFiles({ "outside/hello/SKILL.md": skill("hello") }),
    failSetup: [link("demo/skills", "../outside")],
    pass: withFiles({ "demo/shared/hello/SKILL.md": skill("hello") }),
    passSetup: [link("demo/skills", "shared")],
  },
  {
    section: "§4.1",
    requirement: "A discovered SKILL.md resolving outside the root: the client MUST skip that skill.",
    rule: "file/symlink",
    severity: "error",
    fail: withFiles({ "outside/hello/SKILL.md": skill("hello") }),
    failSetup: [link("demo/skills/hello", "../../outside/hello")],
    pass: withFiles({ "demo/lib/hello/SKILL.md": skill("hello") }),
    passSetup: [link("demo/skills/hello", "../lib/hello")],
  },
  {
    section: "§4.1",
    requirement: "An MCP server command that fails containment: the client MUST treat the server entry as invalid.",
    rule: "agent-plugins/mcp-command",
    severity: "error",
    fail: withMcp(stdio({ command: "./bin/server" }), { "outside/server": "#!/bin/sh\n" }),
    failSetup: [executable("outside/server"), link("demo/bin/server", "../../outside/server")],
    pass: withMcp(stdio({ command: "./bin/server" }), { "demo/libexec/server": "#!/bin/sh\n" }),
    passSetup: [executable("demo/libexec/server"), link("demo/bin/server", "../libexec/server")],
  },
  {
    section: "§4.1",
    requirement: "Any other package path resolving outside the plugin root: the client MUST deny access to it.",
    rule: "file/symlink",
    severity: "error",
    fail: withFiles({ "outside/LICENSE": "MIT\n" }),
    failSetup: [link("demo/LICENSE", "../outside/LICENSE")],
    pass: withFiles({ "demo/legal/LICENSE": "MIT\n" }),
    passSetup: [link("demo/LICENSE", "legal/LICENSE")],
  },
  {
    section: "§4.1",
    requirement: "A plugin-relative path MUST begin with ./ (here: command).",
    rule: "agent-plugins/mcp-command",
    severity: "error",
    fail: withMcp(stdio({ command: "bin/server" }), { "demo/bin/server": "#!/bin/sh\n" }),
    failSetup: [executable("demo/bin/server")],
    pass: withMcp(stdio({ command: "./bin/server" }), { "demo/bin/server": "#!/bin/sh\n" }),
    passSetup: [executable("demo/bin/server")],
  },
  {
    section: "§4.1",
    requirement: "A plugin-relative path MUST remain within the plugin root after resolution (here: cwd).",
    rule: "agent-plugins/mcp-cwd",
    severity: "error",
    fail: withMcp(stdio({ ...npx, cwd: "./../shared" }), { "shared/README.md": "shared\n" }),
    pass: withMcp(stdio({ ...npx, cwd: "./data/../config" }), { "demo/config/README.md": "config\n" }),
  },

  // §5.2 Manifest object
  {
    section: "§5.2",
    requirement: "The manifest MUST be JSON.",
    rule: "json/syntax",
    severity: "error",
    fail: { "demo/plugin.json": `{"$schema": "${PLUGIN_SCHEMA}", "name": "demo"` },
    pass: base,
  },
  {
    section: "§5.2",
    requirement: "The manifest MUST contain a top-level object.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: { "demo/plugin.json": `["${PLUGIN_SCHEMA}", "demo"]\n` },
    pass: base,
  },
  {
    section: "§5.2",
    requirement: "Clients MUST report and ignore each unknown top-level field and continue loading the plugin.",
    rule: "agent-plugins/unknown-field",
    severity: "warning",
    fail: withManifest({ displayName: "Demo" }),
    pass: withManifest({ extensions: { "com.example.client": { displayName: "Demo" } } }),
  },
  {
    section: "§5.2",
    requirement: "Every permitted field MUST match its type; any other schema violation is fatal.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ description: ["A", "demo"] }),
    pass: base,
  },
  {
    section: "§5.2",
    requirement: "For 1.0.0, $schema MUST be the canonical identifier.",
    rule: "agent-plugins/schema-version",
    severity: "error",
    fail: withManifest({ $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.json" }),
    pass: base,
  },
  {
    section: "§5.2",
    requirement: "A client that does not support the declared Agent Plugins version MUST reject the plugin.",
    rule: "agent-plugins/schema-version",
    severity: "error",
    fail: withManifest({ $schema: "https://agent-plugins.org/schemas/9.0.0/plugin.schema.json" }),
    pass: base,
  },

  // §5.3 Required fields
  {
    section: "§5.3",
    requirement: "$schema is required: a missing required field makes the manifest invalid and the plugin rejected.",
    rule: "agent-plugins/schema-version",
    severity: "error",
    fail: { "demo/plugin.json": { name: "demo" } },
    pass: { "demo/plugin.json": { $schema: PLUGIN_SCHEMA, name: "demo" } },
  },
  {
    section: "§5.3",
    requirement: "name is required: a missing required field makes the manifest invalid and the plugin rejected.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: { "demo/plugin.json": { $schema: PLUGIN_SCHEMA, version: "1.0.0" } },
    pass: { "demo/plugin.json": { $schema: PLUGIN_SCHEMA, name: "demo", version: "1.0.0" } },
  },
  {
    section: "§5.3",
    requirement: "A required field that has the wrong type makes the manifest invalid.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ name: 42 }),
    pass: base,
  },

  // §5.4 Metadata fields
  {
    section: "§5.4",
    requirement: "author MAY contain only name, email and url; any other field makes the manifest invalid.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ author: { name: "Ann Lee", github: "annlee" } }),
    pass: withManifest({ author: { name: "Ann Lee", email: "ann@example.com", url: "https://example.com" } }),
  },
  {
    section: "§5.4",
    requirement: "Each author field MUST be a string.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ author: "Ann Lee <ann@example.com>" }),
    pass: withManifest({ author: { name: "Ann Lee" } }),
  },
  {
    section: "§5.4",
    requirement: "keywords MUST be a list of strings (metadata fields are validated by their JSON types).",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ keywords: ["lint", 3] }),
    pass: withManifest({ keywords: ["lint", "three"] }),
  },
  {
    section: "§5.4",
    requirement: "homepage, repository and license MUST be strings.",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ homepage: { url: "https://example.com" }, license: 1 }),
    pass: withManifest({ homepage: "docs", repository: "example/demo", license: "Proprietary" }),
  },

  // §5.5 Plugin name constraints
  {
    section: "§5.5",
    requirement: "name MUST be 1-64 characters.",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "a".repeat(65) }),
    pass: withManifest({ name: "a".repeat(64) }),
  },
  {
    section: "§5.5",
    requirement: "name MUST NOT be empty: it is 1-64 characters.",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "" }),
    pass: withManifest({ name: "a" }),
  },
  {
    section: "§5.5",
    requirement: "name uses only lowercase a-z, 0-9, - and . (uppercase is invalid).",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "My-Plugin" }),
    pass: withManifest({ name: "my-plugin" }),
  },
  {
    section: "§5.5",
    requirement: "The first and last characters MUST be alphanumeric.",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "-start" }),
    pass: withManifest({ name: "lint3r" }),
  },
  {
    section: "§5.5",
    requirement: "No consecutive hyphens.",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "has--double" }),
    pass: withManifest({ name: "has-single" }),
  },
  {
    section: "§5.5",
    requirement: "No consecutive periods (periods are allowed).",
    rule: "agent-plugins/name",
    severity: "error",
    fail: withManifest({ name: "too.many..dots" }),
    pass: withManifest({ name: "acme.tools" }),
  },

  // §6 Component discovery
  {
    section: "§6.1",
    requirement: "plugin.json cannot override fixed locations or contain inline component configuration.",
    rule: "agent-plugins/unknown-field",
    severity: "warning",
    fail: withManifest({ skills: "./my-skills" }),
    pass: base,
  },
  {
    section: "§6.2",
    requirement: "skills present but not a directory: the client MUST treat the component type as invalid.",
    rule: "agent-plugins/component-kind",
    severity: "error",
    fail: withFiles({ "demo/skills": "hello\n" }),
    pass: withFiles({ "demo/skills/hello/SKILL.md": skill("hello") }),
  },
  {
    section: "§6.2",
    requirement: "mcp.json present but not a regular file: the client MUST treat the component type as invalid.",
    rule: "agent-plugins/component-kind",
    severity: "error",
    fail: withFiles({ "demo/mcp.json/servers.json": mcp({}) }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },

  // §7.1 Skills
  {
    section: "§7.1",
    requirement: "Clients MUST NOT recursively search deeper than skills/<name>/SKILL.md.",
    rule: "agent-plugins/skill-location",
    severity: "error",
    fail: withFiles({ "demo/skills/tools/lint/SKILL.md": skill("lint") }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint") }),
  },
  {
    section: "§7.1",
    requirement: "A skill is a child folder holding a path named exactly SKILL.md.",
    rule: "agent-plugins/skill-location",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/Skill.md": skill("lint") }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint") }),
  },
  {
    section: "§7.1",
    requirement: "SKILL.md MUST resolve to a regular file.",
    rule: "agent-plugins/skill-location",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md/README.md": "not a skill\n" }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint") }),
  },
  {
    section: "§7.1",
    requirement: "Skills MUST conform to the Agent Skills spec: SKILL.md starts with YAML frontmatter.",
    rule: "skill/frontmatter",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": "# Lint\n\nLints the code.\n" }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint") }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: name is required.",
    rule: "skill/name",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": "---\ndescription: Lints the code.\n---\n" }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": "---\nname: lint\ndescription: Lints the code.\n---\n" }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: name is lowercase letters (any script, after NFKC), digits and hyphens.",
    rule: "skill/name",
    severity: "error",
    fail: withFiles({ "demo/skills/Lint/SKILL.md": skill("Lint") }),
    pass: withFiles({ "demo/skills/über-lint/SKILL.md": skill("über-lint") }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: name must not start or end with a hyphen nor contain --.",
    rule: "skill/name",
    severity: "error",
    fail: withFiles({ "demo/skills/lint--fix/SKILL.md": skill("lint--fix") }),
    pass: withFiles({ "demo/skills/lint-fix/SKILL.md": skill("lint-fix") }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: name is at most 64 characters.",
    rule: "skill/name-length",
    severity: "error",
    fail: withFiles({ [`demo/skills/${"a".repeat(65)}/SKILL.md`]: skill("a".repeat(65)) }),
    pass: withFiles({ [`demo/skills/${"a".repeat(64)}/SKILL.md`]: skill("a".repeat(64)) }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: name matches its folder's name.",
    rule: "skill/name-folder",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": skill("linter") }),
    pass: withFiles({ "demo/skills/linter/SKILL.md": skill("linter") }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: description is required and non-empty.",
    rule: "skill/description",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": "---\nname: lint\n---\n" }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": "---\nname: lint\ndescription: Lints the code.\n---\n" }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: description is at most 1024 characters.",
    rule: "skill/description-length",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": `---\nname: lint\ndescription: ${"a".repeat(1025)}\n---\n` }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": `---\nname: lint\ndescription: ${"a".repeat(1024)}\n---\n` }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: compatibility, when present, is 1-500 characters.",
    rule: "skill/compatibility-length",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", [`compatibility: ${"a".repeat(501)}`]) }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", ["compatibility: Requires git"]) }),
  },
  {
    section: "§7.1",
    requirement:
      "Agent Skills: frontmatter holds only name, description, license, allowed-tools, metadata, compatibility.",
    rule: "skill/unknown-key",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", ["model: fast"]) }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", ["metadata:", "  model: fast"]) }),
  },
  {
    section: "§7.1",
    requirement: "Agent Skills: metadata is a map of string keys to string values.",
    rule: "skill/schema",
    severity: "error",
    fail: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", ["metadata:", "  version: 2"]) }),
    pass: withFiles({ "demo/skills/lint/SKILL.md": skill("lint", ["metadata:", '  version: "2"']) }),
  },

  // §7.2.1 MCP discovery and configuration
  {
    section: "§7.2.1",
    requirement: "MCP configuration MUST NOT be declared inline in plugin.json.",
    rule: "agent-plugins/unknown-field",
    severity: "warning",
    fail: withManifest({ mcpServers: remote({ url: "https://mcp.example.com/mcp" }) }),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "MCP configuration MUST NOT be loaded from an alternative path (a host's .mcp.json).",
    rule: "agent-plugins/ignored-component",
    severity: "warning",
    fail: withFiles({ "demo/.mcp.json": { mcpServers: { docs: { url: "https://mcp.example.com/mcp" } } } }),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "mcp.json MUST be a JSON object.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": [mcp({})] }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.1",
    requirement: "mcp.json MUST contain mcpServers (an empty object is valid).",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": { $schema: MCP_SCHEMA } }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.1",
    requirement: "mcp.json MUST have no top-level fields other than $schema and mcpServers.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": mcp({}, { inputs: [] }) }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.1",
    requirement: "mcpServers MUST be an object whose member values are server objects.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": mcp({ docs: "https://mcp.example.com/mcp" }) }),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "mcp.json's $schema MUST be the canonical identifier.",
    rule: "agent-plugins/mcp-schema-version",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": { $schema: PLUGIN_SCHEMA, mcpServers: {} } }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.1",
    requirement: "$schema is required in mcp.json.",
    rule: "agent-plugins/mcp-schema-version",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": { mcpServers: {} } }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.1",
    requirement: "Each server MUST contain a type field.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withMcp({ local: npx }),
    pass: withMcp(stdio(npx)),
  },
  {
    section: "§7.2.1",
    requirement: "An unknown type value makes the server entry invalid.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withMcp({ docs: { type: "http", url: "https://mcp.example.com/mcp" } }),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "An unknown field makes the server entry invalid.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withMcp(stdio({ ...npx, timeout: 30 })),
    pass: withMcp(stdio(npx)),
  },
  {
    section: "§7.2.1",
    requirement: "A field belonging to another variant makes the server entry invalid.",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp", env: { MODE: "docs" } })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X-Mode": "docs" } })),
  },
  {
    section: "§7.2.1",
    requirement: "A server field of the wrong type makes the entry invalid (args a list of strings).",
    rule: "agent-plugins/mcp-schema",
    severity: "error",
    fail: withMcp(stdio({ command: "npx", args: "-y @example/mcp-server@1.4.2" })),
    pass: withMcp(stdio(npx)),
  },
  {
    section: "§7.2.1",
    requirement: "command MUST contain a single executable token, not a shell command string.",
    rule: "agent-plugins/mcp-command",
    severity: "error",
    fail: withMcp(stdio({ command: "npx -y @example/mcp-server@1.4.2" })),
    pass: withMcp(stdio(npx)),
  },
  {
    section: "§7.2.1",
    requirement: "command MUST be a bare executable name or a plugin-relative path beginning with ./.",
    rule: "agent-plugins/mcp-command",
    severity: "error",
    fail: withMcp(stdio({ command: "/usr/local/bin/node", args: ["server.mjs"] })),
    pass: withMcp(stdio({ command: "node", args: ["server.mjs"] })),
  },
  {
    section: "§7.2.1",
    requirement: "Clients MUST NOT perform placeholder expansion in command.",
    rule: "agent-plugins/mcp-command",
    severity: "error",
    fail: withMcp(stdio({ command: "${PLUGIN_ROOT}/bin/server" }), { "demo/bin/server": "#!/bin/sh\n" }),
    failSetup: [executable("demo/bin/server")],
    pass: withMcp(stdio({ command: "./bin/server" }), { "demo/bin/server": "#!/bin/sh\n" }),
    passSetup: [executable("demo/bin/server")],
  },
  {
    section: "§7.2.1",
    requirement: "A plugin that bundles an executable MUST use a plugin-relative command.",
    rule: "agent-plugins/mcp-command",
    severity: "warning",
    fail: withMcp(stdio({ command: "validator" }), { "demo/bin/validator": "#!/bin/sh\n" }),
    failSetup: [executable("demo/bin/validator")],
    pass: withMcp(stdio({ command: "./bin/validator" }), { "demo/bin/validator": "#!/bin/sh\n" }),
    passSetup: [executable("demo/bin/validator")],
  },
  {
    section: "§7.2.1",
    requirement: "Plugins MUST NOT depend on a configured PATH to resolve a bare command.",
    rule: "agent-plugins/mcp-command",
    severity: "warning",
    fail: withMcp(stdio({ command: "validator", env: { PATH: "${PLUGIN_ROOT}/bin" } })),
    pass: withMcp(stdio({ command: "validator" })),
  },
  {
    section: "§7.2.1",
    requirement: "cwd MUST be ./..., ${PLUGIN_ROOT}[/...] or ${PLUGIN_DATA}[/...].",
    rule: "agent-plugins/mcp-cwd",
    severity: "error",
    fail: withMcp(stdio({ ...npx, cwd: "data" }), { "demo/data/README.md": "data\n" }),
    pass: withMcp(stdio({ ...npx, cwd: "${PLUGIN_ROOT}/data" }), { "demo/data/README.md": "data\n" }),
  },
  {
    section: "§7.2.1",
    requirement: "A ${PLUGIN_ROOT}-rooted cwd MUST stay inside the filesystem-resolved plugin root.",
    rule: "agent-plugins/mcp-cwd",
    severity: "error",
    fail: withMcp(stdio({ ...npx, cwd: "${PLUGIN_ROOT}/data" }), { "outside/data/README.md": "data\n" }),
    failSetup: [link("demo/data", "../outside/data")],
    pass: withMcp(stdio({ ...npx, cwd: "${PLUGIN_ROOT}/data" }), { "demo/state/README.md": "data\n" }),
    passSetup: [link("demo/data", "state")],
  },
  {
    section: "§7.2.1",
    requirement: "A ${PLUGIN_DATA}-rooted cwd MUST stay inside the plugin data directory.",
    rule: "agent-plugins/mcp-cwd",
    severity: "error",
    fail: withMcp(stdio({ ...npx, cwd: "${PLUGIN_DATA}/../other-plugin" })),
    pass: withMcp(stdio({ ...npx, cwd: "${PLUGIN_DATA}/cache" })),
  },
  {
    section: "§7.2.1",
    requirement: "url MUST be an absolute HTTP or HTTPS URL.",
    rule: "agent-plugins/mcp-url",
    severity: "error",
    fail: withMcp(remote({ url: "mcp.example.com/mcp" })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "url MUST NOT contain user information.",
    rule: "agent-plugins/mcp-url",
    severity: "error",
    fail: withMcp(remote({ url: "https://docs@mcp.example.com/mcp" })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "url MUST NOT contain a fragment.",
    rule: "agent-plugins/mcp-url",
    severity: "error",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp#v2" })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp?v=2" })),
  },
  {
    section: "§7.2.1",
    requirement: "Non-loopback endpoints MUST use HTTPS (http only for localhost or a loopback IP literal).",
    rule: "agent-plugins/mcp-url",
    severity: "error",
    fail: withMcp(remote({ url: "http://dev.localhost:8080/mcp" })),
    pass: withMcp(remote({ url: "http://[::1]:8080/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "Header names and values MUST be valid HTTP header fields.",
    rule: "agent-plugins/mcp-headers",
    severity: "error",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X Tenant": "docs" } })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X-Tenant": "docs" } })),
  },
  {
    section: "§7.2.1",
    requirement: "The same header name under different casing is invalid.",
    rule: "agent-plugins/mcp-headers",
    severity: "error",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { Accept: "a", accept: "b" } })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { Accept: "a" } })),
  },
  {
    section: "§7.2.1",
    requirement: "Clients MUST NOT expand placeholders or environment variables in url, header names or values.",
    rule: "agent-plugins/mcp-placeholder",
    severity: "warning",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X-Tenant": "${TENANT}" } })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X-Tenant": "public" } })),
  },
  {
    section: "§7.2.1",
    requirement: "Plugins MUST NOT embed credentials or other secrets in headers.",
    rule: "mcp/literal-secret",
    severity: "error",
    fail: withMcp(remote({ url: "https://mcp.example.com/mcp", headers: { "X-Api-Key": "k7Qp2xLm9Rt4Vw8z" } })),
    pass: withMcp(remote({ url: "https://mcp.example.com/mcp" })),
  },
  {
    section: "§7.2.1",
    requirement: "A client MUST support stdio or streamable-http; sse is OPTIONAL, so a client may skip it.",
    rule: "agent-plugins/mcp-sse",
    severity: "warning",
    fail: withMcp({ events: { type: "sse", url: "https://legacy.example.com/sse" } }),
    pass: withMcp({ events: { type: "streamable-http", url: "https://legacy.example.com/mcp" } }),
  },

  // §7.2.2 Loading rules
  {
    section: "§7.2.2",
    requirement: "mcp.json that is not valid JSON: the client MUST disable MCP for the plugin.",
    rule: "json/syntax",
    severity: "error",
    fail: withFiles({ "demo/mcp.json": `{"$schema": "${MCP_SCHEMA}", "mcpServers": {}` }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },
  {
    section: "§7.2.2, §10.1",
    requirement: "mcp.json targeting an unsupported or different Agent Plugins version than plugin.json disables MCP.",
    rule: "agent-plugins/mcp-schema-version",
    severity: "error",
    fail: withFiles({
      "demo/mcp.json": { $schema: "https://agent-plugins.org/schemas/1.1.0/mcp.schema.json", mcpServers: {} },
    }),
    pass: withFiles({ "demo/mcp.json": mcp({}) }),
  },

  // §8 Client extensions
  {
    section: "§8",
    requirement: "Client-specific manifest data MUST be under a reverse-domain namespace in extensions.",
    rule: "agent-plugins/extensions",
    severity: "warning",
    fail: withManifest({ extensions: { claude: { model: "fast" } } }),
    pass: withManifest({ extensions: { "com.anthropic.claude-code": { model: "fast" } } }),
  },
  {
    section: "§8.1",
    requirement: "extensions MUST be an object; a client reports and ignores any other value.",
    rule: "agent-plugins/extensions",
    severity: "warning",
    fail: withManifest({ extensions: ["com.example.client"] }),
    pass: withManifest({ extensions: {} }),
  },
  {
    section: "§8.1",
    requirement: "Each extensions member value MUST be an object (a schema violation: the plugin is rejected).",
    rule: "agent-plugins/manifest-schema",
    severity: "error",
    fail: withManifest({ extensions: { "com.example.client": true } }),
    pass: withManifest({ extensions: { "com.example.client": { enabled: true, nested: { any: [1, "two"] } } } }),
  },

  // §9 Environment variables and placeholder expansion
  {
    section: "§9.1",
    requirement: "Plugins MUST NOT depend on a base-environment variable the spec does not require.",
    rule: "agent-plugins/mcp-placeholder",
    severity: "warning",
    fail: withMcp(stdio({ ...npx, args: [...npx.args, "--cache", "${HOME}/.cache/demo"] })),
    pass: withMcp(stdio({ ...npx, args: [...npx.args, "--cache", "${PLUGIN_DATA}/cache"] })),
  },
  {
    section: "§9.2",
    requirement:
      "Unrecognized placeholder-like text MUST remain literal (only ${PLUGIN_ROOT} and ${PLUGIN_DATA} expand).",
    rule: "agent-plugins/mcp-placeholder",
    severity: "warning",
    fail: withMcp(stdio({ ...npx, env: { CONFIG: "${CLAUDE_PLUGIN_ROOT}/config.json" } }), {
      "demo/config.json": "{}\n",
    }),
    pass: withMcp(stdio({ ...npx, env: { CONFIG: "${PLUGIN_ROOT}/config.json" } }), { "demo/config.json": "{}\n" }),
  },
  {
    section: "§9.2",
    requirement: "Plugins MUST NOT embed credentials or other secrets in env.",
    rule: "mcp/literal-secret",
    severity: "error",
    fail: withMcp(stdio({ ...npx, env: { API_TOKEN: "k7Qp2xLm9Rt4Vw8z" } })),
    pass: withMcp(stdio({ ...npx, env: { LOG_LEVEL: "info" } })),
  },
  {
    section: "§9.2",
    requirement: "env MUST NOT contain entries named PLUGIN_ROOT or PLUGIN_DATA.",
    rule: "agent-plugins/mcp-reserved-env",
    severity: "error",
    fail: withMcp(stdio({ ...npx, env: { PLUGIN_ROOT: "/opt/demo" } })),
    pass: withMcp(stdio({ ...npx, env: { DEMO_ROOT: "${PLUGIN_ROOT}" } })),
  },

  // §10.2 Plugin versions (a SHOULD: a warning)
  {
    section: "§10.2",
    requirement: "Plugins SHOULD use Semantic Versioning for version.",
    rule: "agent-plugins/version",
    severity: "warning",
    fail: withManifest({ version: "2024.1" }),
    pass: withManifest({ version: "2024.1.0" }),
  },
];
