import { join } from "node:path";
import { loadPlugin, type PluginModel } from "@agent-plugin/core";
import { repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { capabilityReport, redactUrl, type CapabilitySource } from "./capabilities.js";
import { PackError } from "../errors.js";

const source: CapabilitySource = { source: "demo", kind: "folder", fileCount: 3, totalBytes: 1234 };
const manifest = { name: "demo", version: "1.0.0", description: "A demo plugin." };

function pluginWith(files: Record<string, string | object>, folder = "demo"): PluginModel {
  const root = join(tempDir(), folder);
  writeTree(root, { ".codex-plugin/plugin.json": manifest, ...files });
  return loadPlugin(root);
}

function serversOf(files: Record<string, string | object>) {
  return capabilityReport(pluginWith(files), source).mcpServers;
}

describe("capabilityReport over the examples", () => {
  it("repo-insights: a local stdio server and GitHub's remote server behind a bearer token variable", () => {
    const report = capabilityReport(loadPlugin(join(repoRoot, "examples/repo-insights")), source);
    expect(report).toMatchObject({
      name: "repo-insights",
      version: "0.3.0",
      publisher: "agent-plugin contributors",
      kind: "folder",
      fileCount: 3,
      totalBytes: 1234,
    });
    expect(report.description).toMatch(/^Measure a codebase locally/);
    expect(report.skills).toEqual([
      {
        name: "repo-health-report",
        description: expect.stringMatching(/^Write a short repository health report/),
        path: "skills/repo-health-report/SKILL.md",
      },
    ]);
    expect(report.mcpServers).toEqual([
      {
        name: "github",
        transport: "http",
        url: "https://api.githubcopilot.com/mcp/readonly",
        auth: { kind: "bearer-env", detail: "GITHUB_MCP_PAT" },
      },
      {
        name: "repo-insights",
        transport: "stdio",
        command: "node",
        args: ["./server/index.mjs"],
        auth: { kind: "none" },
      },
    ]);
    expect(report.hooks).toEqual([]);
    expect(report.apps).toEqual([]);
    expect(report.assets).toEqual(["assets/icon.svg", "assets/logo.png", "assets/screenshot.png"]);
  });

  it("issue-triage: a GitHub connector and two command hooks, no servers", () => {
    const report = capabilityReport(loadPlugin(join(repoRoot, "examples/issue-triage")), source);
    expect(report).toMatchObject({ name: "issue-triage", version: "0.2.1", mcpServers: [] });
    expect(report.apps).toEqual([{ key: "github", id: "connector_76869538009648d5b282a4bb21c3d157" }]);
    expect(report.hooks).toEqual([
      {
        event: "PreToolUse",
        matcher: "Bash",
        type: "command",
        command: '"${PLUGIN_ROOT}/hooks/guard-destructive-gh.sh"',
        file: "hooks/hooks.json",
      },
      {
        event: "SessionStart",
        matcher: "startup|resume",
        type: "command",
        command: '"${PLUGIN_ROOT}/hooks/session-context.sh"',
        file: "hooks/hooks.json",
      },
    ]);
    expect(report.skills.map((s) => s.name)).toEqual(["triage-issue"]);
  });
});

describe("MCP server auth", () => {
  const secrets = [
    "sk-live-env-value-123",
    "literal-header-secret-456",
    "literal-claude-secret",
    "url-secret-789",
    "url-password",
    "url-user",
    "oauth-secret-000",
    "bearer-literal-secret",
  ];
  const leaky = {
    ".mcp.json": {
      mcpServers: {
        local: {
          command: "node",
          args: ["server.mjs"],
          env: { API_TOKEN: "sk-live-env-value-123", REGION: "${REGION}" },
          env_vars: ["PASSTHROUGH"],
        },
        codexHeaders: { url: "https://a.example.com/mcp", http_headers: { "X-Api-Key": "literal-header-secret-456" } },
        claudeHeaders: {
          type: "http",
          url: "https://b.example.com/mcp",
          headers: { Authorization: "Bearer literal-claude-secret" },
        },
        inUrl: { url: "https://url-user:url-password@c.example.com/mcp?token=url-secret-789&team=x" },
        oauth: {
          url: "https://d.example.com/mcp",
          oauth: { client_id: "public-client", client_secret: "oauth-secret-000", scopes: ["repo", "read:org"] },
        },
        literalBearer: { url: "https://e.example.com/mcp", bearer_token: "bearer-literal-secret" },
      },
    },
  };

  it("never puts an env value, header value, URL credential or OAuth secret in the report", () => {
    const json = JSON.stringify(capabilityReport(pluginWith(leaky), source));
    for (const secret of secrets) expect(json).not.toContain(secret);
  });

  it("reports names only: env variables, literal header names, public OAuth identifiers", () => {
    expect(serversOf(leaky)).toEqual([
      {
        name: "claudeHeaders",
        transport: "http",
        url: "https://b.example.com/mcp",
        auth: { kind: "static-headers", detail: "Authorization" },
      },
      {
        name: "codexHeaders",
        transport: "http",
        url: "https://a.example.com/mcp",
        auth: { kind: "static-headers", detail: "X-Api-Key" },
      },
      {
        name: "inUrl",
        transport: "http",
        url: "https://REDACTED@c.example.com/mcp?token=REDACTED&team=REDACTED",
        auth: { kind: "none" },
      },
      {
        name: "literalBearer",
        transport: "http",
        url: "https://e.example.com/mcp",
        auth: { kind: "static-headers", detail: "Authorization (bearer_token)" },
      },
      {
        name: "local",
        transport: "stdio",
        command: "node",
        args: ["server.mjs"],
        env: ["API_TOKEN", "REGION", "PASSTHROUGH"],
        auth: { kind: "none" },
      },
      {
        name: "oauth",
        transport: "http",
        url: "https://d.example.com/mcp",
        auth: { kind: "oauth", detail: "client id public-client, scopes repo read:org" },
      },
    ]);
  });

  it("tells environment-sourced headers from literal ones, in both hosts' spellings", () => {
    const servers = serversOf({
      ".mcp.json": {
        // A bare server map, as Claude Code plugins write it.
        codex: { url: "https://a.example.com/mcp", env_http_headers: { "X-Api-Key": "ACME_KEY" } },
        claude: { type: "http", url: "https://b.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_PAT}" } },
        mixed: {
          url: "https://c.example.com/mcp",
          bearer_token_env_var: "TOKEN",
          http_headers: { "X-Client": "codex" },
        },
        claudeOauth: { type: "http", url: "https://d.example.com/mcp", oauth: { clientId: "abc", callbackPort: 8080 } },
        sse: { type: "sse", url: "https://e.example.com/sse" },
        broken: { type: "stdio" },
      },
    });
    expect(servers.map((s) => [s.name, s.auth])).toEqual([
      ["claude", { kind: "env-headers", detail: "Authorization from $GITHUB_PAT" }],
      ["claudeOauth", { kind: "oauth", detail: "client id abc" }],
      ["codex", { kind: "env-headers", detail: "X-Api-Key from $ACME_KEY" }],
      ["mixed", { kind: "bearer-env", detail: "TOKEN; also fixed headers written in the plugin: X-Client" }],
      ["sse", { kind: "none" }],
    ]);
  });

  it("reads servers written inline in the manifest", () => {
    const plugin = pluginWith({
      ".codex-plugin/plugin.json": { ...manifest, mcpServers: { inline: { url: "https://inline.example.com/mcp" } } },
    });
    expect(capabilityReport(plugin, source).mcpServers).toEqual([
      { name: "inline", transport: "http", url: "https://inline.example.com/mcp", auth: { kind: "none" } },
    ]);
  });

  it("redacts URLs only where they can carry a credential", () => {
    expect(redactUrl("https://mcp.example.com")).toBe("https://mcp.example.com");
    expect(redactUrl("https://mcp.example.com/sse?key=abc")).toBe("https://mcp.example.com/sse?key=REDACTED");
    expect(redactUrl("https://${HOST}/mcp?key=abc&flag")).toBe("https://${HOST}/mcp?key=REDACTED&REDACTED");
    expect(redactUrl("https://u:p@Mcp.Example.com/x#access_token=abc")).toBe(
      "https://REDACTED@Mcp.Example.com/x#REDACTED",
    );
  });
});

describe("identity, skills, hooks and assets", () => {
  it("falls back to the folder name and the interface's developer; collapses descriptions", () => {
    const plugin = pluginWith(
      {
        ".codex-plugin/plugin.json": {
          description: "  Two\n  lines ",
          interface: { developerName: "Acme", logoDark: "./assets/dark.png", screenshots: ["./b.png", "./a.png"] },
        },
        "skills/from-folder/SKILL.md": "---\ndescription: |\n  Does a thing.\n  Then another.\n---\nBody\n",
        "skills/named/SKILL.md": "---\nname: zeta\ndescription: Last.\n---\n",
      },
      "folder-name",
    );
    const report = capabilityReport(plugin, source);
    expect(report).toMatchObject({
      name: "folder-name",
      publisher: "Acme",
      description: "Two lines",
      assets: ["a.png", "assets/dark.png", "b.png"],
    });
    expect(report.version).toBeUndefined();
    expect(report.skills).toEqual([
      { name: "from-folder", description: "Does a thing. Then another.", path: "skills/from-folder/SKILL.md" },
      { name: "zeta", description: "Last.", path: "skills/named/SKILL.md" },
    ]);
  });

  it("lists every hook handler of every hooks file, including prompt hooks and inline manifest hooks", () => {
    const plugin = pluginWith({
      ".codex-plugin/plugin.json": {
        ...manifest,
        hooks: { hooks: { Stop: [{ hooks: [{ type: "command", command: "./stop.sh" }] }] } },
      },
      "hooks/hooks.json": {
        hooks: {
          PostToolUse: [
            {
              matcher: "Edit|Write",
              hooks: [
                { type: "command", command: "./fmt.sh" },
                { type: "prompt", prompt: "Check it" },
              ],
            },
          ],
        },
      },
    });
    expect(capabilityReport(plugin, source).hooks).toEqual([
      { event: "PostToolUse", matcher: "Edit|Write", type: "prompt", file: "hooks/hooks.json" },
      { event: "PostToolUse", matcher: "Edit|Write", type: "command", command: "./fmt.sh", file: "hooks/hooks.json" },
      { event: "Stop", type: "command", command: "./stop.sh", file: ".codex-plugin/plugin.json" },
    ]);
  });

  it("refuses a capability file it cannot parse instead of reporting nothing in it", () => {
    const plugin = pluginWith({ ".mcp.json": '{ "mcpServers": { "x": { "command": "node" } }\n' });
    expect(() => capabilityReport(plugin, source)).toThrow(PackError);
    expect(() => capabilityReport(plugin, source)).toThrow(/^\.mcp\.json:\d+ is not valid JSON/);
  });
});
