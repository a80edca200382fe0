// mcp/ignored-file across the arrangements Codex 0.171 was checked with (internal/host-fidelity/src/portable-mcp.test.ts):
// beside an Agent Plugins plugin.json it starts only mcp.json's servers.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TargetSpec } from "@agent-plugin/core";
import { lint } from "../../lint.js";

const portable = {
  $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json",
  name: "demo",
  version: "1.0.0",
  description: "Which MCP file Codex reads.",
};
const standardMcp = {
  $schema: "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json",
  mcpServers: { standard: { type: "streamable-http", url: "https://mcp.example.com/mcp" } },
};
const hostMcp = { mcpServers: { host: { url: "https://host.example.com/mcp" } } };
const codexManifest = (extra: Record<string, unknown> = {}) => ({
  name: "demo",
  version: "1.0.0",
  description: "Which MCP file Codex reads.",
  ...extra,
});

async function findings(tree: Record<string, object>, target: TargetSpec = "codex") {
  const dir = realpathSync(tempDir());
  writeTree(dir, tree);
  const report = await lint({ paths: [dir], cwd: dir, target });
  return report.diagnostics
    .filter((finding) => finding.ruleId === "mcp/ignored-file")
    .map(
      (finding) =>
        `${finding.severity} ${finding.file.slice(dir.length + 1)}:${finding.line}:${finding.column}${/ (servers? "[^;]*) never/.exec(finding.message)?.[1]?.replace(/^/, " ") ?? ""}`,
    );
}

describe("mcp/ignored-file", () => {
  it("reports .mcp.json beside a portable plugin.json with no mcp.json: Codex starts none of its servers", async () => {
    expect(await findings({ "plugin.json": portable, ".mcp.json": hostMcp })).toEqual(["error .mcp.json:1:1"]);
  });

  it("reports the servers the Codex manifest's mcpServers names that mcp.json does not have", async () => {
    const pointer = {
      "plugin.json": portable,
      ".codex-plugin/plugin.json": codexManifest({ mcpServers: "./.mcp.json" }),
      ".mcp.json": hostMcp,
    };
    expect(await findings(pointer)).toEqual(['error .codex-plugin/plugin.json:5:17 server "host"']);
    expect(await findings({ ...pointer, "mcp.json": standardMcp })).toEqual([
      'error .codex-plugin/plugin.json:5:17 server "host"',
    ]);
    const inline = codexManifest({
      mcpServers: { a: { url: "https://a.example.com" }, standard: { url: "https://s" } },
    });
    expect(await findings({ ...pointer, ".codex-plugin/plugin.json": inline, "mcp.json": standardMcp })).toEqual([
      'error .codex-plugin/plugin.json:5:17 server "a"',
    ]);
  });

  it("leaves the field alone when mcp.json has the same servers (create writes both forms), or when it names mcp.json", async () => {
    const both = {
      "plugin.json": portable,
      ".codex-plugin/plugin.json": codexManifest({ mcpServers: "./.mcp.json" }),
      ".mcp.json": { mcpServers: { standard: { url: "https://mcp.example.com/mcp" } } },
      "mcp.json": standardMcp,
    };
    expect(await findings(both)).toEqual([]);
    expect(
      await findings({ ...both, ".codex-plugin/plugin.json": codexManifest({ mcpServers: "./mcp.json" }) }),
    ).toEqual([]);
  });

  it("leaves .mcp.json beside mcp.json alone (Claude Code reads it), and plugins without the standard's manifest", async () => {
    expect(
      await findings({
        "plugin.json": portable,
        ".codex-plugin/plugin.json": codexManifest(),
        "mcp.json": standardMcp,
        ".mcp.json": hostMcp,
      }),
    ).toEqual([]);
    expect(await findings({ ".codex-plugin/plugin.json": codexManifest(), ".mcp.json": hostMcp })).toEqual([]);
  });

  it("is Codex 0.171's: Codex 0.117 and Claude Code read .mcp.json there", async () => {
    const tree = { "plugin.json": portable, ".mcp.json": hostMcp };
    expect(await findings(tree, "codex@0.117")).toEqual([]);
  });
});
