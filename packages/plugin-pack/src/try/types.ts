import type { HostId } from "@agent-plugin/core";
import type { RegisteredHook } from "@agent-plugin/hosts";
import type { ContextBudget } from "../report/index.js";

/** One difference between what a plugin's files declare and what the host kept. */
export interface TryDifference {
  /**
   * `lost`: the host refused or dropped it; `failed`: an MCP server did not start or answer (both exit 1);
   * `renamed`: kept under another name; `changed`: kept, reworded.
   */
  kind: "lost" | "failed" | "renamed" | "changed";
  /** `plugin`, `skill`, `mcp`, `hooks`, `agents`, `commands`, `outputStyles`, `manifest`. */
  component: string;
  /** One line, with the host's reason when it gives one. */
  text: string;
}

/** What one MCP server answered when `try --run-servers` started it. */
export interface ServerProbe {
  name: string;
  transport: "stdio" | "http";
  /** `skipped`: an http server without --network. */
  status: "answered" | "failed" | "skipped";
  /** Why it failed or was skipped. */
  reason?: string;
  /** The last lines the server wrote to stderr before it failed. */
  stderrTail?: string;
  serverInfo?: { name?: string; version?: string };
  /** The `instructions` the server gave in its initialize answer (hosts put them in the prompt). */
  instructions?: string;
  tools?: { name: string; description?: string; inputSchema?: unknown }[];
  resources?: { uri: string; name?: string; description?: string }[];
  prompts?: { name: string; description?: string }[];
  /** A list the server offers but would not give. */
  errors?: string[];
}

/** A skill as the files declare it and as the host shows it to the model. */
export interface TrySkill {
  /** The SKILL.md path inside the plugin, with `/`. */
  path: string;
  declared: { name?: string; description?: string };
  /** Undefined when the host did not load it. */
  host?: { name: string; description?: string };
  status: "loaded" | "refused" | "dropped";
  /** The host's reason for a refusal. */
  reason?: string;
  /** Set when the host kept only the first part of the description. */
  truncated?: { kept: number; declared: number };
}

/** A declared list next to the host's. */
export interface TryComponents {
  /** Undefined when a file that declares them cannot be read (unknown, not none). */
  declared: string[] | undefined;
  loaded: string[];
}

export interface TryPlugin {
  /** The marketplace entry name it was loaded under. */
  name: string;
  /** The plugin folder. */
  dir: string;
  installed: boolean;
  installError?: string;
  /** Name, version and description as the host keeps them. */
  manifest: { name?: string; version?: string; description?: string };
  skills: TrySkill[];
  mcpServers: TryComponents;
  hooks: { declared: string[] | undefined; loaded: RegisteredHook[] };
  /** App ids the host kept (Codex lists them only for a signed-in user). */
  apps: string[];
  /** Claude Code only. */
  agents?: TryComponents;
  commands?: TryComponents;
  outputStyles?: TryComponents;
  lspServers?: TryComponents;
  monitors?: TryComponents;
  /** With --run-servers: what each MCP server answered. */
  servers?: ServerProbe[];
  /** The tokens each component adds to the model's context, for an installed plugin. */
  budget?: ContextBudget;
  /** Warnings the host printed about the plugin. */
  messages: string[];
  differences: TryDifference[];
  /** Whether the host lost anything the files declare. */
  lost: boolean;
}

/** One host's load of the plugin or marketplace. */
export interface TryHostRun {
  host: HostId;
  version: string;
  bin: string;
  /** The host driver that asked, with its protocol version: `codex-cli@1`. */
  driver: string;
  /** The host versions plugin-pack's driver was verified against. */
  verified: readonly string[];
  /** When the marketplace itself was loaded: whether the host accepted it, and its reason when not. */
  marketplace?: { added: boolean; name?: string; error?: string; entries: string[] };
  plugins: TryPlugin[];
}

export interface TryReport {
  /** The folder tried. */
  source: string;
  kind: "plugin" | "marketplace";
  runs: TryHostRun[];
  /** One line each: a host version the driver was not verified with, a host not found for `--host all`. */
  warnings: string[];
  /** Whether any host lost anything. */
  lost: boolean;
  /** With `maxAlwaysOnTokens`: one line per plugin and host over it, naming the biggest components. */
  overBudget: string[];
}
