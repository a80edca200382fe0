import { join } from "node:path";
import { loadPlugin, UsageError } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { capabilityReport } from "./capabilities.js";
import { diffCapabilities, endpointOf, failOnKinds, shouldFail } from "./diff.js";
import { renderDiff } from "./render-diff.js";
import type { CapabilityChange, CapabilityReport, DiffReport } from "./types.js";

const skill = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n`;

/** Version 1.0.0 of a plugin; each test edits a copy of these files for 1.1.0. */
const v1: Record<string, string | object> = {
  ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
  "skills/keep/SKILL.md": skill("keep", "Stays."),
  "skills/drop/SKILL.md": skill("drop", "Goes away."),
  ".mcp.json": {
    mcpServers: {
      github: { url: "https://api.githubcopilot.com/mcp/", bearer_token_env_var: "GITHUB_PAT" },
      local: { command: "node", args: ["./server.mjs"] },
    },
  },
  "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "./hooks/start.sh" }] }] } },
};

function reportOf(files: Record<string, string | object>, folder: string): CapabilityReport {
  const root = join(tempDir(), folder);
  writeTree(root, files);
  return capabilityReport(loadPlugin(root), {
    source: folder,
    kind: "folder",
    fileCount: Object.keys(files).length,
    totalBytes: 0,
  });
}

function withoutDrop(files: Record<string, string | object>): Record<string, string | object> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith("skills/drop/")));
}

const change = (
  kind: CapabilityChange["kind"],
  kind2: CapabilityChange["change"],
  name: string,
  detail?: string,
): CapabilityChange => (detail === undefined ? { kind, change: kind2, name } : { kind, change: kind2, name, detail });

describe("diffCapabilities", () => {
  it("reports a new hook, a new server and its endpoint, changed auth and a removed skill, in a stable order", () => {
    const v2 = {
      ...withoutDrop(v1),
      ".codex-plugin/plugin.json": { name: "demo", version: "1.1.0", description: "Demo." },
      ".mcp.json": {
        mcpServers: {
          github: { url: "https://api.githubcopilot.com/mcp/", oauth: { client_id: "abc", scopes: ["repo"] } },
          local: { command: "node", args: ["./server.mjs"] },
          search: { type: "http", url: "https://search.example.com/mcp" },
        },
      },
      "hooks/hooks.json": {
        hooks: {
          SessionStart: [{ hooks: [{ type: "command", command: "./hooks/start.sh" }] }],
          PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./hooks/guard.sh" }] }],
        },
      },
    };
    const report = diffCapabilities(reportOf(v1, "demo-1.0.0"), reportOf(v2, "demo-1.1.0"));
    expect(report).toEqual({
      old: { source: "demo-1.0.0", name: "demo", version: "1.0.0" },
      new: { source: "demo-1.1.0", name: "demo", version: "1.1.0" },
      changes: [
        change("skills", "removed", "drop"),
        change("servers", "added", "search", "http https://search.example.com/mcp"),
        change("endpoints", "added", "search.example.com/mcp", "server search"),
        change("hooks", "added", "PreToolUse Bash", "./hooks/guard.sh"),
        change("auth", "changed", "github", "bearer token from $GITHUB_PAT → OAuth (client id abc, scopes repo)"),
      ],
    });
    expect(renderDiff(report)).toMatchInlineSnapshot(`
      "demo 1.0.0 → 1.1.0
        old  demo-1.0.0
        new  demo-1.1.0

      - skills     drop
      + servers    search: http https://search.example.com/mcp
      + endpoints  search.example.com/mcp: server search
      + hooks      PreToolUse Bash: ./hooks/guard.sh
      ~ auth       github: bearer token from $GITHUB_PAT → OAuth (client id abc, scopes repo)

      5 capability changes: 3 added, 1 changed, 1 removed
      "
    `);
  });

  it("reports nothing between identical versions", () => {
    const report = diffCapabilities(reportOf(v1, "a"), reportOf(v1, "b"));
    expect(report.changes).toEqual([]);
    expect(renderDiff(report)).toMatchInlineSnapshot(`
      "demo 1.0.0 → 1.0.0
        old  a
        new  b

      no capability changes
      "
    `);
  });

  it("reports a moved URL as a changed server plus the endpoint gained and the one dropped", () => {
    const v2 = {
      ...v1,
      ".mcp.json": {
        mcpServers: {
          github: { url: "https://api.githubcopilot.com/mcp/readonly", bearer_token_env_var: "GITHUB_PAT" },
          local: {
            command: "node",
            args: ["./server.mjs", "--verbose"],
            env: { AWS_SECRET_ACCESS_KEY: "${AWS_SECRET_ACCESS_KEY}" },
          },
        },
      },
    };
    expect(diffCapabilities(reportOf(v1, "a"), reportOf(v2, "b")).changes).toEqual([
      change(
        "servers",
        "changed",
        "github",
        "url: https://api.githubcopilot.com/mcp/ → https://api.githubcopilot.com/mcp/readonly",
      ),
      change(
        "servers",
        "changed",
        "local",
        "runs: node ./server.mjs → node ./server.mjs --verbose; env: +AWS_SECRET_ACCESS_KEY",
      ),
      change("endpoints", "added", "api.githubcopilot.com/mcp/readonly", "server github"),
      change("endpoints", "removed", "api.githubcopilot.com/mcp/", "server github"),
    ]);
  });

  it("pairs one removed and one added hook of the same event and matcher as a changed command", () => {
    const v2 = {
      ...v1,
      "hooks/hooks.json": {
        hooks: { SessionStart: [{ hooks: [{ type: "command", command: "./hooks/start-v2.sh" }] }] },
      },
    };
    expect(diffCapabilities(reportOf(v1, "a"), reportOf(v2, "b")).changes).toEqual([
      change("hooks", "changed", "SessionStart", "./hooks/start.sh → ./hooks/start-v2.sh"),
    ]);
  });

  it("reports changed skill descriptions, apps and stdio bridges to remote endpoints", () => {
    const v2 = {
      ...v1,
      "skills/keep/SKILL.md": skill("keep", "Now does more."),
      ".app.json": { apps: { slack: { id: "connector_slack" } } },
      ".mcp.json": {
        mcpServers: {
          github: { url: "https://api.githubcopilot.com/mcp/", bearer_token_env_var: "GITHUB_PAT" },
          local: { command: "node", args: ["./server.mjs"] },
          bridge: { command: "npx", args: ["-y", "mcp-remote", "https://Remote.Example.com/sse?key=abc"] },
        },
      },
    };
    expect(diffCapabilities(reportOf(v1, "a"), reportOf(v2, "b")).changes).toEqual([
      change("skills", "changed", "keep", 'description: "Stays." → "Now does more."'),
      change("servers", "added", "bridge", "stdio npx -y mcp-remote https://Remote.Example.com/sse?key=REDACTED"),
      change("endpoints", "added", "remote.example.com/sse", "server bridge"),
      change("apps", "added", "slack", "connector_slack"),
    ]);
  });
});

describe("endpointOf", () => {
  it("keeps host and path only", () => {
    expect(endpointOf("https://user:pw@API.example.com:8443/mcp?x=1#f")).toBe("api.example.com:8443/mcp");
    expect(endpointOf("https://mcp.example.com")).toBe("mcp.example.com/");
    expect(endpointOf("https://${HOST}/mcp")).toBe("${HOST}/mcp");
  });
});

describe("--fail-on", () => {
  it("parses a comma-separated list of kinds", () => {
    expect(failOnKinds("hooks, servers,endpoints")).toEqual(new Set(["hooks", "servers", "endpoints"]));
    expect(failOnKinds("any")).toEqual(new Set(["any"]));
  });

  it("rejects an unknown word, listing the valid ones", () => {
    expect(() => failOnKinds("hooks,secrets")).toThrow(UsageError);
    expect(() => failOnKinds("hooks,secrets")).toThrow(
      'unknown --fail-on kind "secrets": use a comma-separated list of skills, servers, endpoints, hooks, apps, auth, any',
    );
    expect(() => failOnKinds(" , ")).toThrow(/--fail-on needs at least one kind/);
  });

  const diffOf = (...changes: CapabilityChange[]): DiffReport => ({
    old: { source: "a", name: "p" },
    new: { source: "b", name: "p" },
    changes,
  });
  const cases: [string, string, CapabilityChange, boolean][] = [
    ["an added hook", "hooks", change("hooks", "added", "PreToolUse"), true],
    ["an added hook, under any", "any", change("hooks", "added", "PreToolUse"), true],
    ["an added hook, when only servers fail", "servers", change("hooks", "added", "PreToolUse"), false],
    ["a changed hook command", "hooks", change("hooks", "changed", "PreToolUse"), true],
    ["a removed hook", "hooks,any", change("hooks", "removed", "PreToolUse"), false],
    ["a changed server", "servers", change("servers", "changed", "github"), true],
    ["a removed server", "any", change("servers", "removed", "github"), false],
    ["an added endpoint", "endpoints", change("endpoints", "added", "x.example.com/"), true],
    ["a removed endpoint", "endpoints", change("endpoints", "removed", "x.example.com/"), false],
    ["changed auth", "auth", change("auth", "changed", "github"), true],
    ["changed auth, when only servers fail", "servers", change("auth", "changed", "github"), false],
    ["an added skill", "skills", change("skills", "added", "s"), true],
    ["a changed skill description", "skills,any", change("skills", "changed", "s"), false],
    ["an added app", "apps", change("apps", "added", "slack"), true],
    ["a changed app id (a different connector)", "apps", change("apps", "changed", "slack"), true],
  ];
  it.each(cases)("%s, with --fail-on %s", (_label, spec, one, expected) => {
    expect(shouldFail(diffOf(one), failOnKinds(spec))).toBe(expected);
  });

  it("does not fail on an empty diff", () => {
    expect(shouldFail(diffOf(), failOnKinds("any"))).toBe(false);
  });
});
