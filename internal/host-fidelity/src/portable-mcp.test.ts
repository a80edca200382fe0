// Which MCP file Codex 0.171 reads beside an Agent Plugins plugin.json: plugin-lint's load table names the same
// servers as the real host for each arrangement of plugin.json, .codex-plugin/plugin.json, mcp.json and .mcp.json.
// Skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
import { inspectPlugins } from "@agent-plugin/hosts";
import { lint } from "@agent-plugin/plugin-lint";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";

const portable = (name: string) => ({
  $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json",
  name,
  version: "1.0.0",
  description: "Which MCP file Codex reads.",
});
const codexManifest = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  version: "1.0.0",
  description: "Which MCP file Codex reads.",
  ...extra,
});
const standardMcp = {
  $schema: "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json",
  mcpServers: { standard: { type: "streamable-http", url: "https://mcp.example.com/mcp" } },
};
const hostMcp = { mcpServers: { host: { url: "https://host.example.com/mcp" } } };
const skill =
  "---\nname: hello\ndescription: Says hello. Use when the user asks for a greeting.\n---\n\nGreet the user.\n";

/** Each arrangement, by plugin name. */
const arrangements: Record<string, (name: string) => Record<string, object | string>> = {
  "mcp-portable-only": (name) => ({ "plugin.json": portable(name), "mcp.json": standardMcp }),
  "mcp-with-codex-manifest": (name) => ({
    "plugin.json": portable(name),
    ".codex-plugin/plugin.json": codexManifest(name),
    "mcp.json": standardMcp,
    ".mcp.json": hostMcp,
  }),
  "mcp-codex-points-at-host-file": (name) => ({
    "plugin.json": portable(name),
    ".codex-plugin/plugin.json": codexManifest(name, { mcpServers: "./.mcp.json" }),
    "mcp.json": standardMcp,
    ".mcp.json": hostMcp,
  }),
  "mcp-host-file-only": (name) => ({ "plugin.json": portable(name), ".mcp.json": hostMcp }),
  "mcp-no-portable-manifest": (name) => ({
    ".codex-plugin/plugin.json": codexManifest(name),
    "mcp.json": standardMcp,
    ".mcp.json": hostMcp,
  }),
};

describe.skipIf(skipHosts)(
  "Codex 0.171 and plugin-lint agree on the MCP servers beside plugin.json [host] [slow]",
  () => {
    it("every arrangement: the servers the load table marks loaded are the ones Codex keeps", {
      timeout: 300_000,
    }, async () => {
      const work = realpathSync(tempDir());
      const dirs = Object.entries(arrangements).map(([name, files]) => {
        const dir = join(work, name);
        writeTree(dir, { ...files(name), "skills/hello/SKILL.md": skill });
        return dir;
      });
      const inventory = await inspectPlugins({
        host: "codex",
        version: "0.171.0",
        plugins: dirs.map((dir) => ({ name: dir.split("/").pop()!, dir })),
      });
      const host: Record<string, string[]> = {};
      const ours: Record<string, string[]> = {};
      for (const dir of dirs) {
        const name = dir.split("/").pop()!;
        host[name] = [...(inventory.plugins.find((plugin) => plugin.name === name)?.mcpServers ?? ["(no answer)"])];
        const report = await lint({
          paths: [dir],
          cwd: dir,
          target: "codex@0.171.0",
          config: { rules: {}, ignores: [], baseDir: dir },
        });
        ours[name] = report.plugins![0]!.targets[0]!.servers.filter((s) => s.loaded).map((s) => s.name);
      }
      expect(ours).toEqual(host);
      // What the host did, so that a new release that changes it fails here rather than silently.
      expect(host).toEqual({
        "mcp-portable-only": ["standard"],
        "mcp-with-codex-manifest": ["standard"],
        "mcp-codex-points-at-host-file": ["standard"],
        "mcp-host-file-only": [],
        "mcp-no-portable-manifest": ["host"],
      });
    });
  },
);
