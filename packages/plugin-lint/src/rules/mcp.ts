import { basename } from "node:path";
import { checkSchema, isRecord, type JsonDocument, type PluginModel, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext, RuleFamily } from "../rule.js";
import { checkScript, commandScripts, mentionsClaudePluginRoot, replacePluginRoot } from "./scripts.js";
import { findSecrets } from "./secrets.js";
import { checkPath, hasValue } from "./shared.js";

interface McpFile {
  path: string;
  doc: JsonDocument;
}

/** One entry of the server map, wherever it sits in the file. */
interface Server {
  name: string;
  value: Record<string, unknown>;
  pointer: PointerSegment[];
}

/** How the file holds its servers: Codex's `{"mcpServers": {...}}` wrapper, or Claude Code's bare map. */
interface McpShape {
  bare: boolean;
  /** Every entry of the server map, including ones that are not objects (the schema reports those). */
  entries: [string, unknown][];
  base: PointerSegment[];
}

function mcpShape(value: unknown): McpShape {
  if (!isRecord(value) || "mcpServers" in value) {
    const map = isRecord(value) && isRecord(value.mcpServers) ? value.mcpServers : {};
    return { bare: false, entries: Object.entries(map), base: ["mcpServers"] };
  }
  const entries = Object.entries(value).filter(([key]) => key !== "$schema");
  // Only a map whose values look like servers is bare; anything else is a wrapper with a misspelt key.
  const looksLikeServer = (entry: unknown) => isRecord(entry) && ("command" in entry || "url" in entry || "type" in entry);
  return entries.some(([, entry]) => looksLikeServer(entry)) ? { bare: true, entries, base: [] } : { bare: false, entries: [], base: ["mcpServers"] };
}

function serversOf(shape: McpShape): Server[] {
  return shape.entries.flatMap(([name, value]) => (isRecord(value) ? [{ name, value, pointer: [...shape.base, name] }] : []));
}

/**
 * Validates against the wrapper schema. A bare map is validated as if wrapped, and each finding is moved back
 * to where the server really is, so a bare map gets the same per-server findings and no unknown-field pile.
 */
function reportMcpSchema(context: RuleContext, file: McpFile, shape: McpShape): void {
  const value = shape.bare ? { ...pick(file.doc.value, "$schema"), mcpServers: Object.fromEntries(shape.entries) } : file.doc.value;
  for (const issue of checkSchema("mcp", value)) {
    const inServer = issue.path[0] === "mcpServers" && issue.path.length >= 2;
    const path = shape.bare && issue.path[0] === "mcpServers" ? issue.path.slice(1) : issue.path;
    const message = shape.bare ? issue.message.replace(/"mcpServers(?:\.|(?=\[))/g, '"') : issue.message;
    const codexSchemaError = issue.ruleId.endsWith("/schema") && context.host.id === "codex";
    const consequence = !codexSchemaError ? "" : inServer ? " (Codex skips this server)" : " (Codex reads no server from this file)";
    context.report({ ruleId: issue.ruleId, message: message + consequence, file: file.path, at: { doc: file.doc, path, part: issue.part } });
  }
}

function pick(value: unknown, key: string): Record<string, unknown> {
  return isRecord(value) && key in value ? { [key]: value[key] } : {};
}

function reportWrapper(context: RuleContext, file: McpFile, shape: McpShape): void {
  const names = shape.entries.map(([name]) => name);
  const listed = names.length > 3 ? `${names.slice(0, 3).join(", ")}, ...` : names.join(", ");
  context.report({
    ruleId: "mcp/wrapper",
    message: `the file is a bare server map: Codex 0.117 reads servers only from {"mcpServers": {...}} and loads none of these (${listed}); wrap them in "mcpServers"`,
    file: file.path,
    at: { doc: file.doc, path: [] },
  });
}

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
  const [kind, codexName] = transport === "stdio" ? ['a stdio server (it has "command")', "stdio"] : ['an HTTP server (it has "url")', "streamable_http"];
  return `is ${kind}, but sets "${key}": Codex rejects it ("${key} is not supported for ${codexName}") and skips the server; remove "${key}"`;
}

function checkTransport(context: RuleContext, file: McpFile, server: Server): void {
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
    context.report({ ruleId: "mcp/transport", message, file: file.path, at: { doc: file.doc, path: [...server.pointer, key], part: "key" }, severity });
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
function checkHeaders(context: RuleContext, file: McpFile, server: Server): void {
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

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

/** The folder a server's relative paths resolve from: its `cwd` (itself relative to the plugin root), else the root. */
function serverFolder(context: RuleContext, file: McpFile, plugin: PluginModel, server: Server): string | undefined {
  const cwd = server.value.cwd;
  if (typeof cwd !== "string") return plugin.root;
  const withoutRoot = replacePluginRoot(cwd);
  // Other variables are filled in on the user's machine: nothing to check here.
  if (withoutRoot.includes("$")) return undefined;
  const resolution = checkPath(context, file, [...server.pointer, "cwd"], withoutRoot, {
    root: plugin.root,
    requireDotSlash: false,
    allowRoot: true,
    expect: "directory",
    what: `server "${server.name}" cwd`,
    consequence: `${context.host.displayName} cannot start the server`,
  });
  return resolution.ok ? resolution.absolute : undefined;
}

function checkCommand(context: RuleContext, file: McpFile, plugin: PluginModel, server: Server): void {
  const command = server.value.command;
  if (typeof command !== "string" || command === "") return;
  const from = serverFolder(context, file, plugin, server);
  if (from === undefined) return;
  const args = stringList(server.value.args) ?? [];
  const scripts = commandScripts([command, ...args], { root: plugin.root, from });
  const options = { root: plugin.root, ruleId: "mcp/command", consequence: `${context.host.displayName} cannot start the server` };
  if (scripts.program) {
    checkScript(context, file, [...server.pointer, "command"], scripts.program.script, { ...options, what: `server "${server.name}" command`, mustBeExecutable: true });
  }
  if (scripts.argument) {
    const index = scripts.argument.index - 1;
    checkScript(context, file, [...server.pointer, "args", index], scripts.argument.script, { ...options, what: `server "${server.name}" script`, mustBeExecutable: false });
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const ENV_REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

/** Why a server URL is unsafe or unusable, if it is. */
function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    // A variable is filled in on the user's machine; judge the rest of the URL.
    parsed = new URL(url.replace(ENV_REFERENCE, "x"));
  } catch {
    return url.includes("$") ? undefined : "is not a valid URL: the host cannot connect to it; write an absolute https:// URL";
  }
  const local = LOCAL_HOSTS.has(parsed.hostname) || parsed.hostname.endsWith(".localhost");
  if (parsed.protocol === "https:" || parsed.protocol === "wss:") return undefined;
  if ((parsed.protocol === "http:" || parsed.protocol === "ws:") && local) return undefined;
  if (parsed.protocol === "http:" || parsed.protocol === "ws:") {
    return `uses ${parsed.protocol}// to a remote host: tokens and tool data travel unencrypted; use https:// (plain http is fine only for localhost)`;
  }
  return `uses the scheme "${parsed.protocol}": MCP servers are reached over https://; use an https:// URL`;
}

function checkUrl(context: RuleContext, file: McpFile, server: Server): void {
  const url = server.value.url;
  if (typeof url !== "string") return;
  const problem = urlProblem(url);
  if (problem) context.report({ ruleId: "mcp/insecure-url", message: `server "${server.name}" url ${problem}`, file: file.path, at: { doc: file.doc, path: [...server.pointer, "url"] } });
}

/** A string in a server that may hold a secret. */
interface SecretPlace {
  kind: "env" | "header" | "bearer" | "url" | "arg";
  /** The key, header or flag it sits under, when there is one. */
  key?: string;
  value: string;
  path: PointerSegment[];
  label: string;
}

const SECRET_KEY = /token|secret|password|passwd|api[_-]?key|apikey|auth|credential|private[_-]?key/i;
/** Keys that mention a secret but hold something else: where it is, what kind, its public id. */
const NOT_SECRET_KEY = /(?:url|uri|endpoint|host|domain|file|path|dir|mode|type|method|scheme|provider|header|env|var|name|id|enabled|timeout|ttl|expiry|expires)$/i;
/** Values that are placeholders rather than credentials. */
const PLACEHOLDER = /^<.*>$|^\*+$|^x{6,}$|^(?:your|my)[-_ ]|changeme|placeholder|replace[-_ ]?me|dummy/i;

/** What is left of a value once environment references and an auth scheme word are taken out. */
function literalPart(value: string): string {
  return value
    .replace(ENV_REFERENCE, "")
    .replace(/^\s*(?:bearer|basic|token|bot)(?:\s+|$)/i, "")
    .trim();
}

/** A literal (not a reference, not a placeholder) long enough to be a credential, under a key that names one. */
function isLiteralSecretFor(key: string, value: string): boolean {
  if (!SECRET_KEY.test(key) || NOT_SECRET_KEY.test(key)) return false;
  const literal = literalPart(value);
  return literal.length >= 8 && !/\s/.test(literal) && !PLACEHOLDER.test(literal) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(literal);
}

/** What kind of secret a place holds, if it holds one. */
function findSecret(place: SecretPlace): string | undefined {
  // Well-known token formats are file/secret's to report, in every file; one finding per secret.
  if (findSecrets(place.value).length > 0) return undefined;
  if (place.kind === "url") return urlSecret(place.value);
  if (place.key !== undefined && isLiteralSecretFor(place.kind === "header" ? place.key : place.key.replace(/^-+/, ""), place.value)) {
    return place.kind === "header" ? `a literal "${place.key}" header` : `a literal value for "${place.key}"`;
  }
  return undefined;
}

/** A password in the URL's user info, or a credential in its query string. */
function urlSecret(url: string): string | undefined {
  const userInfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*)@/.exec(url)?.[1];
  const password = userInfo?.includes(":") ? userInfo.slice(userInfo.indexOf(":") + 1) : "";
  if (literalPart(password) !== "") return "a password in the URL";
  for (const [, rawKey, value] of url.matchAll(/[?&]([^=&#]+)=([^&#]*)/g)) {
    const key = decodeURIComponentSafe(rawKey!);
    if (key.toLowerCase() === "key" ? literalPart(value!).length >= 8 : isLiteralSecretFor(key, value!)) return `a "${key}" query parameter`;
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where the value should come from instead, in the words of each host. */
function secretHint(kind: SecretPlace["kind"]): string {
  switch (kind) {
    case "env":
      return '"${VAR}", or list the variable in "env_vars" so Codex passes it through';
    case "header":
      return 'env_http_headers / bearer_token_env_var for Codex, "${VAR}" in headers for Claude Code';
    case "bearer":
      return "bearer_token_env_var";
    case "url":
      return 'bearer_token_env_var / env_http_headers / "${VAR}"';
    case "arg":
      return '"${VAR}", or have the server read it from a variable listed in "env_vars"';
  }
}

/** Every string in a server that may hold a secret, with the key it sits under. */
function secretPlaces(server: Server): SecretPlace[] {
  const places: SecretPlace[] = [];
  const mapEntries = (field: string, kind: SecretPlace["kind"]) => {
    const map = server.value[field];
    if (!isRecord(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value === "string") places.push({ kind, key, value, path: [...server.pointer, field, key], label: `${field} "${key}"` });
    }
  };
  mapEntries("env", "env");
  mapEntries("http_headers", "header");
  mapEntries("headers", "header");
  const token = server.value.bearer_token;
  if (typeof token === "string") places.push({ kind: "bearer", key: "bearer_token", value: token, path: [...server.pointer, "bearer_token"], label: `"bearer_token"` });
  const url = server.value.url;
  if (typeof url === "string") places.push({ kind: "url", value: url, path: [...server.pointer, "url"], label: "url" });
  const args = stringList(server.value.args) ?? [];
  args.forEach((arg, index) => {
    const flag = index > 0 ? /^--?([A-Za-z][\w-]*)$/.exec(args[index - 1]!)?.[1] : undefined;
    const inline = /^--?([A-Za-z][\w-]*)=(.*)$/.exec(arg);
    const path = [...server.pointer, "args", index];
    if (inline) places.push({ kind: "arg", key: inline[1]!, value: inline[2]!, path, label: `argument "--${inline[1]!}"` });
    else if (flag !== undefined && !arg.startsWith("-")) places.push({ kind: "arg", key: flag, value: arg, path, label: `argument to "${args[index - 1]!}"` });
    else places.push({ kind: /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) ? "url" : "arg", value: arg, path, label: `args[${index}]` });
  });
  return places;
}

function checkSecrets(context: RuleContext, file: McpFile, server: Server): void {
  for (const place of secretPlaces(server)) {
    const secret = findSecret(place);
    if (!secret) continue;
    context.report({
      ruleId: "mcp/literal-secret",
      message: `server "${server.name}" ${place.label} holds a literal secret (${secret}) that ships to everyone who installs the plugin: use an environment variable reference instead (${secretHint(place.kind)}), and revoke the exposed one`,
      file: file.path,
      at: { doc: file.doc, path: place.path },
    });
  }
}

/** How a package runner names the package it downloads and runs. */
interface Runner {
  tool: string;
  ecosystem: "npm" | "python";
  /** Index in `args` where the runner's own options start. */
  start: number;
  /** Options whose value is a package to install. */
  packageFlags: ReadonlySet<string>;
  /** Options that take a value that is not a package. */
  valueFlags: ReadonlySet<string>;
}

const NPM_FLAGS = { packageFlags: new Set(["-p", "--package"]), valueFlags: new Set(["-c", "--call", "--registry", "--cache", "--userconfig", "-w", "--workspace", "--node-options"]) };
const UV_FLAGS = {
  packageFlags: new Set(["--from", "--with"]),
  valueFlags: new Set(["-p", "--python", "-i", "--index", "--index-url", "--extra-index-url", "--default-index", "--with-requirements", "--with-editable", "-c", "--constraints", "--overrides"]),
};
const PIPX_FLAGS = { packageFlags: new Set(["--spec"]), valueFlags: new Set(["--python", "--index-url", "-i", "--pip-args"]) };

function runnerOf(command: string, args: readonly string[]): Runner | undefined {
  const tool = basename(command).replace(/\.(?:cmd|exe)$/i, "");
  const npm = (start: number, name = tool): Runner => ({ tool: name, ecosystem: "npm", start, ...NPM_FLAGS });
  if (tool === "npx" || tool === "bunx") return npm(0);
  if ((tool === "pnpm" || tool === "yarn") && args[0] === "dlx") return npm(1, `${tool} dlx`);
  if (tool === "npm" && (args[0] === "exec" || args[0] === "x")) return npm(1, `npm ${args[0]}`);
  if (tool === "bun" && args[0] === "x") return npm(1, "bun x");
  if (tool === "uvx") return { tool, ecosystem: "python", start: 0, ...UV_FLAGS };
  if (tool === "uv" && args[0] === "tool" && args[1] === "run") return { tool: "uv tool run", ecosystem: "python", start: 2, ...UV_FLAGS };
  if (tool === "pipx" && args[0] === "run") return { tool: "pipx run", ecosystem: "python", start: 1, ...PIPX_FLAGS };
  return undefined;
}

/** Indexes in `args` of the package specs a runner installs. */
function packageArguments(runner: Runner, args: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = runner.start; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      if (found.length === 0 && i + 1 < args.length) found.push(i + 1);
      break;
    }
    if (!arg.startsWith("-")) {
      // After `-p pkg` / `--from pkg` the first word is the command to run, not a package.
      if (found.length === 0) found.push(i);
      break;
    }
    const flag = arg.split("=")[0]!;
    if (runner.packageFlags.has(flag)) {
      if (arg.includes("=")) found.push(i);
      else if (i + 1 < args.length) found.push(++i);
    } else if (runner.valueFlags.has(flag) && !arg.includes("=")) {
      i++;
    }
  }
  return found;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Why a package spec is not pinned to one exact version; undefined when it is pinned or not from a registry. */
function unpinnedReason(spec: string, ecosystem: Runner["ecosystem"]): string | undefined {
  if (/^[.\/~]/.test(spec) || spec.includes(":")) return undefined; // local folder, git, URL or file: spec
  if (ecosystem === "npm") {
    if (!spec.startsWith("@") && spec.includes("/")) return undefined; // GitHub shorthand
    const at = spec.indexOf("@", 1);
    const version = at > 0 ? spec.slice(at + 1) : "";
    if (EXACT_VERSION.test(version)) return undefined;
    return version === "" ? "has no version" : /^[A-Za-z]/.test(version) && version !== "x" ? `uses the tag "@${version}"` : `uses the range "${version}"`;
  }
  const bare = spec.replace(/\[[^\]]*\]/, "");
  if (/==\s*[\w.!+-]+$/.test(bare) || EXACT_VERSION.test(bare.split("@")[1] ?? "")) return undefined;
  return /[@<>=~!]/.test(bare) ? `uses "${bare.replace(/^[\w.-]+/, "")}", not one exact version` : "has no version";
}

function pinnedExample(spec: string, ecosystem: Runner["ecosystem"]): string {
  if (ecosystem === "python") return `${spec.replace(/(?<=.)(?:@|[<>=~!]).*$/, "")}==1.2.3`;
  const at = spec.indexOf("@", 1);
  return `${at > 0 ? spec.slice(0, at) : spec}@1.2.3`;
}

function checkPackages(context: RuleContext, file: McpFile, server: Server): void {
  const command = server.value.command;
  const args = stringList(server.value.args);
  if (typeof command !== "string" || !args) return;
  const runner = runnerOf(command, args);
  if (!runner) return;
  for (const index of packageArguments(runner, args)) {
    const spec = args[index]!.replace(/^--?[\w-]+=/, "");
    const reason = unpinnedReason(spec, runner.ecosystem);
    if (!reason) continue;
    context.report({
      ruleId: "mcp/unpinned-package",
      message: `server "${server.name}" runs "${spec}" through ${runner.tool}, which ${reason}: every new publish changes the code that runs on users' machines; pin an exact version, e.g. "${pinnedExample(spec, runner.ecosystem)}"`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "args", index] },
    });
  }
}

/** The server fields whose strings Claude Code expands `${CLAUDE_PLUGIN_ROOT}` in. */
function expandedStrings(server: Server): { path: PointerSegment[]; label: string; value: string }[] {
  const out: { path: PointerSegment[]; label: string; value: string }[] = [];
  for (const field of ["command", "cwd", "url"]) {
    const value = server.value[field];
    if (typeof value === "string") out.push({ path: [...server.pointer, field], label: `"${field}"`, value });
  }
  (stringList(server.value.args) ?? []).forEach((value, index) => out.push({ path: [...server.pointer, "args", index], label: `args[${index}]`, value }));
  const env = server.value.env;
  if (isRecord(env)) {
    for (const [key, value] of Object.entries(env)) if (typeof value === "string") out.push({ path: [...server.pointer, "env", key], label: `env "${key}"`, value });
  }
  return out;
}

function checkPluginRootVariable(context: RuleContext, file: McpFile, server: Server): void {
  for (const place of expandedStrings(server)) {
    if (!mentionsClaudePluginRoot(place.value)) continue;
    context.report({
      ruleId: "mcp/plugin-root-var",
      message: `server "${server.name}" ${place.label} uses \${CLAUDE_PLUGIN_ROOT}, which Codex does not expand (the server gets the literal text); for Codex use a relative path with "cwd": "." (resolved against the plugin root)`,
      file: file.path,
      at: { doc: file.doc, path: place.path },
    });
  }
}

function lintMcp(plugin: PluginModel, context: RuleContext): void {
  const file = plugin.mcp;
  if (!hasValue(file)) return;
  const shape = mcpShape(file.doc.value);
  if (shape.bare && context.host.mcpRequiresWrapper) reportWrapper(context, file, shape);
  reportMcpSchema(context, file, shape);
  for (const server of serversOf(shape)) {
    checkTransport(context, file, server);
    checkHeaders(context, file, server);
    checkCommand(context, file, plugin, server);
    checkUrl(context, file, server);
    checkSecrets(context, file, server);
    checkPackages(context, file, server);
    if (!context.host.expandsClaudePluginRoot) checkPluginRootVariable(context, file, server);
  }
}

export const mcpRules: RuleFamily = {
  rules: [
    {
      id: "mcp/wrapper",
      severity: "error",
      hosts: ["codex"],
      description: '`.mcp.json` holds its servers under `{"mcpServers": {...}}`, not as a bare server map.',
      rationale:
        'Codex 0.117 parses `.mcp.json` as `{"mcpServers": {...}}` with a serde default, so a bare server map (the shape some Claude Code plugins use) parses as an empty list: no error, and no server starts. Claude Code and later Codex versions accept both shapes; the wrapper works everywhere.',
    },
    {
      id: "mcp/schema",
      severity: "error",
      description: "Every MCP server entry has the right JSON types: strings, string lists and string maps where the hosts expect them.",
      rationale:
        "Codex deserialises each server into a typed struct (`McpServerConfig`); a server that fails to parse is skipped with `failed to parse plugin MCP server`, and a file whose `mcpServers` is not an object yields no server at all.",
    },
    {
      id: "mcp/unknown-field",
      severity: "warning",
      description: "MCP server entries use only keys Codex or Claude Code read.",
      rationale: "Both hosts ignore keys they do not know, so a misspelt key (`tool_timeout`, `bearerTokenEnvVar`) silently does nothing.",
    },
    {
      id: "mcp/transport",
      severity: "error",
      description: "Each server is either stdio (`command`) or HTTP (`url`), never both or neither, with no keys of the other transport and a matching `type`.",
      rationale:
        'Codex picks the transport from the keys: `command` makes a stdio server and `url` an HTTP one. With neither it fails with "invalid transport"; keys of the other transport fail with "{field} is not supported for stdio" (or streamable_http). Either way the server is skipped. Claude Code picks the transport from `type`, so a `type` that contradicts the keys breaks it there.',
    },
    {
      id: "mcp/headers",
      severity: "warning",
      description: "HTTP headers use the keys the target host reads: `http_headers` / `env_http_headers` / `bearer_token_env_var` for Codex, `headers` for Claude Code.",
      rationale:
        "Codex silently ignores Claude Code's `headers`, and Claude Code ignores Codex's `http_headers`, `env_http_headers` and `bearer_token_env_var`, so the server is called without its authentication and fails at run time. A server that sets both hosts' keys is written for both and passes.",
    },
    {
      id: "mcp/command",
      severity: "error",
      fixable: true,
      description: "A stdio server's local script (its `command`, or the script an interpreter like `node` runs) exists inside the plugin, and a script run directly is executable.",
      rationale:
        "The host spawns `command` with `args` from the server's `cwd` (a relative `cwd` resolves against the plugin root). A script that is missing, outside the plugin (installs copy only the plugin folder) or lacks its executable bit makes the spawn fail, and the server's tools never appear. Missing and escaping paths are reported as `path/not-found` and `path/escapes-root`; a missing executable bit is fixed with chmod.",
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
      severity: "error",
      description: "No literal tokens, passwords or API keys in `.mcp.json`: env values, headers, `bearer_token`, URLs and arguments use environment variable references.",
      rationale:
        "`.mcp.json` ships inside the plugin to every user and usually into a public repository, so a literal credential is a leaked credential. Codex reads tokens from the environment (`bearer_token_env_var`, `env_http_headers`, `env_vars`); Claude Code expands `${VAR}` in env, headers, args and URLs.",
    },
    {
      id: "mcp/unpinned-package",
      severity: "warning",
      description: "Servers started through a package runner (`npx`, `pnpm dlx`, `bunx`, `uvx`, `pipx run`) pin an exact package version.",
      rationale:
        "Without a version (or with `@latest`, `@next` or a range) the runner fetches whatever was published last each time the server starts, so a compromised or broken release runs on every user's machine without any change to the plugin. An exact version makes the plugin's behaviour reviewable.",
    },
    {
      id: "mcp/plugin-root-var",
      severity: "warning",
      hosts: ["codex"],
      description: "MCP server commands, arguments, env, `cwd` and URLs do not rely on `${CLAUDE_PLUGIN_ROOT}` when targeting Codex.",
      rationale:
        "Claude Code replaces `${CLAUDE_PLUGIN_ROOT}` with the plugin's install folder; Codex does not expand it (nor `${CODEX_PLUGIN_ROOT}`), so the server gets the literal text and usually fails to start. Codex resolves a relative `cwd` against the plugin root, so `\"cwd\": \".\"` with relative paths works there.",
    },
  ],
  plugin: lintMcp,
};
