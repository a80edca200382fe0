import type { HostId } from "@agent-plugin/core";
import {
  BOTH,
  CLAUDE,
  CODEX,
  cleanSkill,
  crlf,
  invalidUtf8,
  json,
  manifestOf,
  nameOfLength,
  plugin,
  textOfLength,
  utf16le,
  withBom,
} from "../build.js";
import type { Dimension, Probe, ProbeFiles } from "../types.js";

/** A probe that changes the manifest of a clean plugin: both hosts' manifests get the same change. */
function manifestProbe(
  what: string,
  dimension: Dimension,
  description: string,
  change: (manifest: Record<string, unknown>) => Record<string, unknown>,
  options: { hosts?: readonly HostId[]; files?: ProbeFiles; plugin?: string } = {},
): Probe {
  return {
    id: `plugin-json/${dimension}/${what}`,
    description,
    kind: "plugin-json",
    dimension,
    hosts: options.hosts ?? BOTH,
    ...(options.plugin === undefined ? {} : { plugin: options.plugin }),
    files: (_host, name) => plugin(name, { manifest: change, ...(options.files ? { files: options.files } : {}) }),
  };
}

/** A probe that writes both manifests as exact text or bytes. */
function manifestTextProbe(
  what: string,
  dimension: Dimension,
  description: string,
  text: (name: string) => string | Uint8Array,
): Probe {
  return {
    id: `plugin-json/${dimension}/${what}`,
    description,
    kind: "plugin-json",
    dimension,
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name),
      ".codex-plugin/plugin.json": text(name),
      ".claude-plugin/plugin.json": text(name),
    }),
  };
}

const clean = (name: string) => json(manifestOf(name));
const without = (key: string) => (manifest: Record<string, unknown>) => {
  const { [key]: _removed, ...rest } = manifest;
  return rest;
};
const withInterface = (fields: Record<string, unknown>) => (manifest: Record<string, unknown>) => ({
  ...manifest,
  interface: { displayName: "Probe", ...fields },
});

const syntax: Probe[] = [
  manifestTextProbe("trailing-comma", "json-syntax", "A trailing comma after the last property", (name) =>
    clean(name).replace(/"\n}/, '",\n}'),
  ),
  manifestTextProbe("line-comment", "json-syntax", "A // comment line", (name) =>
    clean(name).replace("{\n", "{\n  // probe\n"),
  ),
  manifestTextProbe("block-comment", "json-syntax", "A /* */ comment", (name) =>
    clean(name).replace("{\n", "{\n  /* probe */\n"),
  ),
  manifestTextProbe(
    "duplicate-key",
    "json-syntax",
    "`description` twice; the second one wins in most parsers",
    (name) => clean(name).replace('"description"', '"description": "First description.",\n  "description"'),
  ),
  manifestTextProbe("not-an-object", "json-syntax", "The manifest is a JSON array", (name) => json([manifestOf(name)])),
  manifestTextProbe("empty-file", "json-syntax", "The manifest file is empty", () => ""),
  manifestTextProbe("single-quotes", "json-syntax", "JSON5-style single-quoted strings", (name) =>
    clean(name).replace(/"/g, "'"),
  ),
  manifestTextProbe("bom", "encoding", "A UTF-8 byte order mark", (name) => withBom(clean(name))),
  manifestTextProbe("utf16le", "encoding", "Saved as UTF-16 LE with a byte order mark", (name) => utf16le(clean(name))),
  manifestTextProbe("invalid-utf8", "encoding", "An invalid UTF-8 byte inside the description", (name) =>
    invalidUtf8(clean(name).replace("Probe plugin.", "Probe @@plugin."), "@@"),
  ),
  manifestTextProbe("crlf", "line-endings", "CRLF line endings", (name) => crlf(clean(name))),
];

const required: Probe[] = [
  manifestProbe("no-name", "missing-field", "No `name`", without("name")),
  manifestProbe("empty-name", "missing-field", '`name` is ""', (m) => ({ ...m, name: "" })),
  manifestProbe("no-version", "missing-field", "No `version`", without("version")),
  manifestProbe("no-description", "missing-field", "No `description`", without("description")),
];

const types: Probe[] = [
  manifestProbe("name-number", "shape", "`name` is a number", (m) => ({ ...m, name: 5 })),
  manifestProbe("version-number", "shape", "`version` is a number", (m) => ({ ...m, version: 1 })),
  manifestProbe("description-number", "shape", "`description` is a number", (m) => ({ ...m, description: 5 })),
  manifestProbe("description-array", "shape", "`description` is a list of strings", (m) => ({
    ...m,
    description: ["Probe", "plugin."],
  })),
  manifestProbe("keywords-string", "shape", "`keywords` is a string", (m) => ({ ...m, keywords: "probe, test" })),
  manifestProbe("keywords-array", "shape", "`keywords` is a list of strings (clean)", (m) => ({
    ...m,
    keywords: ["probe", "test"],
  })),
  manifestProbe("author-string", "shape", "`author` is a string", (m) => ({ ...m, author: "Probe Author" })),
  manifestProbe("author-no-name", "shape", "`author` is an object without `name`", (m) => ({
    ...m,
    author: { email: "probe@example.com" },
  })),
  manifestProbe("homepage-number", "shape", "`homepage` is a number", (m) => ({ ...m, homepage: 5 })),
  manifestProbe("null-description", "shape", "`description` is null", (m) => ({ ...m, description: null })),
];

const unknown: Probe[] = [
  manifestProbe("top-level", "unknown-field", "An unknown top-level field", (m) => ({ ...m, notAField: true })),
  manifestProbe("near-miss", "unknown-field", "`skill` (a near miss of `skills`) set to ./skills", (m) => ({
    ...m,
    skill: "./skills",
  })),
  manifestProbe(
    "claude-only-commands",
    "unknown-field",
    "Claude Code's `commands` field pointing at ./commands",
    (m) => ({ ...m, commands: "./commands" }),
    {
      files: { "commands/probe-command.md": "---\ndescription: A probe command\n---\nDo it.\n" },
    },
  ),
  manifestProbe(
    "interface-field",
    "unknown-field",
    "An unknown field inside `interface`",
    withInterface({ notAField: "x" }),
    { hosts: CODEX },
  ),
  manifestProbe("todo-placeholder", "value", "A `[TODO: ...]` placeholder as the description", (m) => ({
    ...m,
    description: "[TODO: describe the plugin]",
  })),
];

/** Plugin names: the folder, the marketplace entry and the manifest all carry the same name. */
const names: Probe[] = [
  ["uppercase", "ProbeUpper"],
  ["underscore", "probe_under"],
  ["dot", "probe.dot"],
  ["double-hyphen", "probe--double"],
  ["unicode", "prøbe"],
  ["digits-first", "1probe"],
  ["length-64", nameOfLength(64, "probe-plugin-name-")],
  ["length-65", nameOfLength(65, "probe-plugin-name-")],
].map(([what, name]) =>
  manifestProbe(`name-${what}`, "value", `Plugin name "${name}" (${name!.length} characters)`, (m) => m, {
    plugin: name!,
  }),
);

names.push(
  manifestProbe(
    "name-differs-from-entry",
    "value",
    "The manifest `name` differs from the marketplace entry name",
    (m) => ({
      ...m,
      name: "another-name",
    }),
  ),
);

const versions: Probe[] = [
  ["not-semver", "v1"],
  ["prerelease", "1.0.0-beta.1"],
  ["build-metadata", "1.0.0+build.5"],
  ["slash", "1/0"],
  ["space", "1.0 beta"],
  ["padded", " 1.0.0 "],
  ["empty", ""],
].map(([what, version]) =>
  manifestProbe(`version-${what}`, "value", `version "${version}"`, (m) => ({ ...m, version })),
);

const prompts: Probe[] = [
  manifestProbe(
    "default-prompt-128",
    "length",
    "One default prompt of 128 characters",
    withInterface({ defaultPrompt: [textOfLength(128)] }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "default-prompt-129",
    "length",
    "One default prompt of 129 characters",
    withInterface({ defaultPrompt: [textOfLength(129)] }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "default-prompt-512",
    "length",
    "One default prompt of 512 characters",
    withInterface({ defaultPrompt: [textOfLength(512)] }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "default-prompt-513",
    "length",
    "One default prompt of 513 characters",
    withInterface({ defaultPrompt: [textOfLength(513)] }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "default-prompt-3",
    "length",
    "Three default prompts",
    withInterface({ defaultPrompt: ["First prompt", "Second prompt", "Third prompt"] }),
    {
      hosts: CODEX,
    },
  ),
  manifestProbe(
    "default-prompt-4",
    "length",
    "Four default prompts",
    withInterface({ defaultPrompt: ["First prompt", "Second prompt", "Third prompt", "Fourth prompt"] }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "default-prompt-string",
    "shape",
    "`defaultPrompt` is one string",
    withInterface({ defaultPrompt: "Only prompt" }),
    { hosts: CODEX },
  ),
  manifestProbe("default-prompt-number", "shape", "`defaultPrompt` is a number", withInterface({ defaultPrompt: 5 }), {
    hosts: CODEX,
  }),
  manifestProbe(
    "default-prompt-empty",
    "value",
    "A blank default prompt next to a real one",
    withInterface({ defaultPrompt: ["  ", "Real prompt"] }),
    {
      hosts: CODEX,
    },
  ),
  manifestProbe(
    "default-prompt-whitespace",
    "value",
    "A default prompt with runs of spaces and a newline",
    withInterface({ defaultPrompt: ["Run   the\n probe"] }),
    {
      hosts: CODEX,
    },
  ),
];

const display: Probe[] = [
  manifestProbe(
    "interface-full",
    "baseline",
    "Every documented interface field, clean",
    withInterface({
      shortDescription: "Short.",
      longDescription: "Long description.",
      developerName: "Probe Inc.",
      category: "Productivity",
      capabilities: ["Read", "Write"],
      websiteURL: "https://example.com",
      privacyPolicyURL: "https://example.com/privacy",
      termsOfServiceURL: "https://example.com/terms",
      brandColor: "#0B7A75",
      composerIcon: "./assets/icon.png",
      logo: "./assets/logo.png",
      screenshots: ["./assets/shot.png"],
    }),
    { hosts: CODEX, files: { "assets/icon.png": "png", "assets/logo.png": "png", "assets/shot.png": "png" } },
  ),
  manifestProbe("brand-color-name", "value", '`brandColor` is "teal"', withInterface({ brandColor: "teal" }), {
    hosts: CODEX,
  }),
  manifestProbe(
    "brand-color-lowercase",
    "value",
    '`brandColor` is "#0b7a75"',
    withInterface({ brandColor: "#0b7a75" }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "website-http",
    "value",
    "`websiteURL` uses http",
    withInterface({ websiteURL: "http://example.com" }),
    { hosts: CODEX },
  ),
  manifestProbe(
    "website-url-spelling",
    "value",
    "`websiteUrl` (the other spelling)",
    withInterface({ websiteUrl: "https://example.com" }),
    { hosts: CODEX },
  ),
  manifestProbe("capabilities-null", "shape", "`capabilities` is null", withInterface({ capabilities: null }), {
    hosts: CODEX,
  }),
  manifestProbe("capabilities-string", "shape", "`capabilities` is a string", withInterface({ capabilities: "Read" }), {
    hosts: CODEX,
  }),
  manifestProbe("display-name-number", "shape", "`displayName` is a number", withInterface({ displayName: 5 }), {
    hosts: CODEX,
  }),
  manifestProbe("interface-string", "shape", "`interface` is a string", (m) => ({ ...m, interface: "Probe" }), {
    hosts: CODEX,
  }),
  manifestProbe(
    "logo-missing",
    "path",
    "`logo` names a file that does not exist",
    withInterface({ logo: "./assets/missing.png" }),
    { hosts: CODEX },
  ),
  manifestProbe("logo-not-relative", "path", "`logo` without ./", withInterface({ logo: "assets/logo.png" }), {
    hosts: CODEX,
    files: { "assets/logo.png": "png" },
  }),
  manifestProbe("logo-escapes", "path", "`logo` is ../logo.png", withInterface({ logo: "../logo.png" }), {
    hosts: CODEX,
  }),
  manifestProbe(
    "category-differs",
    "value",
    "`interface.category` differs from the marketplace entry's category",
    withInterface({ category: "Design" }),
    {
      hosts: CODEX,
    },
  ),
  manifestProbe(
    "long-description-5000",
    "length",
    "A 5000-character `interface.longDescription`",
    withInterface({ longDescription: textOfLength(5000) }),
    {
      hosts: CODEX,
    },
  ),
  manifestProbe("description-5000", "length", "A 5000-character plugin `description`", (m) => ({
    ...m,
    description: textOfLength(5000),
  })),
];

/** Component path fields, in each shape the hosts document. */
const extraSkill = { "custom/extra/SKILL.md": cleanSkill("extra") };
const paths: Probe[] = [
  manifestProbe(
    "skills-string",
    "path",
    "`skills` is ./custom (a second skill folder)",
    (m) => ({ ...m, skills: "./custom" }),
    { files: extraSkill },
  ),
  manifestProbe("skills-default-folder", "path", "`skills` is ./skills/ (the default folder, named)", (m) => ({
    ...m,
    skills: "./skills/",
  })),
  manifestProbe("skills-array", "shape", '`skills` is ["./custom"]', (m) => ({ ...m, skills: ["./custom"] }), {
    files: extraSkill,
  }),
  manifestProbe("skills-object", "shape", "`skills` is an object", (m) => ({ ...m, skills: { path: "./custom" } }), {
    files: extraSkill,
  }),
  manifestProbe("skills-number", "shape", "`skills` is a number", (m) => ({ ...m, skills: 5 })),
  manifestProbe("skills-not-relative", "path", "`skills` is custom (without ./)", (m) => ({ ...m, skills: "custom" }), {
    files: extraSkill,
  }),
  manifestProbe("skills-dot-slash", "path", "`skills` is ./", (m) => ({ ...m, skills: "./" })),
  manifestProbe("skills-dot", "path", '`skills` is "."', (m) => ({ ...m, skills: "." })),
  manifestProbe("skills-escapes", "path", "`skills` is ../skills", (m) => ({ ...m, skills: "../skills" })),
  manifestProbe("skills-absolute", "path", "`skills` is /tmp/skills", (m) => ({ ...m, skills: "/tmp/skills" })),
  manifestProbe("skills-missing", "path", "`skills` names a folder that does not exist", (m) => ({
    ...m,
    skills: "./nowhere",
  })),
];

const mcpFile = (name: string) => json({ mcpServers: { [`${name}-alt`]: { command: "node", args: ["server.js"] } } });
const mcpPaths: Probe[] = [
  {
    id: "plugin-json/path/mcp-servers-string",
    description: "`mcpServers` is ./config/mcp.json",
    kind: "plugin-json",
    dimension: "path",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, mcpServers: "./config/mcp.json" }),
        files: { "config/mcp.json": mcpFile(name) },
      }),
  },
  {
    id: "plugin-json/path/mcp-servers-not-relative",
    description: "`mcpServers` is config/mcp.json (without ./)",
    kind: "plugin-json",
    dimension: "path",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, mcpServers: "config/mcp.json" }),
        files: { "config/mcp.json": mcpFile(name) },
      }),
  },
  {
    id: "plugin-json/path/mcp-servers-escapes",
    description: "`mcpServers` is ../mcp.json",
    kind: "plugin-json",
    dimension: "path",
    hosts: BOTH,
    files: (_host, name) => plugin(name, { manifest: (m) => ({ ...m, mcpServers: "../mcp.json" }) }),
  },
  {
    id: "plugin-json/shape/mcp-servers-inline",
    description: "`mcpServers` is an inline object of servers",
    kind: "plugin-json",
    dimension: "shape",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, mcpServers: { [`${name}-inline`]: { command: "node", args: ["server.js"] } } }),
      }),
  },
  {
    id: "plugin-json/shape/mcp-servers-array",
    description: '`mcpServers` is ["./config/mcp.json"]',
    kind: "plugin-json",
    dimension: "shape",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, mcpServers: ["./config/mcp.json"] }),
        files: { "config/mcp.json": mcpFile(name) },
      }),
  },
  {
    id: "plugin-json/path/mcp-servers-replaces-default",
    description: "`mcpServers` names ./config/mcp.json while a .mcp.json with another server exists",
    kind: "plugin-json",
    dimension: "path",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, mcpServers: "./config/mcp.json" }),
        files: {
          "config/mcp.json": mcpFile(name),
          ".mcp.json": json({ mcpServers: { [`${name}-default`]: { command: "node", args: ["server.js"] } } }),
        },
      }),
  },
];

const hookFile = json({ hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo probe-hook" }] }] } });
const hookPaths: Probe[] = [
  manifestProbe(
    "hooks-string",
    "path",
    "`hooks` is ./config/hooks.json",
    (m) => ({ ...m, hooks: "./config/hooks.json" }),
    {
      files: { "config/hooks.json": hookFile },
    },
  ),
  manifestProbe(
    "hooks-array",
    "shape",
    '`hooks` is ["./config/hooks.json"]',
    (m) => ({ ...m, hooks: ["./config/hooks.json"] }),
    {
      files: { "config/hooks.json": hookFile },
    },
  ),
  manifestProbe("hooks-inline", "shape", "`hooks` is an inline hooks object", (m) => ({
    ...m,
    hooks: { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo inline-hook" }] }] } },
  })),
  manifestProbe("hooks-number", "shape", "`hooks` is a number", (m) => ({ ...m, hooks: 5 })),
  manifestProbe("hooks-escapes", "path", "`hooks` is ../hooks.json", (m) => ({ ...m, hooks: "../hooks.json" })),
  manifestProbe(
    "hooks-plus-default",
    "path",
    "`hooks` names ./config/hooks.json while hooks/hooks.json also exists",
    (m) => ({ ...m, hooks: "./config/hooks.json" }),
    {
      files: {
        "config/hooks.json": hookFile,
        "hooks/hooks.json": json({ hooks: { Stop: [{ hooks: [{ type: "command", command: "echo default-hook" }] }] } }),
      },
    },
  ),
];

const appFile = (name: string) => json({ apps: { [name]: { id: `asdk_app_${name}` } } });
const appPaths: Probe[] = [
  {
    id: "plugin-json/path/apps-string",
    description: "`apps` is ./config/app.json",
    kind: "plugin-json",
    dimension: "path",
    hosts: CODEX,
    files: (_host, name) =>
      plugin(name, {
        manifest: (m) => ({ ...m, apps: "./config/app.json" }),
        files: { "config/app.json": appFile(name) },
      }),
  },
  {
    id: "plugin-json/path/apps-escapes",
    description: "`apps` is ../app.json",
    kind: "plugin-json",
    dimension: "path",
    hosts: CODEX,
    files: (_host, name) => plugin(name, { manifest: (m) => ({ ...m, apps: "../app.json" }) }),
  },
];

/** Claude Code's own component fields. */
const claudeFields: Probe[] = [
  manifestProbe("commands-string", "path", "`commands` is ./cmds", (m) => ({ ...m, commands: "./cmds" }), {
    hosts: CLAUDE,
    files: { "cmds/probe-command.md": "---\ndescription: A probe command\n---\nDo it.\n" },
  }),
  manifestProbe("commands-missing", "path", "`commands` is ./nowhere", (m) => ({ ...m, commands: "./nowhere" }), {
    hosts: CLAUDE,
  }),
  manifestProbe(
    "agents-array",
    "shape",
    '`agents` is ["./team/helper.md"]',
    (m) => ({ ...m, agents: ["./team/helper.md"] }),
    {
      hosts: CLAUDE,
      files: { "team/helper.md": "---\nname: helper\ndescription: Helps with probes\n---\nYou help.\n" },
    },
  ),
  manifestProbe(
    "agents-folder",
    "shape",
    '`agents` is "./team" (a folder, not .md files)',
    (m) => ({ ...m, agents: "./team" }),
    {
      hosts: CLAUDE,
      files: { "team/helper.md": "---\nname: helper\ndescription: Helps with probes\n---\nYou help.\n" },
    },
  ),
  manifestProbe(
    "output-styles-string",
    "path",
    "`outputStyles` is ./styles",
    (m) => ({ ...m, outputStyles: "./styles" }),
    {
      hosts: CLAUDE,
      files: { "styles/terse.md": "---\nname: Terse\ndescription: Short answers\n---\nBe terse.\n" },
    },
  ),
  manifestProbe(
    "lsp-servers-inline",
    "shape",
    "`lspServers` is an inline object",
    (m) => ({
      ...m,
      lspServers: { probe: { command: "probe-lsp", extensionToLanguage: { ".probe": "probe" } } },
    }),
    { hosts: CLAUDE },
  ),
  manifestProbe(
    "user-config",
    "shape",
    "`userConfig` with one string option",
    (m) => ({
      ...m,
      userConfig: { token: { type: "string", title: "Token", description: "A token", sensitive: true } },
    }),
    { hosts: CLAUDE },
  ),
  manifestProbe(
    "display-name",
    "value",
    "Claude Code's `displayName`",
    (m) => ({ ...m, displayName: "Probe Display" }),
    { hosts: CLAUDE },
  ),
  manifestProbe(
    "default-enabled-string",
    "shape",
    '`defaultEnabled` is "yes"',
    (m) => ({ ...m, defaultEnabled: "yes" }),
    { hosts: CLAUDE },
  ),
];

export const manifestProbes: Probe[] = [
  ...syntax,
  ...required,
  ...types,
  ...unknown,
  ...names,
  ...versions,
  ...prompts,
  ...display,
  ...paths,
  ...mcpPaths,
  ...hookPaths,
  ...appPaths,
  ...claudeFields,
];
