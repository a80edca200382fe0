/** Plugin and skill names: lowercase kebab-case, as the hosts and plugin-lint expect. */
export const MAX_NAME_LENGTH = 64;

/** Up to two initials for the logo: "Release Notes" -> "RN", "Acme" -> "A". */
export function initials(displayName: string): string {
  const words = displayName.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
  return words
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join("");
}

/** The environment variable a remote MCP server's bearer token is read from: "acme-docs" -> "ACME_DOCS_TOKEN". */
export function tokenEnvVar(name: string): string {
  const upper = name.toUpperCase().replace(/-/g, "_");
  // Shell variable names cannot start with a digit.
  return /^[0-9]/.test(upper) ? `PLUGIN_${upper}_TOKEN` : `${upper}_TOKEN`;
}
