// mcp/literal-secret: credentials written into `.mcp.json` instead of referenced from the environment.
import { isRecord, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { ENV_REFERENCE, stringList, type McpFile, type Server } from "./servers.js";
import { findSecrets } from "../file/secrets.js";
import { decodeURIComponentSafe, isUrl } from "../shared/text.js";

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
const NOT_SECRET_KEY =
  /(?:url|uri|endpoint|host|domain|file|path|dir|mode|type|method|scheme|provider|header|env|var|name|id|enabled|timeout|ttl|expiry|expires)$/i;
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
  return literal.length >= 8 && !/\s/.test(literal) && !PLACEHOLDER.test(literal) && !isUrl(literal);
}

/** What kind of secret a place holds, if it holds one. */
function findSecret(place: SecretPlace): string | undefined {
  // Well-known token formats are file/secret's to report, in every file; one finding per secret.
  if (findSecrets(place.value).length > 0) return undefined;
  if (place.kind === "url") return urlSecret(place.value);
  if (
    place.key !== undefined &&
    isLiteralSecretFor(place.kind === "header" ? place.key : place.key.replace(/^-+/, ""), place.value)
  ) {
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
    if (key.toLowerCase() === "key" ? literalPart(value!).length >= 8 : isLiteralSecretFor(key, value!))
      return `a "${key}" query parameter`;
  }
  return undefined;
}

/** Where the value should come from instead, in the words of each host (the standard has no secret mechanism). */
function secretHint(kind: SecretPlace["kind"], standard: boolean): string {
  if (standard)
    return "Agent Plugins has no portable secret mechanism: leave credentials to the client's authorization, or have the server read them from the user's own configuration";
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
      if (typeof value === "string")
        places.push({ kind, key, value, path: [...server.pointer, field, key], label: `${field} "${key}"` });
    }
  };
  mapEntries("env", "env");
  mapEntries("http_headers", "header");
  mapEntries("headers", "header");
  const token = server.value.bearer_token;
  if (typeof token === "string")
    places.push({
      kind: "bearer",
      key: "bearer_token",
      value: token,
      path: [...server.pointer, "bearer_token"],
      label: `"bearer_token"`,
    });
  const url = server.value.url;
  if (typeof url === "string") places.push({ kind: "url", value: url, path: [...server.pointer, "url"], label: "url" });
  const args = stringList(server.value.args) ?? [];
  args.forEach((arg, index) => {
    const flag = index > 0 ? /^--?([A-Za-z][\w-]*)$/.exec(args[index - 1]!)?.[1] : undefined;
    const inline = /^--?([A-Za-z][\w-]*)=(.*)$/.exec(arg);
    const path = [...server.pointer, "args", index];
    if (inline)
      places.push({ kind: "arg", key: inline[1]!, value: inline[2]!, path, label: `argument "--${inline[1]!}"` });
    else if (flag !== undefined && !arg.startsWith("-"))
      places.push({ kind: "arg", key: flag, value: arg, path, label: `argument to "${args[index - 1]!}"` });
    else places.push({ kind: isUrl(arg) ? "url" : "arg", value: arg, path, label: `args[${index}]` });
  });
  return places;
}

export function checkSecrets(context: RuleContext, file: McpFile, server: Server): void {
  const standard = context.host.layout === "agent-plugins";
  for (const place of secretPlaces(server)) {
    const secret = findSecret(place);
    if (!secret) continue;
    context.report({
      ruleId: "mcp/literal-secret",
      message: standard
        ? `server "${server.name}" ${place.label} holds a literal secret (${secret}) that ships to everyone who installs the plugin, and plugins must not embed credentials in env or headers (§7.2.1, §9.2): ${secretHint(place.kind, true)}; revoke the exposed one`
        : `server "${server.name}" ${place.label} holds a literal secret (${secret}) that ships to everyone who installs the plugin: use an environment variable reference instead (${secretHint(place.kind, false)}), and revoke the exposed one`,
      file: file.path,
      at: { doc: file.doc, path: place.path },
    });
  }
}
