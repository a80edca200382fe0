/**
 * MCP servers between layouts. Each layout's entries are read into one neutral form and written back out in
 * another layout's form. In the neutral form a path inside the plugin is written `${PLUGIN_ROOT}/...` (the
 * standard's spelling) and `cwd` is absent when the server runs in the plugin root.
 */
import { isRecord, type TargetId } from "@agent-plugin/core";

export interface NeutralServer {
  name: string;
  transport: "stdio" | "http" | "sse";
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  /** A working folder other than the plugin root. */
  cwd?: string;
  url?: string;
  /** Literal header values. */
  headers?: Record<string, string>;
  /** A bearer token read from this environment variable when connecting. */
  tokenEnvVar?: string;
  /** Headers whose value is read from an environment variable: header → variable. */
  envHeaders?: Record<string, string>;
  /** Codex's own keys (timeouts, tool filters), kept as written. */
  codexExtras?: Record<string, unknown>;
}

/** A server field the target cannot hold. */
export interface DroppedField {
  server: string;
  field: string;
  reason: string;
}

export const ROOT = "${PLUGIN_ROOT}";
const CLAUDE_ROOT = "${CLAUDE_PLUGIN_ROOT}";
const DATA = "${PLUGIN_DATA}";
const CODEX_EXTRA_KEYS = [
  "startup_timeout_sec",
  "startup_timeout_ms",
  "tool_timeout_sec",
  "enabled",
  "enabled_tools",
  "disabled_tools",
  "required",
] as const;
const WHOLE_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const BEARER_VARIABLE = /^Bearer \$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;
const stringMap = (value: unknown): Record<string, string> | undefined =>
  isRecord(value) && Object.values(value).every((item) => typeof item === "string")
    ? (value as Record<string, string>)
    : undefined;

/** `./x` or `../x` run from `cwd` (a `${PLUGIN_ROOT}` path), as a `${PLUGIN_ROOT}` path; other text as it is. */
function rooted(value: string, cwd: string | undefined): string {
  if (!/^\.\.?(\/|$)/.test(value)) return value;
  const base = (cwd ?? ROOT).slice(ROOT.length).split("/").filter(Boolean);
  for (const part of value.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (base.length === 0) return value; // climbs out of the plugin: not the plugin's path
      base.pop();
    } else base.push(part);
  }
  return [ROOT, ...base].join("/");
}

/** A written `cwd` as a `${PLUGIN_ROOT}` path (undefined for the root itself), or null when it is not inside the plugin. */
function neutralCwd(cwd: unknown, rootSpelling: string): string | undefined | null {
  if (cwd === undefined) return undefined;
  if (typeof cwd !== "string") return null;
  const text = cwd.startsWith(rootSpelling) ? ROOT + cwd.slice(rootSpelling.length) : cwd;
  const path = text.startsWith(ROOT) ? text : rooted(text === "." ? "./" : text, undefined);
  if (!path.startsWith(ROOT)) return null;
  const normal = path.replace(/\/+$/, "").replace(/\/\.$/, "");
  return normal === ROOT ? undefined : normal;
}

/** Reads one entry of `from`'s MCP file. Fields it cannot place are returned as dropped (nothing is guessed). */
export function readServer(
  from: TargetId,
  name: string,
  value: unknown,
): { server?: NeutralServer; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  if (!isRecord(value)) return { dropped: [{ server: name, field: "", reason: "is not an object" }] };
  const rootSpelling = from === "claude-code" ? CLAUDE_ROOT : ROOT;
  const swapRoot = (text: string) => (from === "claude-code" ? text.replaceAll(CLAUDE_ROOT, ROOT) : text);
  if (typeof value.command === "string") {
    // Claude Code ignores cwd (anthropics/claude-code#17565): it never applied, so it is not read.
    const cwd = from === "claude-code" ? undefined : neutralCwd(value.cwd, rootSpelling);
    if (cwd === null)
      dropped.push({
        server: name,
        field: "cwd",
        reason: `"cwd" ${JSON.stringify(value.cwd)} is not a folder of the plugin`,
      });
    const runIn = cwd ?? undefined;
    // Codex runs a server without cwd in the session's folder: its relative paths are not the plugin's.
    const relativeToPlugin = from !== "codex" || value.cwd !== undefined;
    const place = (text: string) => (relativeToPlugin ? rooted(swapRoot(text), runIn) : swapRoot(text));
    const server: NeutralServer = { name, transport: "stdio", command: place(value.command) };
    const args = strings(value.args);
    if (value.args !== undefined && args === undefined)
      dropped.push({ server: name, field: "args", reason: '"args" is not a list of strings' });
    if (args && args.length > 0) server.args = args.map(place);
    const env = stringMap(value.env);
    if (value.env !== undefined && env === undefined)
      dropped.push({ server: name, field: "env", reason: '"env" is not a map of strings' });
    if (env && Object.keys(env).length > 0)
      server.env = Object.fromEntries(Object.entries(env).map(([key, text]) => [key, swapRoot(text)]));
    if (runIn !== undefined) server.cwd = runIn;
    readCodexExtras(from, value, server);
    return { server, dropped };
  }
  if (typeof value.url !== "string")
    return { dropped: [{ server: name, field: "", reason: 'has neither "command" nor "url"' }] };
  const type = typeof value.type === "string" ? value.type : undefined;
  const server: NeutralServer = { name, transport: type === "sse" ? "sse" : "http", url: value.url };
  const headerKey = from === "codex" ? "http_headers" : "headers";
  const headers = stringMap(value[headerKey]);
  for (const [header, text] of Object.entries(headers ?? {})) {
    const bearer = BEARER_VARIABLE.exec(text);
    const whole = WHOLE_VARIABLE.exec(text);
    if (from === "claude-code" && bearer && header.toLowerCase() === "authorization") server.tokenEnvVar = bearer[1]!;
    else if (from === "claude-code" && whole) server.envHeaders = { ...server.envHeaders, [header]: whole[1]! };
    else server.headers = { ...server.headers, [header]: text };
  }
  if (typeof value.bearer_token_env_var === "string") server.tokenEnvVar ??= value.bearer_token_env_var;
  const envHeaders = from === "codex" ? stringMap(value.env_http_headers) : undefined;
  if (envHeaders) server.envHeaders = { ...server.envHeaders, ...envHeaders };
  readCodexExtras(from, value, server);
  return { server, dropped };
}

function readCodexExtras(from: TargetId, value: Record<string, unknown>, server: NeutralServer): void {
  if (from !== "codex") return;
  const extras = Object.fromEntries(CODEX_EXTRA_KEYS.filter((key) => key in value).map((key) => [key, value[key]]));
  if (Object.keys(extras).length > 0) server.codexExtras = extras;
}

/** One server in `to`'s form, and what of it that form cannot hold. */
export function writeServer(
  to: TargetId,
  server: NeutralServer,
): { value: Record<string, unknown>; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  const drop = (field: string, reason: string) => dropped.push({ server: server.name, field, reason });
  if (server.codexExtras && to !== "codex")
    for (const key of Object.keys(server.codexExtras)) drop(key, `"${key}" is Codex's own setting`);
  if (server.transport === "stdio") return { value: writeStdio(to, server, drop), dropped };
  const value: Record<string, unknown> = {};
  if (to === "agent-plugins") value.type = server.transport === "sse" ? "sse" : "streamable-http";
  else if (to === "claude-code") value.type = server.transport;
  else if (server.transport === "sse") value.type = "sse";
  value.url = server.url;
  const headers: Record<string, string> = { ...server.headers };
  if (server.tokenEnvVar !== undefined) {
    if (to === "codex") value.bearer_token_env_var = server.tokenEnvVar;
    else if (to === "claude-code") headers.Authorization = `Bearer \${${server.tokenEnvVar}}`;
    else
      drop(
        "bearer_token_env_var",
        `the token from $${server.tokenEnvVar}: the standard has no way to name a credential (§9.2); its hosts ask the user or sign in`,
      );
  }
  const envHeaders = Object.entries(server.envHeaders ?? {});
  if (to === "codex" && envHeaders.length > 0) value.env_http_headers = Object.fromEntries(envHeaders);
  else if (to === "claude-code") for (const [header, variable] of envHeaders) headers[header] = `\${${variable}}`;
  else
    for (const [header, variable] of envHeaders)
      drop(`headers.${header}`, `header ${header} from $${variable}: the standard expands no environment variable`);
  if (Object.keys(headers).length > 0) value[to === "codex" ? "http_headers" : "headers"] = headers;
  if (to === "codex") Object.assign(value, server.codexExtras);
  return { value, dropped };
}

function writeStdio(
  to: TargetId,
  server: NeutralServer,
  drop: (field: string, reason: string) => void,
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  if (to === "agent-plugins") value.type = "stdio";
  const usesRoot = [server.command!, ...(server.args ?? [])].some((text) => text.startsWith(ROOT));
  // Codex expands no variable in an MCP entry, and runs a server without cwd in the session's folder: paths
  // become relative, with cwd the plugin root. The standard runs a server in the plugin root anyway.
  const relativeTo = (text: string, base: string = server.cwd ?? ROOT) => {
    if (!text.startsWith(ROOT)) return text;
    const from = base.slice(ROOT.length).split("/").filter(Boolean);
    const target = text.slice(ROOT.length).split("/").filter(Boolean);
    while (from.length > 0 && target.length > 0 && from[0] === target[0]) {
      from.shift();
      target.shift();
    }
    const path = [...from.map(() => ".."), ...target].join("/");
    return path.startsWith("..") ? path : `./${path}`;
  };
  const local = (text: string) => {
    if (to === "claude-code") return text.replaceAll(ROOT, CLAUDE_ROOT);
    return relativeTo(text);
  };
  let command = local(server.command!);
  let args = (server.args ?? []).map(local);
  // The standard's command is one executable token; a command line is split into it and its arguments.
  if (to === "agent-plugins" && /\s/.test(command.trim()) && !command.startsWith("./")) {
    const [program, ...words] = command.trim().split(/\s+/);
    command = program!;
    args = [...words, ...args];
  }
  value.command = command;
  if (args.length > 0) value.args = args;
  if (server.env) {
    const env: Record<string, string> = {};
    for (const [key, text] of Object.entries(server.env)) {
      const variables = [...text.matchAll(/\$\{([^}]*)\}/g)].map((match) => `\${${match[1]}}`);
      const unknown = variables.filter((variable) =>
        to === "agent-plugins"
          ? variable !== ROOT && variable !== DATA
          : to === "claude-code"
            ? variable === DATA
            : true,
      );
      if (unknown.length > 0) {
        drop(`env.${key}`, `env ${key} uses ${unknown[0]}, which ${targetName(to)} does not expand there`);
        continue;
      }
      env[key] = to === "claude-code" ? text.replaceAll(ROOT, CLAUDE_ROOT) : text;
    }
    if (Object.keys(env).length > 0) value.env = env;
  }
  const data = [command, ...args].find((text) => text.includes(DATA));
  if (data !== undefined && to !== "agent-plugins")
    drop("args", `${DATA} (the plugin's data folder) is the standard's; ${targetName(to)} has no such folder`);
  if (to === "claude-code") {
    if (server.cwd !== undefined)
      drop("cwd", `Claude Code ignores "cwd" (anthropics/claude-code#17565): the server would run elsewhere`);
  } else if (to === "codex") {
    if (usesRoot || server.cwd !== undefined) value.cwd = server.cwd === undefined ? "." : relativeTo(server.cwd, ROOT);
  } else if (server.cwd !== undefined) value.cwd = relativeTo(server.cwd, ROOT);
  if (to === "codex") Object.assign(value, server.codexExtras);
  return value;
}

export function targetName(target: TargetId): string {
  return target === "agent-plugins" ? "the Agent Plugins standard" : target === "codex" ? "Codex" : "Claude Code";
}
