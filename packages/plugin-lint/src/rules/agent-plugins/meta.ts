// The metadata of the agent-plugins/* rules: the Agent Plugins Specification 1.0.0, as a plugin's files show it.
// Severity follows the spec's failure boundaries: what makes a client reject the plugin, disable MCP, skip a skill or
// skip a server is an error; what a client reports and ignores, and every SHOULD, is a warning.
import { defineRules } from "../../rule.js";

const target = ["agent-plugins"] as const;

export const agentPluginsRuleMetas = defineRules([
  {
    id: "agent-plugins/manifest-missing",
    severity: "error",
    hosts: target,
    description: "The plugin has its manifest, `plugin.json`, at the plugin root.",
    rationale:
      "A plugin MUST include a manifest at `plugin.json` in the plugin root (§4.1), and clients look for it there only (§5.1). Without it there is no Agent Plugins plugin: no client loads anything from the folder.",
  },
  {
    id: "agent-plugins/schema-version",
    severity: "error",
    hosts: target,
    description: 'The manifest\'s `"$schema"` is exactly `https://agent-plugins.org/schemas/1.0.0/plugin.schema.json`.',
    rationale:
      "`$schema` is required (§5.3) and selects the Agent Plugins version the plugin targets (§5.2). For 1.0.0 its value MUST be the canonical identifier; a client that does not support the declared version MUST reject the plugin, and clients never fetch a schema while loading. A missing, misspelt or unknown identifier means the plugin is rejected.",
  },
  {
    id: "agent-plugins/manifest-schema",
    severity: "error",
    hosts: target,
    description:
      "`plugin.json` is a JSON object with a `name`, and every field it defines has its type: strings, `keywords` a list of strings, `author` only `name`, `email` and `url` strings, each `extensions` entry an object.",
    rationale:
      "Every permitted manifest field MUST match its type and constraints (§5.2, §5.4); `author` MAY contain only `name`, `email` and `url`, each a string; extension entries MUST be objects (§8.1). Any such violation is fatal: the client MUST reject the plugin and MUST NOT discover or execute any of its components.",
  },
  {
    id: "agent-plugins/name",
    severity: "error",
    hosts: target,
    description:
      "`name` is 1-64 characters of `a-z`, `0-9`, `-` and `.`, starts and ends with a letter or digit, and has no `--` or `..`.",
    rationale:
      "The manifest `name` MUST satisfy these constraints (§5.5); a name that does not makes the manifest invalid, so the client rejects the plugin (§5.3).",
  },
  {
    id: "agent-plugins/unknown-field",
    severity: "warning",
    hosts: target,
    description:
      "`plugin.json` has only the standard's top-level fields: `$schema`, `name`, `version`, `description`, `author`, `homepage`, `repository`, `license`, `keywords` and `extensions`.",
    rationale:
      "The manifest schema is closed (§5.2): clients MUST report and ignore any other top-level field and MUST NOT give it meaning. Component paths and inline configuration (`skills`, `mcpServers`, `hooks`...) are ignored too: components come from fixed locations only (§6.1, §7.2.1). Client-specific data belongs under `extensions`.",
  },
  {
    id: "agent-plugins/extensions",
    severity: "warning",
    hosts: target,
    description: "`extensions` is an object keyed by reverse-domain namespaces such as `com.example.client`.",
    rationale:
      "Client-specific manifest data MUST sit under a reverse-domain namespace in `extensions`, which MUST be an object (§8, §8.1). A client reports and ignores an `extensions` that is not an object, and ignores namespaces it does not implement, so the data reaches no client.",
  },
  {
    id: "agent-plugins/version",
    severity: "warning",
    hosts: target,
    description: "`version`, when present, is Semantic Versioning (`1.2.0`).",
    rationale:
      "Plugins SHOULD use Semantic Versioning for `version` (§10.2); clients use it to offer updates and to tell when caches are stale. Clients MUST NOT reject a plugin over its version's form (§5.4), so this is a warning.",
  },
  {
    id: "agent-plugins/component-kind",
    severity: "error",
    hosts: target,
    description: "`skills` is a folder and `mcp.json` a regular file, when present.",
    rationale:
      "Components come from fixed locations (§6.1). A location that is present but not the expected kind (a file named `skills`, a folder named `mcp.json`) makes that component type invalid: the client loads none of its skills, or none of its servers (§6.2).",
  },
  {
    id: "agent-plugins/skill-location",
    severity: "error",
    hosts: target,
    description:
      "Every `SKILL.md` under `skills/` is `skills/<name>/SKILL.md`: one level deep, named exactly `SKILL.md`, a regular file.",
    rationale:
      "Each immediate child folder of `skills/` holding a regular file named exactly `SKILL.md` is one skill; clients MUST NOT search deeper (§7.1). A `SKILL.md` in a sub-folder of a folder that is no skill, directly in `skills/`, spelt `skill.md`, or that is a folder is never loaded. One nested inside another skill's folder is part of that skill's files, not a skill of its own (a warning).",
  },
  {
    id: "agent-plugins/ignored-component",
    severity: "warning",
    hosts: target,
    description:
      "MCP servers are in `mcp.json`: a plugin with only a host's `.mcp.json` gives Agent Plugins clients none.",
    rationale:
      "Clients load MCP configuration only from `mcp.json` at the plugin root, never from an alternative path (§7.2.1, §7.2.2), so servers declared only in Codex's or Claude Code's `.mcp.json` do not exist for the standard. Add `mcp.json` in the standard's format (the two files can live side by side).",
  },
  {
    id: "agent-plugins/mcp-schema-version",
    severity: "error",
    hosts: target,
    description:
      '`mcp.json`\'s `"$schema"` is the canonical MCP schema identifier of the version `plugin.json` declares: `https://agent-plugins.org/schemas/1.0.0/mcp.schema.json`.',
    rationale:
      "`$schema` is required in `mcp.json` and MUST be the canonical identifier (§7.2.1), and its version MUST match the one `plugin.json` declares (§10.1). A missing, unknown or mismatched identifier makes the client disable MCP for the plugin (§7.2.2).",
  },
  {
    id: "agent-plugins/mcp-schema",
    severity: "error",
    hosts: target,
    description:
      "`mcp.json` holds only `$schema` and an `mcpServers` object, and every server has a `type` and exactly the fields of its variant (`stdio`: `command`, `args`, `env`, `cwd`; `streamable-http` and `sse`: `url`, `headers`) with their types.",
    rationale:
      "`mcp.json` MUST be an object with the required `$schema` and `mcpServers` and no other top-level field; anything else makes the client disable MCP for the plugin. Each server MUST have a `type` and match exactly one closed variant: an unknown field, an unknown `type` or a field of another variant makes that server invalid, and the client skips it (§7.2.1, §7.2.2).",
  },
  {
    id: "agent-plugins/mcp-command",
    severity: "error",
    hosts: target,
    description:
      "A stdio server's `command` is one executable token: a bare name (`npx`) or a `./` path to an executable file inside the plugin.",
    rationale:
      "`command` MUST be a single executable token, not a shell command string, and MUST be a bare executable name or a plugin-relative path beginning with `./` that stays inside the plugin once links are resolved (§4.1, §7.2.1). Placeholders are not expanded in `command` (§9.2). Anything else makes the server invalid and the client skips it. A plugin that bundles its executable MUST name it by a `./` path, and MUST NOT depend on a configured `PATH` to find a bare name; those are warnings, since the files only suggest them.",
    fixable: true,
  },
  {
    id: "agent-plugins/mcp-cwd",
    severity: "error",
    hosts: target,
    description:
      "A stdio server's `cwd` is `./...`, `${PLUGIN_ROOT}` or `${PLUGIN_ROOT}/...`, or `${PLUGIN_DATA}` or `${PLUGIN_DATA}/...`, and stays inside the plugin (or its data folder).",
    rationale:
      "When present, `cwd` MUST have one of these three forms; a plugin-relative or `${PLUGIN_ROOT}` path MUST stay inside the plugin root after resolution (links included), and a `${PLUGIN_DATA}` path inside the plugin's data folder. Any other form or an escape makes the server invalid and the client skips it (§7.2.1). Without `cwd` the server runs in the plugin root.",
  },
  {
    id: "agent-plugins/mcp-url",
    severity: "error",
    hosts: target,
    description:
      "A remote server's `url` is an absolute `https://` URL (`http://` only for `localhost` or a loopback address) with no user information and no fragment.",
    rationale:
      "`url` MUST be an absolute HTTP or HTTPS URL without user information or a fragment, and non-loopback endpoints MUST use HTTPS (§7.2.1). Anything else makes the server invalid and the client skips it.",
  },
  {
    id: "agent-plugins/mcp-headers",
    severity: "error",
    hosts: target,
    description:
      "A remote server's `headers` are valid HTTP header fields, each name given once (names are compared without case).",
    rationale:
      "Header names and values MUST be valid HTTP header fields, and an entry with the same header name twice under different casing is invalid (§7.2.1): the client skips the server.",
  },
  {
    id: "agent-plugins/mcp-sse",
    severity: "warning",
    hosts: target,
    description: 'Remote servers use `"type": "streamable-http"`, not the deprecated `"sse"`.',
    rationale:
      "`sse` selects the deprecated HTTP+SSE transport of MCP 2024-11-05. Clients MUST support `stdio` or `streamable-http` but support for `sse` is OPTIONAL, and a client skips a server whose transport it does not support (§7.2.1, §7.2.2).",
  },
  {
    id: "agent-plugins/mcp-reserved-env",
    severity: "error",
    hosts: target,
    description: "A stdio server's `env` does not set `PLUGIN_ROOT` or `PLUGIN_DATA`.",
    rationale:
      "An MCP server's `env` MUST NOT contain entries named `PLUGIN_ROOT` or `PLUGIN_DATA`; such an entry makes the server invalid and the client skips it (§9.2). Clients set both variables themselves. A name that differs only in case is a warning: on platforms whose environment names ignore case (Windows) the client replaces it (§9.1).",
  },
  {
    id: "agent-plugins/mcp-placeholder",
    severity: "warning",
    hosts: target,
    description:
      "`${...}` placeholders appear only where clients expand them: `${PLUGIN_ROOT}` and `${PLUGIN_DATA}` in `args`, `env` values and `cwd`.",
    rationale:
      "Clients expand exactly `${PLUGIN_ROOT}` and `${PLUGIN_DATA}`, only in `args`, `env` values and `cwd`, and MUST leave any other placeholder-like text literal (§9.2); nothing is expanded in `url`, header names or values (§7.2.1) or `env` keys. `${CLAUDE_PLUGIN_ROOT}`, `${HOME}` or `${API_TOKEN}` reach the server as those literal characters, and plugins MUST NOT depend on base-environment variables the spec does not require (§9.1).",
  },
]);
