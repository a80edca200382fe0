/**
 * What uninstalling does not take back: removing a plugin removes its files, but the accounts it connected stay
 * connected. Read from the plugin's capability report before its folder goes: each app connector (its grant lives in
 * the ChatGPT account, managed there), each remote MCP server that signs in (its token stays with the host and the
 * provider), each server that reads a token from the environment (the token stays valid).
 */
import { describeAuth, type CapabilityReport } from "../report/index.js";

export interface StillAuthorised {
  kind: "app" | "mcp-oauth" | "mcp-token";
  name: string;
  detail: string;
  revoke: string;
}

export function stillAuthorised(report: CapabilityReport): StillAuthorised[] {
  const left: StillAuthorised[] = report.apps.map((app) => ({
    kind: "app",
    name: app.key,
    detail: `app connector ${app.id}`,
    revoke:
      "bundled apps stay installed and authorised in the ChatGPT account after the plugin is removed: disconnect it there (ChatGPT settings, Apps/Connectors)",
  }));
  for (const server of report.mcpServers) {
    if (server.transport !== "http") continue;
    const where = server.url === undefined ? "" : ` at ${hostOf(server.url)}`;
    if (server.auth.kind === "oauth" || server.auth.kind === "none")
      left.push({
        kind: "mcp-oauth",
        name: server.name,
        detail: `remote MCP server ${server.url ?? ""} (${describeAuth(server.auth)})`,
        revoke: `a sign-in made through it stays valid: sign out in the host (codex mcp logout ${server.name}; in Claude Code, /mcp) and revoke the app's access in your account${where}`,
      });
    else if (server.auth.kind === "bearer-env" || server.auth.kind === "env-headers")
      left.push({
        kind: "mcp-token",
        name: server.name,
        detail: `remote MCP server ${server.url ?? ""} (${describeAuth(server.auth)})`,
        revoke: `the token stays valid: remove it from your environment and revoke it${where}`,
      });
  }
  return left;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
