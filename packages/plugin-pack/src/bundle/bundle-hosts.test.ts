// Bundling for every host of a plugin: Codex's MCP file and Claude Code's, each rewritten in its own form.
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { loadPlugin, type HostId } from "@agent-plugin/core";
import { lint } from "@agent-plugin/plugin-lint";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { bundleMcpServers, type BundleResult } from "./bundle.js";
import { PackError } from "../errors.js";
import { pack, planPack } from "../pack/index.js";
import { unpack } from "../install/index.js";

type Tree = Record<string, string | object | Uint8Array>;

const PLUGIN = {
  name: "todo-scout",
  version: "0.1.0",
  description: "Find the TODO and FIXME comments left in a repository.",
};

/**
 * A dependency-free MCP server over stdio (newline-delimited JSON-RPC), split over two files and importing a
 * CommonJS package from node_modules, so the archive only works if the bundle carries all three.
 */
const SERVER: Tree = {
  "server/index.mjs": [
    `import { createInterface } from "node:readline";`,
    `import { handle } from "./lib/handle.mjs";`,
    ``,
    `createInterface({ input: process.stdin }).on("line", (line) => {`,
    `  const reply = handle(JSON.parse(line));`,
    `  if (reply) process.stdout.write(JSON.stringify(reply) + "\\n");`,
    `});`,
    ``,
  ].join("\n"),
  "server/lib/handle.mjs": [
    `import title from "tiny-title";`,
    ``,
    `export function handle(request) {`,
    `  if (request.id === undefined) return undefined;`,
    `  if (request.method === "initialize") {`,
    `    const serverInfo = { name: "todo-scout", title: title("todo scout"), version: "0.1.0" };`,
    `    return { jsonrpc: "2.0", id: request.id, result: { protocolVersion: request.params.protocolVersion, capabilities: { tools: {} }, serverInfo } };`,
    `  }`,
    `  if (request.method === "tools/list") return { jsonrpc: "2.0", id: request.id, result: { tools: [{ name: "list_todos", inputSchema: { type: "object" } }] } };`,
    `  return { jsonrpc: "2.0", id: request.id, error: { code: -32601, message: "method not found" } };`,
    `}`,
    ``,
  ].join("\n"),
  "node_modules/tiny-title/package.json": { name: "tiny-title", version: "1.0.0", main: "index.js" },
  "node_modules/tiny-title/index.js": `"use strict";\nmodule.exports = (text) => text.replace(/\\b\\w/g, (c) => c.toUpperCase());\n`,
};

const CODEX_MCP = `{
  "mcpServers": {
    "todo-scout": {
      "command": "node",
      "args": ["./server/index.mjs"],
      "cwd": ".",
      "startup_timeout_sec": 10
    }
  }
}
`;

const CLAUDE_MCP = `{
  "mcpServers": {
    "todo-scout": {
      "command": "node",
      "args": ["\${CLAUDE_PLUGIN_ROOT}/server/index.mjs"],
      "env": { "TODO_SCOUT_LOG": "warn" }
    }
  }
}
`;

/** The plugin `create-agent-plugin --target codex,claude-code --mcp stdio` writes, reduced to what packing reads. */
const DUAL_HOST: Tree = {
  ".codex-plugin/plugin.json": { ...PLUGIN, mcpServers: "./.codex-mcp.json" },
  ".claude-plugin/plugin.json": PLUGIN,
  ".codex-mcp.json": CODEX_MCP,
  ".mcp.json": CLAUDE_MCP,
  ...SERVER,
};

const BUNDLE = ".plugin-pack/bundles/todo-scout.mjs";

/** A plugin folder named after the plugin, as the hosts and plugin-lint expect. */
function makePlugin(files: Tree, parent = tempDir()): string {
  const root = join(parent, "todo-scout");
  writeTree(root, files);
  return root;
}

async function bundle(root: string, host: HostId = "codex"): Promise<BundleResult> {
  return bundleMcpServers(loadPlugin(root, { host }), { toolchainVersion: "0.1.0" });
}

function text(data: Uint8Array | undefined): string {
  return new TextDecoder().decode(data);
}

function rewritten(result: BundleResult): Record<string, string> {
  return Object.fromEntries(result.mcpFiles.map((file) => [file.path, text(file.data)]));
}

interface JsonRpcResponse {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Starts a server as a host would, sends MCP `initialize` then `tools/list`, and returns both answers. */
async function initializeAndListTools(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<JsonRpcResponse[]> {
  const child = spawn(command === "node" ? process.execPath : command, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  const receive = async (): Promise<JsonRpcResponse> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the server closed stdout; stderr: ${stderr}`);
    return JSON.parse(line.value) as JsonRpcResponse;
  };
  try {
    send({
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "bundle-hosts-test", version: "0.0.0" },
      },
    });
    const initialized = await receive();
    send({ method: "notifications/initialized" });
    send({ id: 1, method: "tools/list" });
    return [initialized, await receive()];
  } finally {
    child.kill();
  }
}

interface StdioServer {
  command: string;
  args: string[];
  cwd?: string;
}

function serverIn(root: string, file: string, name: string): StdioServer {
  return (JSON.parse(readFileSync(join(root, file), "utf8")) as { mcpServers: Record<string, StdioServer> }).mcpServers[
    name
  ]!;
}

function expectTodoScout(answers: JsonRpcResponse[]): void {
  expect(answers[0]?.result?.serverInfo).toEqual({ name: "todo-scout", title: "Todo Scout", version: "0.1.0" });
  expect((answers[1]?.result?.tools as { name: string }[] | undefined)?.map((tool) => tool.name)).toEqual([
    "list_todos",
  ]);
}

describe("pack: a plugin for Codex and Claude Code", () => {
  it("bundles the server once, points both hosts' MCP files at it, and the unpacked plugin lints clean and answers as each host starts it", async () => {
    const work = tempDir();
    const root = makePlugin(DUAL_HOST, work);
    const packed = await pack({ dir: root, cwd: work, outDir: join(work, "dist") });
    expect(packed.lint).toEqual({ errorCount: 0, warningCount: 0 });
    expect(packed.bundles).toEqual([{ server: "todo-scout", entry: "server/index.mjs", output: BUNDLE }]);

    const unpacked = join(work, "installed", "todo-scout");
    await unpack(packed.archive, unpacked, { trust: [], allowUnsigned: true });
    // Only the changed values differ: layout, key order and the other keys stay.
    expect(readFileSync(join(unpacked, ".codex-mcp.json"), "utf8")).toBe(
      CODEX_MCP.replace(`"./server/index.mjs"`, `"./${BUNDLE}"`),
    );
    expect(readFileSync(join(unpacked, ".mcp.json"), "utf8")).toBe(
      CLAUDE_MCP.replace(`/server/index.mjs"`, `/${BUNDLE}"`),
    );
    expect(existsSync(join(unpacked, "server"))).toBe(false);
    expect(existsSync(join(unpacked, "node_modules"))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(unpacked, ".plugin-pack/manifest.json"), "utf8")) as {
      files: { path: string }[];
      bundles: unknown[];
    };
    expect(manifest.files.map((file) => file.path).filter((path) => path.startsWith(".plugin-pack/"))).toEqual([
      BUNDLE,
    ]);
    expect(manifest.bundles).toEqual(packed.bundles);

    // Codex: `node <arg>` in the server's cwd, resolved against the plugin root.
    const codex = serverIn(unpacked, ".codex-mcp.json", "todo-scout");
    expectTodoScout(await initializeAndListTools(codex.command, codex.args, resolve(unpacked, codex.cwd ?? ".")));
    // Claude Code: ${CLAUDE_PLUGIN_ROOT} is the install folder, and the server runs in the user's workspace.
    const claude = serverIn(unpacked, ".mcp.json", "todo-scout");
    expect(claude.cwd).toBeUndefined();
    const expand = (value: string) => value.replaceAll("${CLAUDE_PLUGIN_ROOT}", unpacked);
    expectTodoScout(await initializeAndListTools(expand(claude.command), claude.args.map(expand), tempDir()));

    for (const target of ["codex", "claude-code"] as const) {
      const report = await lint({ paths: [unpacked], cwd: work, target });
      expect(report.results, target).toEqual([]);
    }
  });

  it("explains in ls --why what the bundle replaced", async () => {
    const root = makePlugin(DUAL_HOST);
    const plan = await planPack({ dir: root, cwd: root });
    const reasons = Object.fromEntries(
      plan.decisions.map((decision) => [decision.path, `${decision.included ? "+" : "-"} ${decision.reason}`]),
    );
    expect(reasons).toMatchObject({
      [BUNDLE]: "+ generated: esbuild bundle of an MCP server",
      "server/index.mjs": `- bundled into ${BUNDLE}`,
      "server/lib/handle.mjs": `- bundled into ${BUNDLE}`,
      ".codex-mcp.json": "+ rewritten: a copy that starts the bundled servers",
      ".mcp.json": "+ rewritten: a copy that starts the bundled servers",
    });
  });

  it("packs to the same bytes twice, from another folder, and for either target", async () => {
    const first = makePlugin(DUAL_HOST);
    const second = join(tempDir(), "a", "deeper", "checkout", "todo-scout");
    cpSync(first, second, { recursive: true });
    const out = tempDir();
    const archives = [
      await pack({ dir: first, cwd: first, outDir: join(out, "1"), lint: false }),
      await pack({ dir: first, cwd: first, outDir: join(out, "2"), lint: false }),
      await pack({ dir: second, cwd: second, outDir: join(out, "3"), lint: false }),
      await pack({ dir: first, cwd: first, outDir: join(out, "4"), lint: false, target: "claude-code" }),
    ];
    expect(new Set(archives.map((archive) => archive.sha256)).size).toBe(1);
  });
});

describe("bundleMcpServers: one bundle per entry file, named deterministically", () => {
  it("gives two different entries under one server name two bundles, the Codex file's first", async () => {
    const files: Tree = {
      ...DUAL_HOST,
      "server/codex.mjs": `console.log("codex build");\n`,
      "server/claude.mjs": `console.log("claude build");\n`,
      ".codex-mcp.json": CODEX_MCP.replace("./server/index.mjs", "./server/codex.mjs"),
      ".mcp.json": CLAUDE_MCP.replace("/server/index.mjs", "/server/claude.mjs"),
    };
    const result = await bundle(makePlugin(files));
    expect(result.bundles).toEqual([
      { server: "todo-scout", entry: "server/codex.mjs", output: BUNDLE },
      { server: "todo-scout", entry: "server/claude.mjs", output: ".plugin-pack/bundles/todo-scout-2.mjs" },
    ]);
    expect(
      result.outputs.map((output) => [
        output.path,
        text(output.data).includes("codex build"),
        text(output.data).includes("claude build"),
      ]),
    ).toEqual([
      [BUNDLE, true, false],
      [".plugin-pack/bundles/todo-scout-2.mjs", false, true],
    ]);
    expect(rewritten(result)).toEqual({
      ".codex-mcp.json": CODEX_MCP.replace(`"./server/index.mjs"`, `"./${BUNDLE}"`),
      ".mcp.json": CLAUDE_MCP.replace(`/server/index.mjs"`, `/.plugin-pack/bundles/todo-scout-2.mjs"`),
    });
    // The names follow the files' order, not the order anything happened to finish in.
    const again = await bundle(makePlugin(files));
    expect(again.bundles).toEqual(result.bundles);
    expect(again.outputs.map((output) => Buffer.from(output.data).toString("base64"))).toEqual(
      result.outputs.map((output) => Buffer.from(output.data).toString("base64")),
    );
  });

  it("starts the bundle already made for the Codex file when Claude Code's file names the same entry under another name", async () => {
    const result = await bundle(
      makePlugin({ ...DUAL_HOST, ".mcp.json": CLAUDE_MCP.replace(`"todo-scout"`, `"scout"`) }),
    );
    expect(result.outputs.map((output) => output.path)).toEqual([BUNDLE]);
    expect(result.bundles).toEqual([
      { server: "todo-scout", entry: "server/index.mjs", output: BUNDLE },
      { server: "scout", entry: "server/index.mjs", output: BUNDLE },
    ]);
    expect(rewritten(result)[".mcp.json"]).toContain(`"\${CLAUDE_PLUGIN_ROOT}/${BUNDLE}"`);
  });

  it("never consumes a file that a Claude Code hook runs, when packing for Codex", async () => {
    const root = makePlugin({
      ...DUAL_HOST,
      // Codex reads its own hook file, so only Claude Code's hooks/hooks.json names the script.
      ".codex-plugin/plugin.json": { ...PLUGIN, mcpServers: "./.codex-mcp.json", hooks: "./hooks/codex-hooks.json" },
      "hooks/codex-hooks.json": { hooks: {} },
      "server/lib/handle.mjs": `import "./notes.mjs";\n${String(SERVER["server/lib/handle.mjs"])}`,
      "server/lib/notes.mjs": `export const notes = [];\n`,
      "hooks/hooks.json": {
        hooks: {
          SessionStart: [{ hooks: [{ type: "command", command: "node ${CLAUDE_PLUGIN_ROOT}/server/lib/notes.mjs" }] }],
        },
      },
    });
    const result = await bundle(root);
    expect([...result.consumed.keys()]).toEqual(["server/index.mjs", "server/lib/handle.mjs"]);
  });
});

describe("bundleMcpServers: the Claude Code form", () => {
  const SCRIPT = "process.stdin.resume();\n";

  it("names every bundle under ${CLAUDE_PLUGIN_ROOT} and never adds or changes cwd, which Claude Code ignores", async () => {
    const mcp = `{
  // Claude Code expands \${CLAUDE_PLUGIN_ROOT} to the plugin's install folder.
  "rooted": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/dist/server.js", "--verbose"] },
  "relative": {
    "command": "node",
    "args": ["./bin/server.mjs"],
    "cwd": "."
  },
  "script": { "command": "\${CLAUDE_PLUGIN_ROOT}/bin/server.mjs", "args": ["--port", "7000"] },
  "ts": { "command": "node", "args": ["--import", "tsx", "\${CLAUDE_PLUGIN_ROOT}/src/index.ts"] },
  "remote": { "type": "http", "url": "https://example.com/mcp" }
}
`;
    const root = makePlugin({
      ".claude-plugin/plugin.json": PLUGIN,
      ".mcp.json": mcp,
      "dist/server.js": SCRIPT,
      "bin/server.mjs": SCRIPT,
      "src/index.ts": SCRIPT,
    });
    const result = await bundle(root, "claude-code");
    expect(rewritten(result)).toEqual({
      ".mcp.json": `{
  // Claude Code expands \${CLAUDE_PLUGIN_ROOT} to the plugin's install folder.
  "rooted": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/rooted.mjs", "--verbose"] },
  "relative": {
    "command": "node",
    "args": ["\${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/relative.mjs"],
    "cwd": "."
  },
  "script": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/script.mjs", "--port", "7000"] },
  "ts": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/ts.mjs"] },
  "remote": { "type": "http", "url": "https://example.com/mcp" }
}
`,
    });
  });

  it("rewrites the file the Claude Code manifest names and .mcp.json, which Claude Code reads as well", async () => {
    const claudeMcp = { mcpServers: { extra: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/server/index.mjs"] } } };
    const root = makePlugin({
      ...SERVER,
      ".claude-plugin/plugin.json": { ...PLUGIN, mcpServers: "./claude-mcp.json" },
      "claude-mcp.json": claudeMcp,
      ".mcp.json": CLAUDE_MCP,
    });
    const result = await bundle(root, "claude-code");
    expect(result.mcpFiles.map((file) => file.path)).toEqual(["claude-mcp.json", ".mcp.json"]);
    expect(result.bundles).toEqual([
      { server: "extra", entry: "server/index.mjs", output: ".plugin-pack/bundles/extra.mjs" },
      { server: "todo-scout", entry: "server/index.mjs", output: ".plugin-pack/bundles/extra.mjs" },
    ]);
    expect(JSON.parse(rewritten(result)[".mcp.json"]!)).toEqual({
      mcpServers: {
        "todo-scout": {
          command: "node",
          args: ["${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/extra.mjs"],
          env: { TODO_SCOUT_LOG: "warn" },
        },
      },
    });
  });

  it("keeps the Codex form in a file both hosts read", async () => {
    const mcp = {
      mcpServers: {
        relative: { command: "node", args: ["./bin/server.mjs"] },
        rooted: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/bin/server.mjs"] },
      },
    };
    const root = makePlugin({
      ".codex-plugin/plugin.json": PLUGIN,
      ".claude-plugin/plugin.json": PLUGIN,
      ".mcp.json": mcp,
      "bin/server.mjs": SCRIPT,
    });
    const result = await bundle(root);
    expect(result.mcpFiles.map((file) => file.path)).toEqual([".mcp.json"]);
    expect(JSON.parse(rewritten(result)[".mcp.json"]!)).toEqual({
      mcpServers: {
        relative: { command: "node", args: ["./.plugin-pack/bundles/relative.mjs"], cwd: "." },
        rooted: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/rooted.mjs"] },
      },
    });
  });
});

describe("bundleMcpServers: servers written inside a manifest", () => {
  it("refuses a local server declared inline, naming the manifest and the fix", async () => {
    const root = makePlugin({
      ...SERVER,
      ".codex-plugin/plugin.json": { ...PLUGIN, mcpServers: "./.codex-mcp.json" },
      ".codex-mcp.json": CODEX_MCP,
      ".claude-plugin/plugin.json": {
        ...PLUGIN,
        mcpServers: { "todo-scout": { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/server/index.mjs"] } },
      },
    });
    const error = await bundle(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toBe(
      `server "todo-scout" is declared inline in .claude-plugin/plugin.json: plugin-pack bundles local servers only from an MCP file, whose packed copy it rewrites to start the bundle; move the servers to an MCP file such as .mcp.json and set "mcpServers": "./.mcp.json"`,
    );
    expect((error as PackError).file).toBe(join(root, ".claude-plugin/plugin.json"));
  });

  it("leaves inline servers that need no bundle alone", async () => {
    const root = makePlugin({
      ...SERVER,
      ".claude-plugin/plugin.json": {
        ...PLUGIN,
        mcpServers: {
          docs: { type: "http", url: "https://example.com/mcp" },
          tool: { command: "npx", args: ["-y", "@example/tool@1.0.0"] },
        },
      },
      ".mcp.json": CLAUDE_MCP,
    });
    const result = await bundle(root, "claude-code");
    expect(result.bundles).toEqual([{ server: "todo-scout", entry: "server/index.mjs", output: BUNDLE }]);
  });
});
