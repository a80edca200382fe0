import type { HostId } from "@agent-plugin/core";

/** A skill the host loaded, as the host keeps it. */
export interface LoadedSkill {
  /** The host's name for it: Codex `<plugin>:<skill>`, Claude Code `<plugin>:<skill>` or a bare name. */
  name: string;
  /** The description text the host kept (Codex); Claude Code's CLI does not show it. */
  description?: string;
  /** The SKILL.md path inside the plugin, with `/` separators, when the host reports it. */
  path?: string;
}

/** Something the host refused loudly, with its own message. */
export interface Refusal {
  /** The file inside the plugin (or the marketplace) the message is about, with `/` separators. */
  path: string;
  message: string;
}

export interface RegisteredHook {
  event: string;
  /** `command`, `prompt`, `agent`, `http`, `mcpTool`... as the host names the handler type. */
  type?: string;
  command?: string;
  matcher?: string;
}

/** A message the host printed about a plugin that is not a refusal of a component (a warning, a note). */
export interface HostMessage {
  /** Which answer it came from: `install`, `validate`, `hooks/list`... */
  source: string;
  level: "error" | "warning" | "info";
  /** The field or file it is about, when the host says. */
  path?: string;
  text: string;
}

/**
 * What the host itself says the plugin adds to the model's context: Codex's exact prompt lines (`debug prompt-input`,
 * when the request asks for `promptInput`), Claude Code's own token figures (`plugin details`).
 */
export interface HostContext {
  /** Codex: the plugin's lines in the model-visible prompt, one per skill (skills list) and per MCP server (tools). */
  lines: { kind: "skill" | "mcp"; name: string; text: string }[];
  /** Codex: whether the plugin's MCP servers were allowed to start while the prompt was rendered. */
  serversStarted?: boolean;
  /** Claude Code: its projected token cost, as printed (`~39`, `< 20`): always-on total, then per component. */
  tokens?: { alwaysOn: string; components: { name: string; alwaysOn: string; onInvoke: string }[] };
}

/** What one host did with one plugin of a batch. Lists are sorted; absent components are empty lists. */
export interface PluginInventory {
  /** The marketplace entry name the plugin was listed under in the batch. */
  name: string;
  installed: boolean;
  /** The host's own words when it refused to install the plugin. */
  installError?: string;
  /** The plugin's name, version and description as the host keeps them. */
  manifest: { name?: string; version?: string; description?: string };
  skills: LoadedSkill[];
  /** Skills the host refused with a message (Codex `skills/list` errors; Claude Code validate errors). */
  refusedSkills: Refusal[];
  mcpServers: string[];
  hooks: RegisteredHook[];
  /** App (connector) ids the host kept (Codex). */
  apps: string[];
  /** Display fields as the host keeps them (Codex `interface`), without empty values. */
  interface?: Record<string, unknown>;
  /** Claude Code components, by the name the host gives them. */
  agents: string[];
  commands: string[];
  outputStyles: string[];
  lspServers: string[];
  monitors: string[];
  /** Claude Code's `plugin validate --json` verdict on the plugin folder: the static view, next to the runtime one. */
  validation?: {
    passed: boolean;
    errors: HostMessage[];
    warnings: HostMessage[];
    /** `provides` from validate: component kind → names. */
    provides: Record<string, string[]>;
  };
  messages: HostMessage[];
  /** What the host says the plugin adds to the model's context, when it shows it. */
  context?: HostContext;
  /** The host's answers about this plugin, untouched, for debugging. Never part of probe data. */
  raw: Record<string, unknown>;
}

/** What the host did with a whole batch. */
export interface BatchInventory {
  host: HostId;
  version: string;
  /** The driver that asked, with its protocol version: `codex-cli@1`. */
  driver: string;
  marketplace: {
    /** Whether the host accepted the marketplace (Codex `marketplace add`, Claude Code `marketplace add`). */
    added: boolean;
    error?: string;
    /** The marketplace name the host registered. */
    name?: string;
    /** The plugin entries the host listed from it (an entry it dropped is missing here). */
    plugins: string[];
    messages: HostMessage[];
  };
  plugins: PluginInventory[];
  raw: Record<string, unknown>;
}

export function emptyInventory(name: string): PluginInventory {
  return {
    name,
    installed: false,
    manifest: {},
    skills: [],
    refusedSkills: [],
    mcpServers: [],
    hooks: [],
    apps: [],
    agents: [],
    commands: [],
    outputStyles: [],
    lspServers: [],
    monitors: [],
    messages: [],
    raw: {},
  };
}
