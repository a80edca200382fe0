// The capability report: what a plugin can make an agent do, in data a reviewer reads before installing.
import { basename } from "node:path";
import { isRecord, toPosixRelative, type JsonFile, type PluginModel } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { CapabilityReport, McpServerCapability } from "./types.js";

export interface CapabilitySource {
  source: string;
  kind: "archive" | "folder";
  fileCount: number;
  totalBytes: number;
}

type Auth = McpServerCapability["auth"];
type AuthKind = Auth["kind"];

/** Replaces anything in a URL that can carry a credential; the report must never hold a secret. */
export const REDACTED = "REDACTED";

export function capabilityReport(plugin: PluginModel, source: CapabilitySource): CapabilityReport {
  assertReadable(plugin);
  const manifest = manifestValue(plugin);
  const report: CapabilityReport = {
    source: source.source,
    kind: source.kind,
    name: text(manifest.name) ?? basename(plugin.root),
    skills: skillsOf(plugin),
    mcpServers: serversOf(plugin, manifest),
    apps: appsOf(plugin.apps),
    hooks: hooksOf(plugin, manifest),
    assets: assetsOf(manifest),
    fileCount: source.fileCount,
    totalBytes: source.totalBytes,
  };
  const version = text(manifest.version);
  if (version !== undefined) report.version = version;
  const publisher = publisherOf(manifest);
  if (publisher !== undefined) report.publisher = publisher;
  const description = text(manifest.description);
  if (description !== undefined) report.description = collapse(description);
  return report;
}

/**
 * A capability file the host cannot parse would show up as "no servers" or "no hooks": refuse instead,
 * so a reviewer never approves a plugin on a report that silently left something out.
 */
function assertReadable(plugin: PluginModel): void {
  const files = [plugin.manifest, plugin.mcp, plugin.apps, ...plugin.hooks].filter(
    (f): f is JsonFile => f !== undefined,
  );
  for (const file of files) {
    if (file.doc.value !== undefined) continue;
    const problem = file.doc.problems.find((p) => p.kind === "syntax") ?? file.doc.problems[0];
    const where = problem ? `:${file.doc.lines.position(problem.offset).line}` : "";
    throw new PackError(
      `${relativePath(plugin, file.path)}${where} is not valid JSON (${problem?.message ?? "empty"}): cannot report what it declares; run plugin-lint for the details`,
      file.path,
    );
  }
  const unreadable = plugin.fileProblems.find(
    (p) =>
      p.path.endsWith(".json") &&
      basename(p.path) !== "package.json" &&
      !p.reason.startsWith("symlink-") &&
      p.reason !== "walk-limit",
  );
  if (unreadable)
    throw new PackError(
      `${relativePath(plugin, unreadable.path)} ${unreadable.message}: cannot report what it declares`,
      unreadable.path,
    );
}

function manifestValue(plugin: PluginModel): Record<string, unknown> {
  const value = plugin.manifest?.doc.value;
  return isRecord(value) ? value : {};
}

function publisherOf(manifest: Record<string, unknown>): string | undefined {
  const author = isRecord(manifest.author) ? text(manifest.author.name) : text(manifest.author);
  const developer = isRecord(manifest.interface) ? text(manifest.interface.developerName) : undefined;
  return author ?? developer;
}

// ---- skills ----

function skillsOf(plugin: PluginModel): CapabilityReport["skills"] {
  return plugin.skills
    .map((skill) => {
      const frontmatter = isRecord(skill.frontmatter?.value) ? skill.frontmatter.value : {};
      return {
        name: text(frontmatter.name) ?? skill.folderName,
        description: collapse(text(frontmatter.description) ?? ""),
        path: relativePath(plugin, skill.path),
      };
    })
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.path, b.path));
}

// ---- MCP servers ----

function serversOf(plugin: PluginModel, manifest: Record<string, unknown>): McpServerCapability[] {
  // Later Codex versions accept an inline server map in the manifest; the loader then skips .mcp.json.
  const inline = isRecord(manifest.mcpServers) ? serverMap(manifest.mcpServers) : {};
  const fromFile = serverMap(plugin.mcp?.doc.value);
  const servers = [...Object.entries(fromFile), ...Object.entries(inline)].flatMap(([name, value]) => {
    const server = serverCapability(name, value);
    return server ? [server] : [];
  });
  return servers.sort((a, b) => compareText(a.name, b.name));
}

/** Both shapes hosts read: the `{"mcpServers": {...}}` wrapper and a bare map of servers. */
function serverMap(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  return isRecord(value.mcpServers) ? value.mcpServers : value;
}

function serverCapability(name: string, value: unknown): McpServerCapability | undefined {
  if (!isRecord(value)) return undefined;
  const command = text(value.command);
  const url = text(value.url);
  // As Codex decides: `command` makes a server stdio, else `url` makes it remote; neither is skipped by hosts.
  if (command !== undefined) {
    // A URL argument (a bridge such as `mcp-remote https://...`) can carry a credential like any other URL.
    const args = stringList(value.args).map((arg) =>
      /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(arg) ? redactUrl(arg) : arg,
    );
    const server: McpServerCapability = { name, transport: "stdio", command, args, auth: { kind: "none" } };
    const env = envNames(value);
    if (env.length > 0) server.env = env;
    return server;
  }
  if (url !== undefined) return { name, transport: "http", url: redactUrl(url), auth: authOf(value) };
  return undefined;
}

/** Names of the variables a stdio server receives: `env` keys and Codex's pass-through `env_vars`. Never values. */
function envNames(server: Record<string, unknown>): string[] {
  const fromMap = isRecord(server.env) ? Object.keys(server.env) : [];
  const passThrough = Array.isArray(server.env_vars)
    ? server.env_vars.flatMap((entry) =>
        typeof entry === "string" ? [entry] : isRecord(entry) && typeof entry.name === "string" ? [entry.name] : [],
      )
    : [];
  return unique([...fromMap, ...passThrough]);
}

interface AuthPart {
  kind: Exclude<AuthKind, "none">;
  detail?: string;
}

/**
 * How a remote server authenticates. A server may combine mechanisms (a bearer variable plus a fixed
 * header): the first in this order names the kind, the others are appended to the detail so none is hidden.
 */
function authOf(server: Record<string, unknown>): Auth {
  const parts = [bearerEnv(server), envHeaders(server), oauth(server), staticHeaders(server)].filter(
    (p): p is AuthPart => p !== undefined,
  );
  const [primary, ...extras] = parts;
  if (!primary) return { kind: "none" };
  const details = [primary.detail, ...extras.map((extra) => `also ${describeAuth(extra)}`)].filter(
    (d): d is string => d !== undefined,
  );
  return details.length > 0 ? { kind: primary.kind, detail: details.join("; ") } : { kind: primary.kind };
}

function bearerEnv(server: Record<string, unknown>): AuthPart | undefined {
  const variable = text(server.bearer_token_env_var);
  return variable === undefined ? undefined : { kind: "bearer-env", detail: variable };
}

/** Codex's `env_http_headers` (header → variable) and Claude-style headers whose whole value is a `${VAR}` reference. */
function envHeaders(server: Record<string, unknown>): AuthPart | undefined {
  const pairs: string[] = [];
  if (isRecord(server.env_http_headers)) {
    for (const [header, variable] of Object.entries(server.env_http_headers)) {
      if (typeof variable === "string") pairs.push(`${header} from $${variable}`);
    }
  }
  for (const [header, value] of headerEntries(server)) {
    const variables = referencedVariables(value);
    if (variables.length > 0 && isOnlyReferences(value))
      pairs.push(`${header} from ${variables.map((v) => `$${v}`).join(", ")}`);
  }
  return pairs.length === 0 ? undefined : { kind: "env-headers", detail: pairs.join(", ") };
}

function oauth(server: Record<string, unknown>): AuthPart | undefined {
  if (!isRecord(server.oauth)) return undefined;
  // Only public identifiers: a client secret, if someone wrote one, stays out of the report.
  const clientId = text(server.oauth.client_id) ?? text(server.oauth.clientId);
  const scopes = scopeList(server.oauth.scopes) ?? scopeList(server.scopes);
  const details = [
    clientId === undefined ? undefined : `client id ${clientId}`,
    scopes === undefined ? undefined : `scopes ${scopes.join(" ")}`,
  ];
  const detail = details.filter((d): d is string => d !== undefined).join(", ");
  return detail === "" ? { kind: "oauth" } : { kind: "oauth", detail };
}

/** Headers with literal values (and Codex's literal `bearer_token`): only their names are reported. */
function staticHeaders(server: Record<string, unknown>): AuthPart | undefined {
  const names = headerEntries(server)
    .filter(([, value]) => !isOnlyReferences(value) || referencedVariables(value).length === 0)
    .map(([header]) => header);
  if (text(server.bearer_token) !== undefined) names.push("Authorization (bearer_token)");
  const headers = unique(names);
  return headers.length === 0 ? undefined : { kind: "static-headers", detail: headers.join(", ") };
}

/** `http_headers` (Codex) and `headers` (Claude Code), as [name, value] pairs. */
function headerEntries(server: Record<string, unknown>): [string, string][] {
  return [server.http_headers, server.headers].flatMap((map) =>
    isRecord(map)
      ? Object.entries(map).flatMap(([name, value]): [string, string][] =>
          typeof value === "string" ? [[name, value]] : [],
        )
      : [],
  );
}

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function referencedVariables(value: string): string[] {
  return unique([...value.matchAll(ENV_REFERENCE)].map((m) => (m[1] ?? m[2])!));
}

/** True when nothing secret is written literally: only references, optionally after an auth scheme word. */
function isOnlyReferences(value: string): boolean {
  return (
    value
      .replace(ENV_REFERENCE, "")
      .replace(/^\s*(?:bearer|basic|token|bot)(?:\s+|$)/i, "")
      .trim() === ""
  );
}

function scopeList(value: unknown): string[] | undefined {
  const scopes = typeof value === "string" ? value.split(/[\s,]+/) : stringList(value);
  const cleaned = scopes.filter((s) => s !== "");
  return cleaned.length === 0 ? undefined : cleaned;
}

/**
 * A URL without its user info, query values or fragment, which can hold credentials. Textual, not
 * `new URL()`: that would lowercase `${HOST}` and re-encode what the plugin wrote.
 */
export function redactUrl(url: string): string {
  const match = /^([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(url);
  if (!match) return url;
  const [, base = "", query, fragment] = match;
  const withoutUserInfo = base.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@]*@/, `$1${REDACTED}@`);
  const params = query
    ?.split("&")
    .map((param) =>
      param === "" ? "" : param.includes("=") ? `${param.slice(0, param.indexOf("="))}=${REDACTED}` : REDACTED,
    );
  return `${withoutUserInfo}${params === undefined ? "" : `?${params.join("&")}`}${fragment === undefined || fragment === "" ? "" : `#${REDACTED}`}`;
}

/** Words a reviewer reads for an auth mechanism: "bearer token from $GITHUB_MCP_PAT". */
export function describeAuth(auth: { kind: AuthKind; detail?: string }): string {
  const detail = auth.detail === undefined ? "" : auth.detail;
  switch (auth.kind) {
    case "none":
      return "none";
    case "bearer-env":
      return `bearer token from $${detail}`;
    case "env-headers":
      return `headers ${detail}`;
    case "oauth":
      return detail === "" ? "OAuth" : `OAuth (${detail})`;
    case "static-headers":
      return `fixed headers written in the plugin: ${detail}`;
  }
}

/**
 * Every auth mechanism a server uses: the kind, and the ones `authOf` appended to the detail as "also ...", so a
 * policy that forbids a mechanism finds it even behind another.
 */
export function authKinds(auth: { kind: AuthKind; detail?: string }): AuthKind[] {
  const extras = (auth.detail ?? "").split("; ").flatMap((part): AuthKind[] => {
    if (!part.startsWith("also ")) return [];
    const words = part.slice("also ".length);
    if (words.startsWith("bearer token from $")) return ["bearer-env"];
    if (words.startsWith("headers ")) return ["env-headers"];
    if (words.startsWith("OAuth")) return ["oauth"];
    if (words.startsWith("fixed headers written in the plugin")) return ["static-headers"];
    return [];
  });
  return [...new Set([auth.kind, ...extras])];
}

/** How a server starts or where it connects: "node ./server/index.mjs" or its URL. */
export function describeLaunch(server: McpServerCapability): string {
  if (server.transport === "http") return server.url ?? "";
  return [server.command ?? "", ...(server.args ?? [])].map(shellWord).join(" ");
}

function shellWord(word: string): string {
  return word === "" || /[\s"'\\$`]/.test(word) ? JSON.stringify(word) : word;
}

// ---- apps ----

function appsOf(file: JsonFile | undefined): CapabilityReport["apps"] {
  const value = file?.doc.value;
  const apps = isRecord(value) && isRecord(value.apps) ? value.apps : {};
  return Object.entries(apps)
    .flatMap(([key, app]) => {
      // Hosts skip an app without an id, so the report does too.
      const id = isRecord(app) ? text(app.id) : undefined;
      return id === undefined ? [] : [{ key, id }];
    })
    .sort((a, b) => compareText(a.key, b.key));
}

// ---- hooks ----

type Hook = CapabilityReport["hooks"][number];

function hooksOf(plugin: PluginModel, manifest: Record<string, unknown>): Hook[] {
  const fromFiles = plugin.hooks.flatMap((file) => hooksInFile(file.doc.value, relativePath(plugin, file.path)));
  // Later Codex versions also take hooks written inline in the manifest (an object or a list of them).
  const inline = isRecord(manifest.hooks)
    ? [manifest.hooks]
    : Array.isArray(manifest.hooks)
      ? manifest.hooks.filter(isRecord)
      : [];
  const manifestFile = plugin.manifest ? relativePath(plugin, plugin.manifest.path) : "";
  const fromManifest = inline.flatMap((value) => hooksInFile(value, manifestFile));
  return [...fromFiles, ...fromManifest].sort(compareHooks);
}

/** `{"hooks": {"<Event>": [{"matcher"?, "hooks": [{"type", "command"}]}]}}` flattened to one row per handler. */
function hooksInFile(value: unknown, file: string): Hook[] {
  const events = isRecord(value) && isRecord(value.hooks) ? value.hooks : {};
  return Object.entries(events).flatMap(([event, groups]) =>
    (Array.isArray(groups) ? groups.filter(isRecord) : []).flatMap((group) => {
      const matcher = text(group.matcher);
      const handlers = Array.isArray(group.hooks) ? group.hooks.filter(isRecord) : [];
      return handlers.map((handler) => {
        const hook: Hook = { event, type: text(handler.type) ?? "command", file };
        if (matcher !== undefined) hook.matcher = matcher;
        const command = text(handler.command);
        if (command !== undefined) hook.command = command;
        return hook;
      });
    }),
  );
}

function compareHooks(a: Hook, b: Hook): number {
  return (
    compareText(a.event, b.event) ||
    compareText(a.matcher ?? "", b.matcher ?? "") ||
    compareText(a.command ?? "", b.command ?? "") ||
    compareText(a.type, b.type) ||
    compareText(a.file, b.file)
  );
}

// ---- assets ----

function assetsOf(manifest: Record<string, unknown>): string[] {
  const ui = isRecord(manifest.interface) ? manifest.interface : {};
  const paths = [ui.composerIcon, ui.logo, ui.logoDark, ...(Array.isArray(ui.screenshots) ? ui.screenshots : [])];
  const strings = paths.flatMap((p) =>
    typeof p === "string" && p.trim() !== "" ? [p.trim().replace(/^\.\//, "")] : [],
  );
  return unique(strings).sort(compareText);
}

// ---- small helpers ----

/** A trimmed, non-empty string, or undefined. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function collapse(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function relativePath(plugin: PluginModel, path: string): string {
  return toPosixRelative(plugin.root, path);
}

/** Bytewise order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
