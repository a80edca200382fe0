/**
 * The Agent Plugins layout (root plugin.json with the standard's $schema, skills/, mcp.json) through pack, verify,
 * inspect, diff, install and version: real folders, real archives, a real marketplace.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { pack } from "../pack/index.js";
import { diff, inspect } from "../report/index.js";
import { readWorkspace, syncVersions } from "../release/index.js";
import { generateSigningKey, loadTrust, verifyArchive } from "../signing/index.js";
import { install } from "./install.js";

const PLUGIN_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json";
const MCP_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json";
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, any>;

/** A portable plugin with a local stdio server in plain Node (no dependencies), and optionally Codex's manifest. */
function portablePlugin(dir: string, version: string, extra: Record<string, string | object> = {}): string {
  writeTree(dir, {
    "plugin.json": { $schema: PLUGIN_SCHEMA, name: "demo", version, description: "Says hello." },
    "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
    "mcp.json": {
      $schema: MCP_SCHEMA,
      mcpServers: { greeter: { type: "stdio", command: "node", args: ["./server/index.mjs"] } },
    },
    "server/index.mjs": 'import { hello } from "./hello.mjs";\nprocess.stdout.write(hello());\n',
    "server/hello.mjs": 'export const hello = () => "hello from the bundle";\n',
    ...extra,
  });
  return dir;
}

describe("the Agent Plugins layout in plugin-pack", () => {
  it("packs with the version of root plugin.json, bundles the server mcp.json starts, and verifies", async () => {
    const work = tempDir();
    const dir = portablePlugin(join(work, "demo"), "1.2.0");
    const packed = await pack({ cwd: work, dir, outDir: join(work, "dist") });
    expect(packed).toMatchObject({ plugin: { name: "demo", version: "1.2.0" }, fileName: "demo-1.2.0.zip" });
    expect(packed.lint).toEqual({ errorCount: 0, warningCount: 0 });
    expect(packed.bundles).toEqual([
      { server: "greeter", entry: "server/index.mjs", output: ".plugin-pack/bundles/greeter.mjs" },
    ]);
    expect(await verifyArchive(packed.archive, { trust: [], allowUnsigned: true })).toMatchObject({
      ok: true,
      plugin: { name: "demo", version: "1.2.0" },
    });

    // The packed mcp.json starts the bundle the standard's way: no cwd needed (a server runs in the plugin root).
    const out = join(work, "out");
    execFileSync("unzip", ["-q", packed.archive, "-d", out]);
    expect(readJson(join(out, "mcp.json")).mcpServers.greeter).toEqual({
      type: "stdio",
      command: "node",
      args: ["./.plugin-pack/bundles/greeter.mjs"],
    });
    expect(existsSync(join(out, "server"))).toBe(false);
    expect(execFileSync("node", ["./.plugin-pack/bundles/greeter.mjs"], { cwd: out, encoding: "utf8" })).toBe(
      "hello from the bundle",
    );
  });

  it("writes a cwd in the standard's form when the server ran in a subfolder", async () => {
    const work = tempDir();
    const dir = portablePlugin(join(work, "demo"), "1.0.0", {
      "mcp.json": {
        $schema: MCP_SCHEMA,
        mcpServers: { greeter: { type: "stdio", command: "node", args: ["index.mjs"], cwd: "./server" } },
      },
    });
    const packed = await pack({ cwd: work, dir, outDir: join(work, "dist"), lint: false });
    const out = join(work, "out");
    execFileSync("unzip", ["-q", packed.archive, "-d", out]);
    expect(readJson(join(out, "mcp.json")).mcpServers.greeter).toMatchObject({
      args: ["./.plugin-pack/bundles/greeter.mjs"],
      cwd: "./",
    });
  });

  it("inspects and diffs a folder and its archive, listing mcp.json's servers beside Codex's", async () => {
    const work = tempDir();
    const dir = portablePlugin(join(work, "demo"), "1.0.0", {
      ".codex-plugin/plugin.json": {
        name: "demo",
        version: "1.0.0",
        description: "Says hello.",
        interface: { displayName: "Demo", category: "Developer Tools" },
      },
      ".mcp.json": { mcpServers: { docs: { url: "https://mcp.example.com/mcp" } } },
    });
    const report = await inspect("demo", { cwd: work });
    expect(report).toMatchObject({ name: "demo", version: "1.0.0", skills: [{ name: "hello" }] });
    expect(report.mcpServers.map((server) => [server.name, server.transport])).toEqual([
      ["docs", "http"],
      ["greeter", "stdio"],
    ]);
    const packed = await pack({ cwd: work, dir, outDir: join(work, "dist"), lint: false });
    const archived = await inspect(packed.archive, { cwd: work });
    expect(archived.mcpServers.find((server) => server.name === "greeter")).toMatchObject({
      command: "node",
      args: ["./.plugin-pack/bundles/greeter.mjs"],
    });

    // A new version adds a server to mcp.json alone: diff names it.
    const next = portablePlugin(join(work, "next"), "1.1.0", {
      "mcp.json": {
        $schema: MCP_SCHEMA,
        mcpServers: {
          greeter: { type: "stdio", command: "node", args: ["./server/index.mjs"] },
          search: { type: "streamable-http", url: "https://search.example.com/mcp" },
        },
      },
    });
    const changes = await diff(packed.archive, next, { cwd: work });
    expect(
      changes.changes.filter((change) => change.kind === "servers" && change.change === "added").map((c) => c.name),
    ).toEqual(["search"]);
  });

  it("installs a portable archive into a Codex marketplace, and upgrades it by plugin.json's version", async () => {
    const work = tempDir();
    const root = join(work, "team");
    mkdirSync(root);
    const key = generateSigningKey();
    const trust = loadTrust([key.publicKey], { cwd: work });
    const archive = async (version: string) =>
      (
        await pack({
          cwd: work,
          dir: portablePlugin(join(work, `demo-${version}`), version),
          outDir: join(work, "dist"),
          env: { KEY: key.privateKeyPem },
          sign: "env:KEY",
        })
      ).archive;
    const first = await install(await archive("1.0.0"), { trust, cwd: work, marketplace: root });
    expect(first).toMatchObject({ plugin: { name: "demo", version: "1.0.0" }, folder: { action: "created" } });
    expect(readJson(join(root, "plugins/demo/plugin.json")).$schema).toBe(PLUGIN_SCHEMA);
    expect(readJson(join(root, ".agents/plugins/marketplace.json")).plugins).toEqual([
      {
        name: "demo",
        source: { source: "local", path: "./plugins/demo" },
        policy: { installation: "AVAILABLE", authentication: "ON_USE" },
        category: "Productivity",
      },
    ]);
    const second = await install(await archive("1.1.0"), { trust, cwd: work, marketplace: root });
    expect(second).toMatchObject({ folder: { action: "replaced", from: "1.0.0", to: "1.1.0" } });
    expect(readJson(join(root, "plugins/demo/plugin.json")).version).toBe("1.1.0");
  });

  it("refuses to install a plugin.json of an Agent Plugins version Codex does not know, and changes nothing", async () => {
    const work = tempDir();
    const root = join(work, "team");
    mkdirSync(root);
    const dir = portablePlugin(join(work, "demo"), "1.0.0");
    const manifest = readJson(join(dir, "plugin.json"));
    writeFileSync(
      join(dir, "plugin.json"),
      JSON.stringify({ ...manifest, $schema: "https://agent-plugins.org/schemas/9.0.0/plugin.schema.json" }),
    );
    const packed = await pack({ cwd: work, dir, outDir: join(work, "dist"), lint: false });
    await expect(
      install(packed.archive, { trust: [], allowUnsigned: true, cwd: work, marketplace: root }),
    ).rejects.toThrow(/not an Agent Plugins version Codex knows \(1\.0\.0\), so Codex refuses the plugin/);
    expect(readdirSync(root)).toEqual([]);
  });

  it("version moves root plugin.json, and the host manifests that carry a version, to package.json's", () => {
    const root = tempDir();
    portablePlugin(join(root, "plugins/demo"), "1.0.0", {
      "package.json": { name: "demo", version: "1.1.0", private: true },
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
      ".claude-plugin/plugin.json": { name: "demo", description: "Says hello." },
    });
    portablePlugin(join(root, "plugins/bare"), "2.0.0", {
      "package.json": { name: "bare", version: "2.1.0", private: true },
      "plugin.json": { $schema: PLUGIN_SCHEMA, name: "bare" },
    });
    writeTree(root, { "package.json": { name: "root", private: true, workspaces: ["plugins/*"] } });
    return readWorkspace(root).then((workspace) => {
      expect(workspace.plugins.map((plugin) => [plugin.packageName, plugin.hosts])).toEqual([
        ["bare", ["agent-plugins"]],
        ["demo", ["agent-plugins", "codex", "claude-code"]],
      ]);
      const changes = syncVersions(workspace);
      expect(changes.map((change) => [change.file.slice(root.length + 1), change.from, change.to])).toEqual([
        ["plugins/bare/plugin.json", null, "2.1.0"],
        ["plugins/demo/plugin.json", "1.0.0", "1.1.0"],
        ["plugins/demo/.codex-plugin/plugin.json", "1.0.0", "1.1.0"],
      ]);
      expect(readJson(join(root, "plugins/bare/plugin.json"))).toEqual({
        $schema: PLUGIN_SCHEMA,
        name: "bare",
        version: "2.1.0",
      });
      // Claude Code's manifest carried no version: Claude Code reads the root one, so it is left as it was.
      expect(readJson(join(root, "plugins/demo/.claude-plugin/plugin.json"))).not.toHaveProperty("version");
    });
  });
});
