import type { HostId } from "@agent-plugin/core";
import {
  AGENT_PLUGINS_MCP_SCHEMA,
  BOTH,
  CLAUDE,
  CODEX,
  cleanSkill,
  crlf,
  json,
  plugin,
  textOfLength,
  utf16le,
  withBom,
} from "../build.js";
import type { Dimension, FileKind, Probe, ProbeFiles } from "../types.js";

/** A clean plugin plus the files of one component. `name` is the plugin's, so server and app names stay unique. */
function componentProbe(
  kind: FileKind,
  what: string,
  dimension: Dimension,
  description: string,
  files: (name: string) => ProbeFiles,
  hosts: readonly HostId[] = BOTH,
): Probe {
  return {
    id: `${kind}/${dimension}/${what}`,
    description,
    kind,
    dimension,
    hosts,
    files: (_host, name) => plugin(name, { files: files(name) }),
  };
}

// --- .mcp.json ---------------------------------------------------------------------------------------------------

const stdio = { command: "node", args: ["server.js"] };
const mcp = (
  what: string,
  dimension: Dimension,
  description: string,
  content: (name: string) => string | Uint8Array,
  hosts = BOTH,
) => componentProbe("mcp-json", what, dimension, description, (name) => ({ ".mcp.json": content(name) }), hosts);
const servers = (name: string, config: Record<string, unknown>) => ({ [`${name}-srv`]: config });

const mcpProbes: Probe[] = [
  mcp("wrapper", "baseline", "A stdio server in the {mcpServers: {...}} wrapper", (name) =>
    json({ mcpServers: servers(name, stdio) }),
  ),
  mcp("bare-map", "shape", "A stdio server as a bare map, without the mcpServers wrapper", (name) =>
    json(servers(name, stdio)),
  ),
  mcp("http", "baseline", "A remote server with type http and url", (name) =>
    json({ mcpServers: servers(name, { type: "http", url: "https://mcp.example.com/mcp" }) }),
  ),
  mcp("streamable-http", "value", "A remote server with type streamable_http", (name) =>
    json({ mcpServers: servers(name, { type: "streamable_http", url: "https://mcp.example.com/mcp" }) }),
  ),
  mcp("sse", "value", "A remote server with type sse", (name) =>
    json({ mcpServers: servers(name, { type: "sse", url: "https://mcp.example.com/sse" }) }),
  ),
  mcp("unknown-type", "value", "type websocket-plus", (name) =>
    json({ mcpServers: servers(name, { type: "websocket-plus", url: "https://mcp.example.com/mcp" }) }),
  ),
  mcp("command-and-url", "shape", "A server with both command and url", (name) =>
    json({ mcpServers: servers(name, { ...stdio, url: "https://mcp.example.com/mcp" }) }),
  ),
  mcp("neither", "missing-field", "A server with neither command nor url", (name) =>
    json({ mcpServers: servers(name, { args: ["x"] }) }),
  ),
  mcp("unknown-field", "unknown-field", "An unknown key in a server", (name) =>
    json({ mcpServers: servers(name, { ...stdio, colour: "blue" }) }),
  ),
  mcp("headers", "value", "Claude-style `headers` on a remote server", (name) =>
    json({
      mcpServers: servers(name, { type: "http", url: "https://mcp.example.com/mcp", headers: { "X-Probe": "1" } }),
    }),
  ),
  mcp("http-headers", "value", "Codex-style `http_headers` on a remote server", (name) =>
    json({
      mcpServers: servers(name, { type: "http", url: "https://mcp.example.com/mcp", http_headers: { "X-Probe": "1" } }),
    }),
  ),
  mcp("insecure-url", "value", "A remote server on plain http (not localhost)", (name) =>
    json({ mcpServers: servers(name, { type: "http", url: "http://mcp.example.com/mcp" }) }),
  ),
  mcp("claude-plugin-root", "value", "${CLAUDE_PLUGIN_ROOT} in the command", (name) =>
    json({ mcpServers: servers(name, { command: "${CLAUDE_PLUGIN_ROOT}/bin/server", args: [] }) }),
  ),
  mcp("args-string", "shape", "`args` is a string", (name) =>
    json({ mcpServers: servers(name, { command: "node", args: "server.js" }) }),
  ),
  mcp("env-number", "shape", "An `env` value is a number", (name) =>
    json({ mcpServers: servers(name, { ...stdio, env: { PORT: 8080 } }) }),
  ),
  mcp("server-array", "shape", "`mcpServers` is a list", (name) =>
    json({ mcpServers: [{ name: `${name}-srv`, ...stdio }] }),
  ),
  mcp("empty", "baseline", "`mcpServers` is {}", () => json({ mcpServers: {} })),
  mcp("two-servers-one-bad", "value", "Two servers: one clean, one with neither command nor url", (name) =>
    json({ mcpServers: { [`${name}-good`]: stdio, [`${name}-bad`]: { args: ["x"] } } }),
  ),
  mcp("server-name-dots", "value", "A server named with dots and spaces", (name) =>
    json({ mcpServers: { [`${name} srv.v2`]: stdio } }),
  ),
  mcp("trailing-comma", "json-syntax", "A trailing comma", (name) =>
    json({ mcpServers: servers(name, stdio) }).replace(/]\n/, "],\n"),
  ),
  mcp("comment", "json-syntax", "A // comment line", (name) =>
    json({ mcpServers: servers(name, stdio) }).replace("{\n", "{\n  // probe\n"),
  ),
  mcp(
    "duplicate-server",
    "json-syntax",
    "The same server name twice",
    (name) =>
      `{\n  "mcpServers": {\n    "${name}-srv": {"command": "node", "args": ["a.js"]},\n    "${name}-srv": {"command": "node", "args": ["b.js"]}\n  }\n}\n`,
  ),
  mcp("bom", "encoding", "A UTF-8 byte order mark", (name) => withBom(json({ mcpServers: servers(name, stdio) }))),
  mcp("utf16le", "encoding", "UTF-16 LE with a byte order mark", (name) =>
    utf16le(json({ mcpServers: servers(name, stdio) })),
  ),
  mcp("crlf", "line-endings", "CRLF line endings", (name) => crlf(json({ mcpServers: servers(name, stdio) }))),
  componentProbe(
    "mcp-json",
    "agent-plugins-name",
    "location",
    "mcp.json (the Agent Plugins name) next to .codex-plugin and .claude-plugin manifests",
    (name) => ({
      "mcp.json": json({
        $schema: AGENT_PLUGINS_MCP_SCHEMA,
        mcpServers: { [`${name}-ap`]: { type: "stdio", command: "./bin/server" } },
      }),
    }),
  ),
  componentProbe(
    "mcp-json",
    "agent-plugins-stdio-type",
    "value",
    "The Agent Plugins form in .mcp.json: $schema and type stdio",
    (name) => ({
      ".mcp.json": json({
        $schema: AGENT_PLUGINS_MCP_SCHEMA,
        mcpServers: { [`${name}-ap`]: { type: "stdio", command: "./bin/server" } },
      }),
    }),
  ),
];

// --- .app.json (Codex) -------------------------------------------------------------------------------------------

const app = (what: string, dimension: Dimension, description: string, content: (name: string) => string | Uint8Array) =>
  componentProbe("app-json", what, dimension, description, (name) => ({ ".app.json": content(name) }), CODEX);

const appProbes: Probe[] = [
  app("clean", "baseline", "One app with an id", (name) => json({ apps: { [name]: { id: `asdk_app_${name}` } } })),
  app("no-id", "missing-field", "An app without `id`", (name) =>
    json({ apps: { [name]: { category: "Productivity" } } }),
  ),
  app("empty-id", "missing-field", 'An app with `id: ""`', (name) => json({ apps: { [name]: { id: "" } } })),
  app("id-number", "shape", "`id` is a number", (name) => json({ apps: { [name]: { id: 5 } } })),
  app("unknown-field", "unknown-field", "An unknown key in an app (and `required`)", (name) =>
    json({ apps: { [name]: { id: `asdk_app_${name}`, required: false, colour: "blue" } } }),
  ),
  app("duplicate-id", "value", "Two apps with the same id", (name) =>
    json({ apps: { a: { id: `asdk_app_${name}` }, b: { id: `asdk_app_${name}` } } }),
  ),
  app("apps-array", "shape", "`apps` is a list", (name) => json({ apps: [{ id: `asdk_app_${name}` }] })),
  app("two-apps-one-bad", "value", "Two apps: one clean, one without id", (name) =>
    json({ apps: { good: { id: `asdk_app_${name}` }, bad: {} } }),
  ),
  app("trailing-comma", "json-syntax", "A trailing comma", (name) =>
    json({ apps: { [name]: { id: `asdk_app_${name}` } } }).replace(/"\n {4}}/, '",\n    }'),
  ),
  app("bom", "encoding", "A UTF-8 byte order mark", (name) =>
    withBom(json({ apps: { [name]: { id: `asdk_app_${name}` } } })),
  ),
];

// --- hooks/hooks.json --------------------------------------------------------------------------------------------

const command = (text: string) => ({ type: "command", command: text });
const hooksFile = (hooks: Record<string, unknown>, extra: Record<string, unknown> = {}) => json({ ...extra, hooks });
const hook = (what: string, dimension: Dimension, description: string, content: string | Uint8Array, hosts = BOTH) =>
  componentProbe("hooks-json", what, dimension, description, () => ({ "hooks/hooks.json": content }), hosts);

const hookProbes: Probe[] = [
  hook(
    "clean",
    "baseline",
    "One SessionStart command hook",
    hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }),
  ),
  hook(
    "matcher",
    "baseline",
    "A PreToolUse hook with a matcher",
    hooksFile({ PreToolUse: [{ matcher: "Bash", hooks: [command("echo pre")] }] }),
  ),
  hook(
    "description",
    "unknown-field",
    "A top-level `description` next to `hooks`",
    hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }, { description: "Probe hooks" }),
  ),
  hook(
    "unknown-top-level",
    "unknown-field",
    "An unknown top-level key next to `hooks`",
    hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }, { colour: "blue" }),
  ),
  hook(
    "unknown-event",
    "value",
    "An event no host knows, next to a clean one",
    hooksFile({
      NotAnEvent: [{ hooks: [command("echo nope")] }],
      SessionStart: [{ hooks: [command("echo probe")] }],
    }),
  ),
  hook(
    "lowercase-event",
    "value",
    "`sessionstart` in lower case",
    hooksFile({ sessionstart: [{ hooks: [command("echo probe")] }] }),
  ),
  hook(
    "claude-only-event",
    "value",
    "Notification (a Claude Code event)",
    hooksFile({ Notification: [{ hooks: [command("echo notify")] }] }),
  ),
  hook(
    "codex-event-permission-request",
    "value",
    "PermissionRequest",
    hooksFile({ PermissionRequest: [{ hooks: [command("echo permission")] }] }),
  ),
  hook(
    "no-type",
    "missing-field",
    "A hook without `type`",
    hooksFile({ SessionStart: [{ hooks: [{ command: "echo probe" }] }] }),
  ),
  hook(
    "no-command",
    "missing-field",
    "A command hook without `command`",
    hooksFile({ SessionStart: [{ hooks: [{ type: "command" }] }] }),
  ),
  hook(
    "prompt-type",
    "value",
    "A prompt hook",
    hooksFile({ Stop: [{ hooks: [{ type: "prompt", prompt: "Check the work." }] }] }),
  ),
  hook(
    "timeout-string",
    "shape",
    '`timeout: "30"`',
    hooksFile({ SessionStart: [{ hooks: [{ ...command("echo probe"), timeout: "30" }] }] }),
  ),
  hook(
    "flat-handlers",
    "shape",
    "Handlers directly under the event (no matcher group)",
    hooksFile({ SessionStart: [command("echo probe")] }),
  ),
  hook(
    "event-object",
    "shape",
    "The event maps to an object instead of a list",
    hooksFile({ SessionStart: { hooks: [command("echo probe")] } }),
  ),
  hook(
    "no-wrapper",
    "shape",
    "Events at the top level without the `hooks` wrapper",
    json({ SessionStart: [{ hooks: [command("echo probe")] }] }),
  ),
  hook(
    "plugin-root-var",
    "value",
    "${CLAUDE_PLUGIN_ROOT} in the command",
    hooksFile({ SessionStart: [{ hooks: [command("${CLAUDE_PLUGIN_ROOT}/hooks/start.sh")] }] }),
  ),
  hook(
    "relative-command",
    "value",
    "A ./relative command path",
    hooksFile({ SessionStart: [{ hooks: [command("./hooks/start.sh")] }] }),
  ),
  hook(
    "trailing-comma",
    "json-syntax",
    "A trailing comma",
    hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }).replace(/]\n {2}}/, "],\n  }"),
  ),
  hook(
    "comment",
    "json-syntax",
    "A // comment line",
    hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }).replace("{\n", "{\n  // probe\n"),
  ),
  hook(
    "bom",
    "encoding",
    "A UTF-8 byte order mark",
    withBom(hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] })),
  ),
  hook(
    "utf16le",
    "encoding",
    "UTF-16 LE with a byte order mark",
    utf16le(hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] })),
  ),
  componentProbe("hooks-json", "lowercase-file", "file-name", "hooks/Hooks.json instead of hooks/hooks.json", () => ({
    "hooks/Hooks.json": hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }),
  })),
  componentProbe(
    "hooks-json",
    "root-hooks-json",
    "location",
    "hooks.json at the plugin root instead of hooks/",
    () => ({
      "hooks.json": hooksFile({ SessionStart: [{ hooks: [command("echo probe")] }] }),
    }),
  ),
];

hookProbes.push(
  hook(
    "claude-fields",
    "value",
    "A command hook with Claude Code's if, args, shell, once, async, asyncRewake, onFailure and statusMessage",
    hooksFile({
      PreToolUse: [
        {
          matcher: "Bash",
          hooks: [
            {
              ...command("echo checked"),
              args: ["--quiet"],
              if: "Bash(git *)",
              shell: "bash",
              once: true,
              async: true,
              asyncRewake: true,
              onFailure: "block",
              statusMessage: "Checking",
            },
          ],
        },
      ],
    }),
    CLAUDE,
  ),
  hook(
    "unknown-handler-field",
    "unknown-field",
    "An unknown key in a command hook",
    hooksFile({ SessionStart: [{ hooks: [{ ...command("echo probe"), colour: "blue" }] }] }),
    CLAUDE,
  ),
  hook(
    "pre-model-switch",
    "value",
    "PreModelSwitch (an event of Claude Code 2.1.332)",
    hooksFile({ PreModelSwitch: [{ hooks: [command("echo switching")] }] }),
    CLAUDE,
  ),
);

// --- agents/openai.yaml (Codex, per skill) -----------------------------------------------------------------------

const openaiYaml = (
  what: string,
  dimension: Dimension,
  description: string,
  content: string | Uint8Array,
  extra: ProbeFiles = {},
) =>
  componentProbe(
    "openai-yaml",
    what,
    dimension,
    description,
    () => ({
      "skills/probed/SKILL.md": cleanSkill("probed"),
      "skills/probed/agents/openai.yaml": content,
      ...extra,
    }),
    CODEX,
  );
const cleanYaml =
  'interface:\n  display_name: "Probed"\n  short_description: "Probe the skill"\n  default_prompt: "Use $probed on this."\n';

const openaiYamlProbes: Probe[] = [
  openaiYaml("clean", "baseline", "display_name, short_description, default_prompt", cleanYaml),
  openaiYaml(
    "icons-brand",
    "baseline",
    "icon_small, icon_large and brand_color",
    `${cleanYaml}  icon_small: "./assets/small.svg"\n  icon_large: "./assets/large.png"\n  brand_color: "#0B7A75"\n`,
    {
      "skills/probed/assets/small.svg": "<svg/>",
      "skills/probed/assets/large.png": "png",
    },
  ),
  openaiYaml("brand-color-name", "value", 'brand_color: "teal"', `${cleanYaml}  brand_color: "teal"\n`),
  openaiYaml("icon-escapes", "path", "icon_small is ../../x.svg", `${cleanYaml}  icon_small: "../../x.svg"\n`),
  openaiYaml("unknown-field", "unknown-field", "An unknown key under interface", `${cleanYaml}  colour: blue\n`),
  openaiYaml("unknown-top-level", "unknown-field", "An unknown top-level key", `${cleanYaml}colour: blue\n`),
  openaiYaml("invalid-yaml", "yaml-syntax", "Unbalanced quotes", 'interface:\n  display_name: "Probed\n'),
  openaiYaml(
    "short-description-long",
    "length",
    "A 300-character short_description",
    `interface:\n  display_name: "Probed"\n  short_description: "${textOfLength(300)}"\n`,
  ),
  openaiYaml(
    "implicit-invocation-off",
    "value",
    "policy.allow_implicit_invocation: false",
    `${cleanYaml}policy:\n  allow_implicit_invocation: false\n`,
  ),
  openaiYaml(
    "dependencies",
    "value",
    "An MCP tool dependency",
    `${cleanYaml}dependencies:\n  tools:\n    - type: "mcp"\n      value: "probeDocs"\n      transport: "streamable_http"\n      url: "https://mcp.example.com/mcp"\n`,
  ),
  openaiYaml("bom", "encoding", "A UTF-8 byte order mark", withBom(cleanYaml)),
  openaiYaml("crlf", "line-endings", "CRLF line endings", crlf(cleanYaml)),
];

// --- Claude Code agents, commands, output styles, LSP servers, monitors ------------------------------------------

const agentMd = (lines: string[]) => `---\n${lines.join("\n")}\n---\n\nYou help with probes.\n`;
const cleanAgent = agentMd(["name: helper", "description: Helps with probes"]);
const agent = (what: string, dimension: Dimension, description: string, content: string | Uint8Array) =>
  componentProbe("agent-md", what, dimension, description, () => ({ "agents/helper.md": content }), CLAUDE);

const agentProbes: Probe[] = [
  agent("clean", "baseline", "name and description", cleanAgent),
  agent("no-frontmatter", "frontmatter", "No frontmatter", "You help with probes.\n"),
  agent("missing-closing", "frontmatter", "No closing ---", "---\nname: helper\ndescription: Helps\n\nYou help.\n"),
  agent("no-name", "missing-field", "No name", agentMd(["description: Helps with probes"])),
  agent("no-description", "missing-field", "No description", agentMd(["name: helper"])),
  agent(
    "tools-list",
    "yaml-types",
    "tools as a YAML list",
    agentMd(["name: helper", "description: Helps", "tools:", "  - Read", "  - Grep"]),
  ),
  agent(
    "unsupported-keys",
    "unknown-field",
    "hooks, mcpServers and permissionMode (not supported for plugin agents)",
    agentMd(["name: helper", "description: Helps", "permissionMode: acceptEdits", "mcpServers:", "  - probe"]),
  ),
  agent(
    "invalid-yaml",
    "yaml-syntax",
    "An unquoted `: ` in the description",
    agentMd(["name: helper", "description: Helps: with probes"]),
  ),
  agent("bom", "encoding", "A UTF-8 byte order mark", withBom(cleanAgent)),
  agent("crlf", "line-endings", "CRLF line endings", crlf(cleanAgent)),
  agent(
    "name-differs",
    "value",
    "name: other-agent in helper.md",
    agentMd(["name: other-agent", "description: Helps"]),
  ),
  componentProbe(
    "agent-md",
    "uppercase-extension",
    "file-name",
    "agents/helper.MD",
    () => ({ "agents/helper.MD": cleanAgent }),
    CLAUDE,
  ),
  componentProbe(
    "agent-md",
    "nested",
    "nesting",
    "agents/team/helper.md",
    () => ({ "agents/team/helper.md": cleanAgent }),
    CLAUDE,
  ),
];

const commandMd = "---\ndescription: Run the probe\nargument-hint: <target>\n---\n\nRun the probe on $ARGUMENTS.\n";
const commandProbe = (what: string, dimension: Dimension, description: string, files: ProbeFiles) =>
  componentProbe("command-md", what, dimension, description, () => files, CLAUDE);

const commandProbes: Probe[] = [
  commandProbe("clean", "baseline", "commands/run-probe.md with a description", { "commands/run-probe.md": commandMd }),
  commandProbe("no-frontmatter", "frontmatter", "A command without frontmatter", {
    "commands/run-probe.md": "Run the probe.\n",
  }),
  commandProbe("invalid-yaml", "yaml-syntax", "An unquoted `: ` in the description", {
    "commands/run-probe.md": "---\ndescription: Run: the probe\n---\nRun.\n",
  }),
  commandProbe("nested", "nesting", "commands/group/run-probe.md", { "commands/group/run-probe.md": commandMd }),
  commandProbe("bom", "encoding", "A UTF-8 byte order mark", { "commands/run-probe.md": withBom(commandMd) }),
  commandProbe("crlf", "line-endings", "CRLF line endings", { "commands/run-probe.md": crlf(commandMd) }),
  commandProbe("uppercase-extension", "file-name", "commands/run-probe.MD", { "commands/run-probe.MD": commandMd }),
];

const styleMd = "---\nname: Terse\ndescription: Short answers\n---\n\nAnswer in one sentence.\n";
const styleProbes: Probe[] = [
  componentProbe(
    "output-style-md",
    "clean",
    "baseline",
    "output-styles/terse.md",
    () => ({ "output-styles/terse.md": styleMd }),
    CLAUDE,
  ),
  componentProbe(
    "output-style-md",
    "no-frontmatter",
    "frontmatter",
    "An output style without frontmatter",
    () => ({
      "output-styles/terse.md": "Answer in one sentence.\n",
    }),
    CLAUDE,
  ),
  componentProbe(
    "output-style-md",
    "invalid-yaml",
    "yaml-syntax",
    "An unquoted `: ` in the description",
    () => ({
      "output-styles/terse.md": "---\nname: Terse\ndescription: Short: answers\n---\nBe terse.\n",
    }),
    CLAUDE,
  ),
];

styleProbes.push(
  componentProbe(
    "output-style-md",
    "nested",
    "nesting",
    "output-styles/team/terse.md",
    () => ({ "output-styles/team/terse.md": styleMd }),
    CLAUDE,
  ),
);

const lsp = (name: string) => ({
  [`${name}-lsp`]: { command: "probe-lsp", args: ["--stdio"], extensionToLanguage: { ".probe": "probe" } },
});
const lspProbes: Probe[] = [
  componentProbe(
    "lsp-json",
    "clean",
    "baseline",
    "One LSP server",
    (name) => ({ ".lsp.json": json(lsp(name)) }),
    CLAUDE,
  ),
  componentProbe(
    "lsp-json",
    "no-command",
    "missing-field",
    "An LSP server without command",
    (name) => ({
      ".lsp.json": json({ [`${name}-lsp`]: { extensionToLanguage: { ".probe": "probe" } } }),
    }),
    CLAUDE,
  ),
  componentProbe(
    "lsp-json",
    "no-extensions",
    "missing-field",
    "An LSP server without extensionToLanguage",
    (name) => ({
      ".lsp.json": json({ [`${name}-lsp`]: { command: "probe-lsp" } }),
    }),
    CLAUDE,
  ),
  componentProbe(
    "lsp-json",
    "trailing-comma",
    "json-syntax",
    "A trailing comma",
    (name) => ({ ".lsp.json": json(lsp(name)).replace(/}\n}\n$/, "},\n}\n") }),
    CLAUDE,
  ),
  componentProbe(
    "lsp-json",
    "wrapper",
    "shape",
    "Servers inside an lspServers wrapper",
    (name) => ({ ".lsp.json": json({ lspServers: lsp(name) }) }),
    CLAUDE,
  ),
];

const lspServer = { command: "probe-lsp", extensionToLanguage: { ".probe": "probe" } };
const lspVariant = (what: string, dimension: Dimension, description: string, server: Record<string, unknown>) =>
  componentProbe(
    "lsp-json",
    what,
    dimension,
    description,
    (name) => ({ ".lsp.json": json({ [`${name}-lsp`]: server }) }),
    CLAUDE,
  );
lspProbes.push(
  lspVariant("unknown-field", "unknown-field", "An unknown key in a server", { ...lspServer, colour: "blue" }),
  lspVariant("command-with-spaces", "value", "command holds its arguments", {
    ...lspServer,
    command: "probe-lsp --stdio",
  }),
  lspVariant("empty-extensions", "value", "extensionToLanguage is {}", { ...lspServer, extensionToLanguage: {} }),
  componentProbe(
    "lsp-json",
    "two-servers-one-bad",
    "value",
    "Two servers: one clean, one without command",
    (name) => ({
      ".lsp.json": json({ [`${name}-good`]: lspServer, [`${name}-bad`]: { extensionToLanguage: { ".x": "x" } } }),
    }),
    CLAUDE,
  ),
);

const monitor = { name: "probe-watch", command: "tail -f probe.log", description: "Watches the probe log" };
const monitorsFile = (list: unknown) => () => ({ "monitors/monitors.json": json(list) });
const monitorProbes: Probe[] = [
  componentProbe(
    "monitors-json",
    "no-description",
    "missing-field",
    "A monitor without description",
    monitorsFile([{ name: "probe-watch", command: "tail -f probe.log" }]),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "unknown-field",
    "unknown-field",
    "An unknown key in a monitor",
    monitorsFile([{ ...monitor, interval: 5 }]),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "duplicate-name",
    "value",
    "Two monitors with one name",
    monitorsFile([monitor, { ...monitor, command: "tail -f other.log" }]),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "on-skill-invoke",
    "value",
    "when: on-skill-invoke:control",
    monitorsFile([{ ...monitor, when: "on-skill-invoke:control" }]),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "clean",
    "baseline",
    "One monitor",
    () => ({
      "monitors/monitors.json": json([
        { name: "probe-watch", command: "tail -f probe.log", description: "Watches the probe log" },
      ]),
    }),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "object",
    "shape",
    "monitors.json is an object instead of a list",
    () => ({
      "monitors/monitors.json": json({ "probe-watch": { command: "tail -f probe.log" } }),
    }),
    CLAUDE,
  ),
  componentProbe(
    "monitors-json",
    "no-command",
    "missing-field",
    "A monitor without command",
    () => ({
      "monitors/monitors.json": json([{ name: "probe-watch", description: "Watches" }]),
    }),
    CLAUDE,
  ),
];

export const componentProbes: Probe[] = [
  ...mcpProbes,
  ...appProbes,
  ...hookProbes,
  ...openaiYamlProbes,
  ...agentProbes,
  ...commandProbes,
  ...styleProbes,
  ...lspProbes,
  ...monitorProbes,
];
