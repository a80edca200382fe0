// mcp/transport, mcp/headers and mcp/insecure-url: how the host connects to each server.
import type { RuleContext } from "../../rule.js";
import { ENV_REFERENCE, type McpFile, type Server } from "./servers.js";

// Transports, as Codex's RawMcpServerConfig decides them: `command` makes a server stdio, else `url` makes it HTTP.
const STDIO_TYPES = new Set(["stdio"]);
const HTTP_TYPES = new Set(["http", "streamable_http", "streamable-http", "sse", "ws"]);
/** Keys Codex rejects with "{field} is not supported for stdio" / "... for streamable_http". */
const FOREIGN_KEYS = {
  stdio: ["url", "bearer_token_env_var", "bearer_token", "http_headers", "env_http_headers", "oauth_resource"],
  http: ["args", "env", "env_vars", "cwd", "bearer_token"],
} as const;

type Transport = "stdio" | "http";

function transportOf(server: Server): Transport | undefined {
  return "command" in server.value ? "stdio" : "url" in server.value ? "http" : undefined;
}

function foreignKeyProblem(transport: Transport, key: string): string {
  if (key === "url" && transport === "stdio") {
    return 'sets both "command" and "url": Codex takes it as stdio, rejects "url" and skips the server; keep exactly one transport';
  }
  if (key === "bearer_token") {
    return 'sets "bearer_token", which Codex rejects for every transport and skips the server; put the token in an environment variable named by "bearer_token_env_var"';
  }
  const [kind, codexName] =
    transport === "stdio"
      ? ['a stdio server (it has "command")', "stdio"]
      : ['an HTTP server (it has "url")', "streamable_http"];
  return `is ${kind}, but sets "${key}": Codex rejects it ("${key} is not supported for ${codexName}") and skips the server; remove "${key}"`;
}

export function checkTransport(context: RuleContext, file: McpFile, server: Server): void {
  const transport = transportOf(server);
  const where = `server "${server.name}"`;
  if (!transport) {
    context.report({
      ruleId: "mcp/transport",
      message: `${where} has neither "command" (stdio) nor "url" (HTTP): Codex rejects it ("invalid transport") and skips it; add one of them`,
      file: file.path,
      at: { doc: file.doc, path: server.pointer, part: "key" },
    });
    return;
  }
  // Codex rejects these outright; Claude Code's handling is undocumented, and the key does nothing there.
  const severity = context.host.id === "codex" ? "error" : "warning";
  for (const key of FOREIGN_KEYS[transport]) {
    if (!(key in server.value)) continue;
    const message = `${where} ${foreignKeyProblem(transport, key)}`;
    context.report({
      ruleId: "mcp/transport",
      message,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, key], part: "key" },
      severity,
    });
  }
  const type = server.value.type;
  if (typeof type !== "string" || ("command" in server.value && "url" in server.value)) return;
  const mismatch = transport === "stdio" ? HTTP_TYPES.has(type) : STDIO_TYPES.has(type);
  if (mismatch) {
    context.report({
      ruleId: "mcp/transport",
      message: `${where} has "type": "${type}" but sets "${transport === "stdio" ? "command" : "url"}" (${transport === "stdio" ? "a stdio" : "an HTTP"} server): Claude Code picks the transport from "type" and fails; make "type" match`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "type"] },
    });
  }
}

const CODEX_HEADER_KEYS = ["http_headers", "env_http_headers", "bearer_token_env_var"] as const;

/** Each host reads its own header keys. A server that sets both hosts' keys is written for both, and is fine. */
export function checkHeaders(context: RuleContext, file: McpFile, server: Server): void {
  const hasCodexKeys = CODEX_HEADER_KEYS.some((key) => key in server.value);
  const hasClaudeKeys = "headers" in server.value || "headersHelper" in server.value;
  if (context.host.id === "codex" && "headers" in server.value && !hasCodexKeys) {
    context.report({
      ruleId: "mcp/headers",
      message: `server "${server.name}": Codex ignores "headers"; use "http_headers" for fixed values, "env_http_headers" or "bearer_token_env_var" for values from environment variables`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "headers"], part: "key" },
    });
  }
  if (context.host.id === "claude-code" && hasCodexKeys && !hasClaudeKeys) {
    for (const key of CODEX_HEADER_KEYS.filter((k) => k in server.value)) {
      context.report({
        ruleId: "mcp/headers",
        message: `server "${server.name}": Claude Code does not read "${key}" (a Codex key); send the header with "headers", e.g. {"Authorization": "Bearer \${TOKEN}"}`,
        file: file.path,
        at: { doc: file.doc, path: [...server.pointer, key], part: "key" },
      });
    }
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why a server URL is unsafe or unusable, if it is. */
function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    // A variable is filled in on the user's machine; judge the rest of the URL.
    parsed = new URL(url.replace(ENV_REFERENCE, "x"));
  } catch {
    return url.includes("$")
      ? undefined
      : "is not a valid URL: the host cannot connect to it; write an absolute https:// URL";
  }
  const local = LOCAL_HOSTS.has(parsed.hostname) || parsed.hostname.endsWith(".localhost");
  if (parsed.protocol === "https:" || parsed.protocol === "wss:") return undefined;
  if ((parsed.protocol === "http:" || parsed.protocol === "ws:") && local) return undefined;
  if (parsed.protocol === "http:" || parsed.protocol === "ws:") {
    return `uses ${parsed.protocol}// to a remote host: tokens and tool data travel unencrypted; use https:// (plain http is fine only for localhost)`;
  }
  return `uses the scheme "${parsed.protocol}": MCP servers are reached over https://; use an https:// URL`;
}

export function checkUrl(context: RuleContext, file: McpFile, server: Server): void {
  const url = server.value.url;
  if (typeof url !== "string") return;
  const problem = urlProblem(url);
  if (problem)
    context.report({
      ruleId: "mcp/insecure-url",
      message: `server "${server.name}" url ${problem}`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "url"] },
    });
}
