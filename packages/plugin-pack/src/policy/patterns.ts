/** The two kinds of pattern a policy writes: names with `*` wildcards, and host names. */

/** `acme-*` matches `acme-triage`; `*` matches any run of characters, everything else itself (case-sensitive). */
export function matchesName(pattern: string, name: string): boolean {
  const parts = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`, "s").test(name);
}

/** The index of the first pattern `name` matches, or -1. */
export function firstMatch(patterns: readonly string[], name: string): number {
  return patterns.findIndex((pattern) => matchesName(pattern, name));
}

/**
 * `api.example.com` matches only itself; `*.example.com` any name under example.com (not example.com itself, which
 * is another host); `*` any host. Host names compare without case and without a trailing dot.
 */
export function matchesHost(pattern: string, host: string): boolean {
  const wanted = pattern.toLowerCase().replace(/\.$/, "");
  const actual = host.toLowerCase().replace(/\.$/, "");
  if (wanted === "*") return true;
  if (wanted.startsWith("*.")) return actual.endsWith(wanted.slice(1)) && actual.length > wanted.length - 1;
  return actual === wanted;
}

/**
 * The host name of a URL as a host connects to it: no scheme, user info, port, path, query or fragment. Undefined
 * when the host is not written out (`https://${MCP_HOST}/mcp`): it is decided at run time, so no policy can vouch for it.
 */
export function hostOf(url: string): string | undefined {
  const rest = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "");
  const authority = rest.split(/[/?#]/, 1)[0]!.replace(/^[^@]*@/, "");
  const host = authority.startsWith("[") ? authority.slice(0, authority.indexOf("]") + 1) : authority.split(":")[0]!;
  return host === "" || /[$%{}]/.test(host) ? undefined : host;
}
