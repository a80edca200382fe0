// A remote server's url and headers (§7.2.1): an absolute https URL (http only for loopback) without user information
// or a fragment, valid header fields named once, and a transport every client supports.
import { isRecord } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { McpFile } from "../mcp/servers.js";
import { SERVER_SKIPPED, type StandardServer } from "./mcp-file.js";

/** RFC 9110 `token`: the characters a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 `field-value`: visible ASCII, obs-text, and spaces or tabs between them, never at either end. */
const HEADER_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/** `localhost` exactly, or an IP literal in a loopback range (127.0.0.0/8, ::1). */
function isLoopback(hostname: string): boolean {
  if (hostname === "localhost") return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(hostname)) return true;
  const v6 = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return v6 === "::1" || /^::ffff:(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(v6);
}

/** Why a url breaks §7.2.1, if it does, and how to mend it. */
export function urlProblem(url: string): { problem: string; advice?: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.includes("${")
      ? { problem: "is not an absolute URL (clients expand no placeholder in url)", advice: "write the address itself" }
      : { problem: "is not an absolute http or https URL" };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return { problem: `uses "${parsed.protocol}", not http or https` };
  if (parsed.username !== "" || parsed.password !== "")
    return {
      problem: "holds user information (user:password@)",
      advice: "leave credentials to the client's authorization",
    };
  if (url.includes("#")) return { problem: "has a fragment (#...)", advice: "remove it" };
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname))
    return {
      problem: `uses http to "${parsed.hostname}", and only localhost and loopback addresses may`,
      advice: "use https",
    };
  return undefined;
}

export function checkUrl(file: McpFile, server: StandardServer, context: RuleContext): void {
  const url = server.value.url;
  if (typeof url !== "string" || url === "") return;
  const found = urlProblem(url);
  if (!found) return;
  context.report({
    ruleId: "agent-plugins/mcp-url",
    message: `server "${server.name}" url ${JSON.stringify(url)} ${found.problem} (§7.2.1); ${SERVER_SKIPPED}${found.advice ? `: ${found.advice}` : ""}`,
    file: file.path,
    at: { doc: file.doc, path: [...server.pointer, "url"] },
  });
}

export function checkHeaders(file: McpFile, server: StandardServer, context: RuleContext): void {
  const headers = server.value.headers;
  if (!isRecord(headers)) return;
  const seen = new Map<string, string>();
  const report = (message: string, name: string, part: "key" | "value") =>
    context.report({
      ruleId: "agent-plugins/mcp-headers",
      message: `server "${server.name}" ${message} (§7.2.1); ${SERVER_SKIPPED}`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "headers", name], part },
    });
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      report(
        `header name ${JSON.stringify(name)} is not a valid HTTP field name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
        name,
        "key",
      );
    } else {
      const first = seen.get(name.toLowerCase());
      if (first !== undefined)
        report(`header "${name}" repeats "${first}", since header names ignore case`, name, "key");
      else seen.set(name.toLowerCase(), name);
    }
    if (typeof value === "string" && !HEADER_VALUE.test(value))
      report(
        `header "${name}" has a value that is not a valid HTTP field value (no line breaks or control characters, no spaces at either end, no characters beyond Latin-1)`,
        name,
        "value",
      );
  }
}

export function checkSse(file: McpFile, server: StandardServer, context: RuleContext): void {
  if (server.type !== "sse") return;
  context.report({
    ruleId: "agent-plugins/mcp-sse",
    message: `server "${server.name}" uses the deprecated HTTP+SSE transport: clients need not support "sse" and skip the server when they do not (§7.2.1, §7.2.2); use "streamable-http" if the server offers it`,
    file: file.path,
    at: { doc: file.doc, path: [...server.pointer, "type"] },
  });
}
