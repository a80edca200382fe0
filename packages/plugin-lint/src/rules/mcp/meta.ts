// The metadata of the mcp/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const mcpRuleMetas = defineRules([
  {
    id: "mcp/wrapper",
    severity: "error",
    hosts: ["codex"],
    description: '`.mcp.json` holds its servers under `{"mcpServers": {...}}`, not as a bare server map.',
    rationale:
      'Codex 0.117 parses `.mcp.json` as `{"mcpServers": {...}}` with a serde default, so a bare server map (the shape some Claude Code plugins use) parses as an empty list: no error, and no server starts. Claude Code and later Codex versions accept both shapes; the wrapper works everywhere.',
  },
  {
    id: "mcp/ignored-file",
    severity: "error",
    hosts: ["codex"],
    description:
      "Beside an Agent Plugins `plugin.json`, MCP servers are in `mcp.json`: Codex 0.171 ignores `.mcp.json` and its manifest's `mcpServers` there.",
    rationale:
      "Codex 0.171 reads a plugin's MCP servers from the standard's `mcp.json` whenever the plugin root has a `plugin.json` that declares Agent Plugins, and then ignores `.mcp.json` and `.codex-plugin/plugin.json`'s `mcpServers` (checked on the real host with five arrangements of the four files). The servers there never start: an error. A `.mcp.json` beside `mcp.json` is left alone, since Claude Code reads it; a manifest `mcpServers` is reported for the servers it names that `mcp.json` lacks (the ones it has start all the same, as in the plugins `create` writes for both formats). Codex 0.117 reads no root `plugin.json`.",
  },
  {
    id: "mcp/schema",
    severity: "error",
    description:
      "Every MCP server entry has the right JSON types: strings, string lists and string maps where the hosts expect them.",
    rationale:
      "Codex deserialises each server into a typed struct (`McpServerConfig`); a server that fails to parse is skipped with `failed to parse plugin MCP server`, and a file whose `mcpServers` is not an object yields no server at all.",
  },
  {
    id: "mcp/unknown-field",
    severity: "warning",
    description: "MCP server entries use only keys Codex or Claude Code read.",
    rationale:
      "Both hosts ignore keys they do not know, so a misspelt key (`tool_timeout`, `bearerTokenEnvVar`) silently does nothing.",
  },
  {
    id: "mcp/transport",
    severity: "error",
    description:
      "Each server is either stdio (`command`) or HTTP (`url`), never both or neither, with no keys of the other transport and a matching `type`.",
    rationale:
      'Codex picks the transport from the keys: `command` makes a stdio server and `url` an HTTP one. With neither it fails with "invalid transport"; keys of the other transport fail with "{field} is not supported for stdio" (or streamable_http). Either way the server is skipped. Claude Code picks the transport from `type`, so a `type` that contradicts the keys breaks it there.',
  },
  {
    id: "mcp/headers",
    severity: "warning",
    description:
      "HTTP headers use the keys the target host reads: `http_headers` / `env_http_headers` / `bearer_token_env_var` for Codex, `headers` for Claude Code.",
    rationale:
      "Codex silently ignores Claude Code's `headers`, and Claude Code ignores Codex's `http_headers`, `env_http_headers` and `bearer_token_env_var`, so the server is called without its authentication and fails at run time. A server that sets both hosts' keys is written for both and passes.",
  },
  {
    id: "mcp/command",
    severity: "warning",
    fixable: true,
    description:
      "A stdio server's local script (its `command`, or the script an interpreter like `node` runs) exists inside the plugin, and a script run directly is executable.",
    rationale:
      "The host spawns `command` with `args` from the server's `cwd` (a relative `cwd` resolves against the plugin root). A script that is missing, outside the plugin (installs copy only the plugin folder) or lacks its executable bit makes the spawn fail, and the server's tools never appear. Missing and escaping paths are reported as `path/not-found` and `path/escapes-root`; a missing executable bit is fixed with chmod. The host still lists the server (Codex 0.117 and 0.171 drop nothing at load), so this is a warning: the failure shows when the server is started.",
  },
  {
    id: "mcp/relative-path",
    severity: "warning",
    description:
      'A stdio server with no `cwd` names no local file by a relative path in `command` or `args`: for Codex it sets `"cwd": "."`, for Claude Code it uses `${CLAUDE_PLUGIN_ROOT}/...`.',
    rationale:
      'Codex and Claude Code start a plugin\'s stdio server in the session\'s folder, the user\'s workspace, so `./server/index.mjs` or `server/index.mjs` is looked up there and the server fails to start (openai/codex#22842). Codex resolves a relative `cwd` against the plugin root, so `"cwd": "."` makes relative paths work there; Claude Code expands `${CLAUDE_PLUGIN_ROOT}` in `command` and `args`. Paths that start with a plugin-root variable are not reported. The host still lists the server (Codex 0.117 and 0.171 drop nothing at load), so this is a warning: the failure shows when the server is started.',
  },
  {
    id: "mcp/insecure-url",
    severity: "warning",
    description: "Remote MCP server URLs are valid `https://` URLs (plain `http://` only for localhost).",
    rationale:
      "An HTTP server receives bearer tokens and everything the agent sends its tools. Over plain http anyone on the network path can read or change it; a malformed URL cannot be connected to at all.",
  },
  {
    id: "mcp/literal-secret",
    purpose: "security",
    severity: "error",
    description:
      "No literal tokens, passwords or API keys in `.mcp.json`: env values, headers, `bearer_token`, URLs and arguments use environment variable references.",
    rationale:
      "`.mcp.json` ships inside the plugin to every user and usually into a public repository, so a literal credential is a leaked credential. Codex reads tokens from the environment (`bearer_token_env_var`, `env_http_headers`, `env_vars`); Claude Code expands `${VAR}` in env, headers, args and URLs. The Agent Plugins standard's `mcp.json` MUST NOT embed credentials in `env` or `headers` and has no portable secret mechanism: credentials are the client's (§7.2.1, §9.2).",
  },
  {
    id: "mcp/unpinned-package",
    purpose: "security",
    severity: "warning",
    description:
      "Servers started through a package runner (`npx`, `pnpm dlx`, `bunx`, `uvx`, `pipx run`) pin an exact package version.",
    rationale:
      "Without a version (or with `@latest`, `@next` or a range) the runner fetches whatever was published last each time the server starts, so a compromised or broken release runs on every user's machine without any change to the plugin. An exact version makes the plugin's behaviour reviewable.",
  },
  {
    id: "mcp/plugin-root-var",
    severity: "warning",
    hosts: ["codex"],
    description:
      "MCP server commands, arguments, env, `cwd` and URLs do not rely on `${CLAUDE_PLUGIN_ROOT}` when targeting Codex.",
    rationale:
      'Claude Code replaces `${CLAUDE_PLUGIN_ROOT}` with the plugin\'s install folder; Codex does not expand it (nor `${CODEX_PLUGIN_ROOT}`), so the server gets the literal text and usually fails to start. Codex resolves a relative `cwd` against the plugin root, so `"cwd": "."` with relative paths works there.',
  },
]);
