// The drivers against the real pinned hosts, installed on demand into the cache (the first install takes a while).
// Skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or AGENT_PLUGIN_OFFLINE=1.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ensureHost } from "./ensure-host.js";
import { inspectBatch, inspectMarketplace, inspectPlugins } from "./inspect.js";
import type { BatchInventory, PluginInventory } from "./inventory.js";
import { findLosses } from "./losses.js";
import { pins } from "./pins.js";
import { catalogue } from "./probes/catalogue/index.js";
import { formatProbeData, parseProbeData } from "./probes/data.js";
import { runProbes } from "./probes/run.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";
const INSTALL_TIMEOUT = 15 * 60 * 1000;

const manifest = (name: string) => ({ name, version: "1.0.0", description: "A test plugin." });
const skill = (name: string, description?: string) =>
  `---\nname: ${name}\n${description === undefined ? "" : `description: ${description}\n`}---\n\nSteps.\n`;

/** A plugin both hosts load whole: a skill, an MCP server, a hook, and for Claude Code an agent and a command. */
function cleanPlugin(root: string): string {
  const dir = join(root, "clean");
  writeTree(dir, {
    ".codex-plugin/plugin.json": manifest("clean"),
    ".claude-plugin/plugin.json": manifest("clean"),
    "skills/summarize/SKILL.md": skill("summarize", "Summarize the changes. Use when asked for a summary."),
    ".mcp.json": { mcpServers: { "clean-docs": { command: "node", args: ["server.js"] } } },
    "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo ready" }] }] } },
    "agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews changes\n---\n\nReview.\n",
    "commands/ship.md": "---\ndescription: Ship it\n---\n\nShip.\n",
  });
  return dir;
}

/** A plugin with one clean skill and one without a description. */
function refusingPlugin(root: string): string {
  const dir = join(root, "refusing");
  writeTree(dir, {
    ".codex-plugin/plugin.json": manifest("refusing"),
    ".claude-plugin/plugin.json": manifest("refusing"),
    "skills/summarize/SKILL.md": skill("summarize", "Summarize the changes."),
    "skills/broken/SKILL.md": skill("broken"),
  });
  return dir;
}

/** A plugin whose manifests have a trailing comma. */
function rejectedPlugin(root: string): string {
  const dir = join(root, "rejected");
  const text = '{\n  "name": "rejected",\n  "version": "1.0.0",\n}\n';
  writeTree(dir, {
    ".codex-plugin/plugin.json": text,
    ".claude-plugin/plugin.json": text,
    "skills/a/SKILL.md": skill("a", "A."),
  });
  return dir;
}

function byName(inventory: BatchInventory, name: string): PluginInventory {
  const plugin = inventory.plugins.find((candidate) => candidate.name === name);
  if (plugin === undefined) throw new Error(`no inventory for ${name}`);
  return plugin;
}

/**
 * Runs one batch with the user's home, CODEX_HOME and CLAUDE_CONFIG_DIR pointed at an empty folder, and checks
 * that neither it nor the folder the throwaway home was made in has anything left afterwards.
 */
async function inspectIsolated(host: "codex" | "claude-code", version: string) {
  const root = tempDir();
  const userHome = tempDir();
  const temp = tempDir();
  vi.stubEnv("HOME", userHome);
  vi.stubEnv("CODEX_HOME", join(userHome, ".codex"));
  vi.stubEnv("CLAUDE_CONFIG_DIR", join(userHome, ".claude"));
  const plugins = [cleanPlugin(root), refusingPlugin(root), rejectedPlugin(root)];
  const inventory = await inspectPlugins({
    host,
    version,
    plugins: plugins.map((dir) => ({ name: dir.split("/").pop()!, dir })),
    tempDir: temp,
  });
  vi.unstubAllEnvs();
  expect(readdirSync(userHome)).toEqual([]);
  expect(readdirSync(temp)).toEqual([]);
  return { inventory, dirs: { clean: plugins[0]!, refusing: plugins[1]! } };
}

describe.skipIf(skipHosts)("codex 0.171.0 [host]", () => {
  beforeAll(() => ensureHost({ host: "codex", version: "0.171.0" }), INSTALL_TIMEOUT);

  it("loads a clean plugin whole, refuses a skill with Codex's message, and shows a rejected plugin's install error", async () => {
    const { inventory, dirs } = await inspectIsolated("codex", "0.171.0");
    expect(inventory.driver).toBe("codex-cli@1");
    const clean = byName(inventory, "clean");
    expect(clean).toMatchObject({
      installed: true,
      manifest: { version: "1.0.0", description: "A test plugin." },
      skills: [
        // Codex 0.171 turns a Claude Code command into a skill of its own, in the installed copy.
        {
          name: "clean:source-command-ship",
          description: "Ship it",
          path: ".codex-plugin/migrated-command-skills/source-command-ship/SKILL.md",
        },
        {
          name: "clean:summarize",
          description: "Summarize the changes. Use when asked for a summary.",
          path: "skills/summarize/SKILL.md",
        },
      ],
      refusedSkills: [],
      mcpServers: ["clean-docs"],
      hooks: [{ event: "sessionStart", type: "command", command: "echo ready" }],
    });
    expect(findLosses(dirs.clean, "codex", clean)).toEqual([]);

    const refusing = byName(inventory, "refusing");
    expect(refusing.skills.map((loaded) => loaded.path)).toEqual(["skills/summarize/SKILL.md"]);
    expect(refusing.refusedSkills).toEqual([
      { path: "skills/broken/SKILL.md", message: "missing field `description`" },
    ]);
    expect(findLosses(dirs.refusing, "codex", refusing)).toEqual([
      "skill skills/broken/SKILL.md refused: missing field `description`",
    ]);

    const rejected = byName(inventory, "rejected");
    expect(rejected.installed).toBe(false);
    expect(rejected.installError).toBe("failed to parse plugin.json: trailing comma at line 4 column 1");
    expect(rejected.skills).toEqual([]);
  }, 120_000);

  it("reports a marketplace Codex refuses to add", async () => {
    const market = tempDir();
    writeTree(market, { ".agents/plugins/marketplace.json": { name: "openai-curated", plugins: [] } });
    const inventory = await inspectMarketplace({ host: "codex", version: "0.171.0", marketplace: market });
    expect(inventory.marketplace).toMatchObject({
      added: false,
      error: "marketplace `openai-curated` is reserved and cannot be added from this source",
    });
    expect(inventory.plugins).toEqual([]);
  }, 120_000);

  it("installs a marketplace's local plugins and lists, without fetching, a remote one", async () => {
    const inventory = await inspectMarketplace({
      host: "codex",
      version: "0.171.0",
      marketplace: marketplaceWithRemote("codex"),
    });
    expect(inventory.marketplace).toMatchObject({
      added: true,
      name: "team-market",
      plugins: ["clean", "remote-plugin"],
    });
    expect(inventory.marketplace.messages).toContainEqual({
      source: "driver",
      level: "info",
      text: "remote-plugin: git source not fetched",
    });
    expect(inventory.plugins.map((plugin) => [plugin.name, plugin.installed])).toEqual([["clean", true]]);
  }, 120_000);
});

describe.skipIf(skipHosts)("inspectBatch on codex 0.171.0 [host]", () => {
  beforeAll(() => ensureHost({ host: "codex", version: "0.171.0" }), INSTALL_TIMEOUT);

  it("loads two plugins of one name and a marketplace in one home, each answered on its own", async () => {
    const root = tempDir();
    const clean = cleanPlugin(join(root, "a"));
    const twin = join(root, "b/clean");
    writeTree(twin, {
      ".codex-plugin/plugin.json": manifest("clean"),
      "skills/broken/SKILL.md": skill("broken"),
    });
    const loaded = await inspectBatch({
      host: "codex",
      version: "0.171.0",
      plugins: [
        { name: "clean", dir: clean },
        { name: "clean", dir: twin },
      ],
      marketplaces: [marketplaceWithRemote("codex")],
    });
    expect(loaded.driver).toBe("codex-cli@1");
    expect(findLosses(clean, "codex", loaded.plugins[0]!)).toEqual([]);
    expect(loaded.plugins[1]).toMatchObject({
      installed: true,
      skills: [],
      refusedSkills: [{ path: "skills/broken/SKILL.md", message: "missing field `description`" }],
    });
    expect(loaded.marketplaces[0]!.marketplace).toMatchObject({ added: true, name: "team-market" });
    expect(loaded.marketplaces[0]!.plugins.map((plugin) => [plugin.name, plugin.installed])).toEqual([["clean", true]]);
  }, 120_000);
});

/** A marketplace with a local plugin and one from a git repository (which must not be fetched). */
function marketplaceWithRemote(host: "codex" | "claude-code"): string {
  const market = tempDir();
  const local = host === "codex" ? { source: "local", path: "./plugins/clean" } : "./plugins/clean";
  const remote =
    host === "codex"
      ? { source: "url", url: "https://github.com/acme/remote-plugin.git" }
      : { source: "github", repo: "acme/remote-plugin" };
  cleanPlugin(join(market, "plugins"));
  writeTree(market, {
    [host === "codex" ? ".agents/plugins/marketplace.json" : ".claude-plugin/marketplace.json"]: {
      name: "team-market",
      owner: { name: "Team" },
      plugins: [
        { name: "clean", source: local },
        { name: "remote-plugin", source: remote },
      ],
    },
  });
  return market;
}

describe.skipIf(skipHosts)("codex 0.117.0 [host]", () => {
  beforeAll(() => ensureHost({ host: "codex", version: "0.117.0" }), INSTALL_TIMEOUT);

  it("installs through the app server, has no hooks, refuses a skill and rejects a broken manifest", async () => {
    const { inventory, dirs } = await inspectIsolated("codex", "0.117.0");
    expect(inventory.driver).toBe("codex-app-server@1");
    const clean = byName(inventory, "clean");
    expect(clean).toMatchObject({
      installed: true,
      skills: [{ name: "clean:summarize", path: "skills/summarize/SKILL.md" }],
      mcpServers: ["clean-docs"],
      hooks: [],
    });
    // 0.117 reads no hooks at all: the comparison says so.
    expect(findLosses(dirs.clean, "codex", clean)).toEqual(["hooks for SessionStart dropped"]);
    expect(byName(inventory, "refusing").refusedSkills).toEqual([
      { path: "skills/broken/SKILL.md", message: "missing field `description`" },
    ]);
    expect(byName(inventory, "rejected")).toMatchObject({
      installed: false,
      installError: "missing or invalid plugin manifest: <marketplace>/plugins/rejected/.codex-plugin/plugin.json",
    });
  }, 120_000);
});

describe.skipIf(skipHosts)("claude-code 2.1.332 [host]", () => {
  beforeAll(() => ensureHost({ host: "claude-code", version: "2.1.332" }), INSTALL_TIMEOUT);

  it("loads a clean plugin whole, keeps a skill validate calls broken, and shows a rejected plugin's install error", async () => {
    const { inventory, dirs } = await inspectIsolated("claude-code", "2.1.332");
    expect(inventory.driver).toBe("claude-code-cli@1");
    const clean = byName(inventory, "clean");
    expect(clean).toMatchObject({
      installed: true,
      manifest: { name: "clean", version: "1.0.0", description: "A test plugin." },
      skills: [{ name: "summarize" }],
      agents: ["reviewer"],
      commands: ["ship"],
      mcpServers: ["clean-docs"],
      hooks: [{ event: "SessionStart", type: "command", command: "echo ready" }],
      validation: { passed: true, errors: [] },
    });
    expect(findLosses(dirs.clean, "claude-code", clean)).toEqual([]);

    // Claude Code loads a skill without a description (it falls back to the body) and validate only warns.
    const refusing = byName(inventory, "refusing");
    expect(refusing.skills.map((loaded) => loaded.name)).toEqual(["broken", "summarize"]);
    expect(refusing.refusedSkills).toEqual([]);
    expect(refusing.validation?.warnings).toContainEqual(
      expect.objectContaining({
        path: "skills/broken/SKILL.md",
        text: expect.stringMatching(/^description: No description in frontmatter/),
      }),
    );

    const rejected = byName(inventory, "rejected");
    expect(rejected.installed).toBe(false);
    expect(rejected.installError).toMatch(
      /^Plugin temp_local_<id> has a corrupt manifest file at .*\n\nJSON parse error: /,
    );
    expect(rejected.validation?.errors[0]).toMatchObject({ path: ".claude-plugin/plugin.json", level: "error" });
  }, 180_000);

  it("installs a marketplace's local plugins and lists, without fetching, a remote one", async () => {
    const inventory = await inspectMarketplace({
      host: "claude-code",
      version: "2.1.332",
      marketplace: marketplaceWithRemote("claude-code"),
    });
    expect(inventory.marketplace).toMatchObject({
      added: true,
      name: "team-market",
      plugins: ["clean", "remote-plugin"],
    });
    expect(inventory.marketplace.messages).toContainEqual({
      source: "driver",
      level: "info",
      text: "remote-plugin: github source not fetched",
    });
    expect(inventory.plugins.map((plugin) => [plugin.name, plugin.installed])).toEqual([["clean", true]]);
  }, 180_000);
});

/** Probes whose outcome differs between the pinned hosts: rerun, they must match the committed data. */
const SAMPLE = [
  "plugin/baseline/both-manifests",
  "skill-md/length/name-65",
  "skill-md/length/description-1025",
  "skill-md/nesting/two-levels",
  "plugin-json/json-syntax/trailing-comma",
  "mcp-json/shape/bare-map",
];

for (const pin of pins) {
  describe.skipIf(skipHosts)(`the committed data of ${pin.host} ${pin.version} [host]`, () => {
    beforeAll(() => ensureHost({ host: pin.host, version: pin.version }), INSTALL_TIMEOUT);

    it("still describes the pinned host: a sample of probes gives the committed outcomes", async () => {
      const file = join(dirname(fileURLToPath(import.meta.url)), "../data", `${pin.host}-${pin.version}.json`);
      const committed = parseProbeData(readFileSync(file, "utf8"));
      const probes = catalogue.filter((probe) => SAMPLE.includes(probe.id) && probe.hosts.includes(pin.host));
      const fresh = await runProbes({ host: pin.host, version: pin.version, probes });
      const expected = Object.fromEntries(probes.map((probe) => [probe.id, committed.probes[probe.id]!]));
      expect(formatProbeData(fresh)).toBe(formatProbeData({ ...committed, probes: expected }));
    }, 180_000);
  });
}
