import { describe, expect, it } from "vitest";
import { firstMatch, hostOf, matchesHost, matchesName } from "./patterns.js";

describe("policy patterns", () => {
  it("matches names with * wildcards only, case-sensitively", () => {
    expect(matchesName("acme-*", "acme-triage")).toBe(true);
    expect(matchesName("acme-*", "xacme-triage")).toBe(false);
    expect(matchesName("a.c", "abc")).toBe(false);
    expect(matchesName("Notes", "notes")).toBe(false);
    expect(firstMatch(["x", "n*", "notes"], "notes")).toBe(1);
    expect(firstMatch([], "notes")).toBe(-1);
  });

  it("matches hosts: exact, any name under a domain (not the domain itself), or any", () => {
    expect(matchesHost("api.acme.dev", "API.acme.dev")).toBe(true);
    expect(matchesHost("*.acme.dev", "mcp.eu.acme.dev")).toBe(true);
    expect(matchesHost("*.acme.dev", "acme.dev")).toBe(false);
    expect(matchesHost("*.acme.dev", "evilacme.dev")).toBe(false);
    expect(matchesHost("*", "anything.example")).toBe(true);
  });

  it("reads the host a URL connects to, and none when a variable decides it", () => {
    expect(hostOf("https://user:pw@Mcp.Acme.dev:8443/mcp?x=1")).toBe("Mcp.Acme.dev");
    expect(hostOf("https://REDACTED@api.githubcopilot.com/mcp/readonly")).toBe("api.githubcopilot.com");
    expect(hostOf("https://${MCP_HOST}/mcp")).toBeUndefined();
    expect(hostOf("http://[::1]:3000/mcp")).toBe("[::1]");
  });
});
