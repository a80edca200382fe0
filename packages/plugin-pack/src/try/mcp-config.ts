import { resolve } from "node:path";
import { type HostId, isRecord, loadPlugin } from "@agent-plugin/core";

/** One MCP server as the plugin configures it, with the variables the host expands already expanded. */
export type McpLaunch =
  | {
      name: string;
      transport: "stdio";
      command: string;
      args: string[];
      /** The config's own `env`, added to the environment the server inherits. */
      env: Record<string, string>;
      cwd: string;
    }
  | { name: string; transport: "http"; url: string; headers: Record<string, string>; bearerEnv?: string };

/**
 * The plugin's MCP servers as the host would start them: `.mcp.json` (or the manifest's inline map), `command`
 * before `url` as Codex decides, and `${CLAUDE_PLUGIN_ROOT}`, `${VAR}` and `${VAR:-default}` expanded from the
 * environment the way Claude Code expands them. A server that is neither is left out (hosts skip it too).
 */
export function mcpLaunches(dir: string, host: HostId, env: NodeJS.ProcessEnv): McpLaunch[] {
  const plugin = loadPlugin(dir, { host });
  const manifest = plugin.manifest?.doc.value;
  const inline = isRecord(manifest) && isRecord(manifest.mcpServers) ? manifest.mcpServers : {};
  const fromFile = serverMap(plugin.mcp?.doc.value);
  const expand = expander(plugin.root, env);
  return Object.entries({ ...fromFile, ...inline }).flatMap(([name, value]): McpLaunch[] => {
    if (!isRecord(value)) return [];
    if (typeof value.command === "string") {
      return [
        {
          name,
          transport: "stdio",
          command: expand(value.command),
          args: strings(value.args).map(expand),
          env: Object.fromEntries(Object.entries(stringMap(value.env)).map(([key, text]) => [key, expand(text)])),
          cwd: resolve(plugin.root, typeof value.cwd === "string" ? expand(value.cwd) : "."),
        },
      ];
    }
    if (typeof value.url === "string") {
      const headers = Object.fromEntries(
        Object.entries(stringMap(value.headers)).map(([key, text]) => [key, expand(text)]),
      );
      const launch: McpLaunch = { name, transport: "http", url: expand(value.url), headers };
      if (typeof value.bearer_token_env_var === "string") launch.bearerEnv = value.bearer_token_env_var;
      return [launch];
    }
    return [];
  });
}

function serverMap(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  return isRecord(value.mcpServers) ? value.mcpServers : value;
}

function expander(root: string, env: NodeJS.ProcessEnv): (text: string) => string {
  return (text) =>
    text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string, fallback?: string) => {
      if (name === "CLAUDE_PLUGIN_ROOT") return root;
      return env[name] ?? fallback ?? whole;
    });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
