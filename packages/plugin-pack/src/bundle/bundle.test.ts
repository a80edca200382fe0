import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlugin } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { bundleMcpServers, type BundleResult } from "./bundle.js";
import { PackError } from "../errors.js";
import { readArchive } from "../archive/index.js";
import { pack } from "../pack/index.js";

type Tree = Record<string, string | object | Uint8Array>;

const MANIFEST = { ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo plugin." } };

/** A TypeScript stdio server: a relative import and a CommonJS dependency that calls require(). */
const ECHO_SERVER: Tree = {
  "server/src/index.ts": [
    `import { createInterface } from "node:readline";`,
    `import { greet } from "./greet.js";`,
    `import pad from "tiny-pad";`,
    ``,
    `const greeting: string = process.argv[process.argv.indexOf("--greeting") + 1] ?? "hello";`,
    `createInterface({ input: process.stdin }).on("line", (line) => {`,
    `  const request = JSON.parse(line) as { id: number; name: string };`,
    `  process.stdout.write(JSON.stringify({ id: request.id, result: pad(greet(greeting, request.name), 2) }) + "\\n");`,
    `});`,
    ``,
  ].join("\n"),
  "server/src/greet.ts": `export function greet(greeting: string, name: string): string {\n  return \`\${greeting}, \${name}!\`;\n}\n`,
  "server/package.json": { name: "echo-server", private: true, type: "module" },
  "node_modules/tiny-pad/package.json": { name: "tiny-pad", version: "1.0.0", main: "index.js" },
  "node_modules/tiny-pad/index.js": `/*! tiny-pad | MIT License */\n"use strict";\nconst { format } = require("node:util");\nmodule.exports = function pad(text, width) {\n  return format("%s%s", " ".repeat(width), text);\n};\n`,
};

const ECHO_MCP = `{
  // Servers this plugin starts.
  "mcpServers": {
    "echo": {
      "command": "node",
      "args": ["--enable-source-maps", "./server/src/index.ts", "--greeting", "hi"],
      "env": { "LOG_LEVEL": "info" }
    },
    "remote": { "type": "http", "url": "https://example.com/mcp" },
    "from-npm": { "command": "npx", "args": ["-y", "@example/mcp-server"] },
    "python": { "command": "python3", "args": ["./py/server.py"] }
  }
}
`;

function makePlugin(files: Tree, root = tempDir()): string {
  writeTree(root, { ...MANIFEST, ...files });
  return root;
}

async function bundle(root: string): Promise<BundleResult> {
  return bundleMcpServers(loadPlugin(root), { toolchainVersion: "0.1.0" });
}

function text(data: Uint8Array | undefined): string {
  return new TextDecoder().decode(data);
}

async function bundleError(root: string): Promise<PackError> {
  const error = await bundle(root).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackError);
  return error as PackError;
}

/** Starts `node <file> ...args` from a folder with no node_modules, sends one line, returns the first line back. */
function exchangeLine(file: string, args: string[], line: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: tempDir(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) child.stdin.end();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      stdout.includes("\n") ? resolvePromise(stdout.split("\n")[0]!) : reject(new Error(`exit ${code}: ${stderr}`)),
    );
    child.stdin.write(`${line}\n`);
  });
}

describe("bundleMcpServers: a local TypeScript server", () => {
  it("becomes one ESM file that runs without node_modules", async () => {
    const root = makePlugin({ ...ECHO_SERVER, ".mcp.json": ECHO_MCP });
    const result = await bundle(root);
    expect(result.bundles).toEqual([
      { server: "echo", entry: "server/src/index.ts", output: ".plugin-pack/bundles/echo.mjs" },
    ]);
    expect(result.outputs.map((o) => [o.path, o.mode])).toEqual([[".plugin-pack/bundles/echo.mjs", 0o644]]);
    const output = text(result.outputs[0]!.data);
    expect(output.split("\n")[0]).toBe(
      `// echo.mjs: an MCP server and its dependencies, bundled by plugin-pack 0.1.0 with esbuild ${(await import("esbuild")).version}.`,
    );
    expect(output).toContain("// server/src/greet.ts");
    expect(output).toContain("tiny-pad | MIT License");
    expect(output).not.toContain(root);

    const file = join(tempDir(), "echo.mjs");
    writeFileSync(file, result.outputs[0]!.data);
    expect(await exchangeLine(file, ["--greeting", "hi"], JSON.stringify({ id: 1, name: "Ada" }))).toBe(
      `{"id":1,"result":"  hi, Ada!"}`,
    );
  });

  it("rewrites only the bundled server in the MCP file, keeping comments and layout", async () => {
    const root = makePlugin({ ...ECHO_SERVER, ".mcp.json": ECHO_MCP });
    const result = await bundle(root);
    expect(result.mcpFiles[0]?.path).toBe(".mcp.json");
    // A relative bundle path needs a cwd: hosts start a server without one in the session's folder.
    const packed = ECHO_MCP.replace(`"./server/src/index.ts"`, `"./.plugin-pack/bundles/echo.mjs"`).replace(
      `"env": { "LOG_LEVEL": "info" }`,
      `"env": { "LOG_LEVEL": "info" },\n      "cwd": "."`,
    );
    expect(text(result.mcpFiles[0]?.data)).toBe(packed);
  });

  it("names the sources the bundle replaced, never dependencies or non-script files", async () => {
    const root = makePlugin({ ...ECHO_SERVER, ".mcp.json": ECHO_MCP });
    const result = await bundle(root);
    expect([...result.consumed]).toEqual([
      ["server/src/greet.ts", "bundled into .plugin-pack/bundles/echo.mjs"],
      ["server/src/index.ts", "bundled into .plugin-pack/bundles/echo.mjs"],
    ]);
  });

  it("gives identical bytes for two copies of the plugin in different folders", async () => {
    const files = { ...ECHO_SERVER, ".mcp.json": ECHO_MCP };
    const first = await bundle(makePlugin(files));
    const second = await bundle(makePlugin(files, join(tempDir(), "a", "much", "deeper", "checkout")));
    expect(Buffer.from(second.outputs[0]!.data).equals(Buffer.from(first.outputs[0]!.data))).toBe(true);
    expect(text(second.mcpFiles[0]?.data)).toBe(text(first.mcpFiles[0]?.data));
    expect([...second.consumed]).toEqual([...first.consumed]);
  });

  it("returns nothing to do when no server is a local Node script", async () => {
    const root = makePlugin({
      ".mcp.json": {
        mcpServers: {
          remote: { type: "http", url: "https://example.com/mcp" },
          tool: { command: "uvx", args: ["tool"] },
        },
      },
    });
    const result = await bundle(root);
    expect(result).toEqual({ outputs: [], mcpFiles: [], bundles: [], consumed: new Map() });
  });
});

describe("bundleMcpServers: errors name the server and the fix", () => {
  it("refuses a native addon loaded as a .node file", async () => {
    const root = makePlugin({
      "server.mjs": `import addon from "fake-native";\nconsole.log(addon);\n`,
      "node_modules/fake-native/package.json": { name: "fake-native", version: "1.0.0", main: "index.js" },
      "node_modules/fake-native/index.js": `module.exports = require("./build/Release/fake.node");\n`,
      "node_modules/fake-native/build/Release/fake.node": new Uint8Array([0x7f, 0x45, 0x4c, 0x46]),
      ".mcp.json": { mcpServers: { native: { command: "node", args: ["./server.mjs"] } } },
    });
    expect((await bundleError(root)).message).toBe(
      `server "native" loads the native module node_modules/fake-native/build/Release/fake.node: native addons cannot be bundled into a portable archive; use a pure-JS dependency or ship the server as a remote (http) MCP server`,
    );
  });

  it("refuses a package that node-gyp builds, even when its .node path is computed at run time", async () => {
    const root = makePlugin({
      "server.js": `import db from "gyp-db";\nconsole.log(db);\n`,
      "node_modules/gyp-db/package.json": { name: "gyp-db", version: "1.0.0", main: "index.js" },
      "node_modules/gyp-db/binding.gyp": "{}",
      "node_modules/gyp-db/index.js": `const arch = process.arch;\nmodule.exports = require(\`./prebuilds/\${arch}/db\`);\n`,
      ".mcp.json": { mcpServers: { db: { command: "node", args: ["server.js"] } } },
    });
    expect((await bundleError(root)).message).toMatch(
      /^server "db" loads the native package gyp-db \(node_modules\/gyp-db\): native addons cannot be bundled/,
    );
  });

  it("names the package behind a native loader such as bindings", async () => {
    const root = makePlugin({
      "server.js": `import sql from "sqlish";\nconsole.log(sql);\n`,
      "node_modules/bindings/package.json": { name: "bindings", version: "1.5.0", main: "bindings.js" },
      "node_modules/bindings/bindings.js": `module.exports = (name) => require(require("path").join(__dirname, name));\n`,
      "node_modules/sqlish/package.json": { name: "sqlish", version: "1.0.0", main: "index.js" },
      "node_modules/sqlish/index.js": `module.exports = require("bindings")("sqlish.node");\n`,
      ".mcp.json": { mcpServers: { sql: { command: "node", args: ["server.js"] } } },
    });
    expect((await bundleError(root)).message).toMatch(
      /^server "sql" loads the native package sqlish \(node_modules\/sqlish\), through bindings \(node_modules\/bindings\): native addons/,
    );
  });

  it("says when the entry does not exist", async () => {
    const root = makePlugin({
      ".mcp.json": { mcpServers: { echo: { command: "node", args: ["./server/missing.ts"] } } },
    });
    const error = await bundleError(root);
    expect(error.message).toBe(
      `server "echo": the entry ./server/missing.ts does not exist (server/missing.ts); build the server before packing, or fix its path in .mcp.json`,
    );
    expect(error.file).toBe(join(root, "server/missing.ts"));
  });

  it("gives the position of a syntax error", async () => {
    const root = makePlugin({
      "server/bad.ts": `const ok = 1;\nconst broken = oops oops;\n`,
      ".mcp.json": { mcpServers: { broken: { command: "node", args: ["server/bad.ts"] } } },
    });
    expect((await bundleError(root)).message).toBe(
      `server "broken": cannot bundle server/bad.ts: server/bad.ts:2:21: Expected ";" but found "oops"`,
    );
  });

  it("says to install dependencies when an import cannot be resolved", async () => {
    const root = makePlugin({
      "server.ts": `import thing from "not-installed";\nconsole.log(thing);\n`,
      ".mcp.json": { mcpServers: { s: { command: "node", args: ["./server.ts"] } } },
    });
    expect((await bundleError(root)).message).toBe(
      `server "s": cannot bundle server.ts: server.ts:1:19: Could not resolve "not-installed"; install the server's dependencies before packing`,
    );
  });

  it("refuses an entry outside the plugin folder", async () => {
    const root = makePlugin({
      ".mcp.json": { mcpServers: { s: { command: "node", args: ["../elsewhere/server.js"] } } },
    });
    expect((await bundleError(root)).message).toBe(
      `server "s": the entry ../elsewhere/server.js is outside the plugin folder; move the server's code into the plugin`,
    );
  });

  it("refuses a preloaded module the bundle cannot carry", async () => {
    const root = makePlugin({
      "server.js": "console.log(1);\n",
      ".mcp.json": { mcpServers: { s: { command: "node", args: ["-r", "dotenv/config", "./server.js"] } } },
    });
    expect((await bundleError(root)).message).toBe(
      `server "s" preloads "dotenv/config" with -r: a bundle cannot carry preloaded modules; import it at the top of the server's entry instead`,
    );
  });

  it("refuses a source that embeds the plugin's absolute path", async () => {
    const root = makePlugin({ ".mcp.json": { mcpServers: { s: { command: "node", args: ["./server.js"] } } } });
    writeTree(root, { "server.js": `console.log(${JSON.stringify(join(root, "data"))});\n` });
    expect((await bundleError(root)).message).toMatch(
      /^server "s": the bundle of server\.js contains the absolute path /,
    );
  });
});

describe("bundleMcpServers: how the packed MCP file starts each bundle", () => {
  const SCRIPT = "process.stdin.resume();\n";

  it("keeps ${CLAUDE_PLUGIN_ROOT}, turns a script command into node, drops TypeScript loaders, and adds cwd to relative bundles", async () => {
    const mcp = `{
  "mcpServers": {
    "rooted": {
      "command": "node",
      "args": ["\${CLAUDE_PLUGIN_ROOT}/dist/server.js"],
      "cwd": "./dist"
    },
    "script": {
      "command": "./bin/server.mjs",
      "args": ["--port", "7000"]
    },
    "bare-script": { "command": "\${PLUGIN_ROOT}/bin/server.mjs" },
    "ts": {
      "command": "node",
      "args": ["--import", "tsx", "./src/index.ts", "--verbose"]
    },
    "ts-lines": {
      "command": "node",
      "args": [
        "--import=tsx",
        "./src/index.ts"
      ],
      "env": { "DEBUG": "1" }
    }
  }
}
`;
    const root = makePlugin({
      "dist/server.js": SCRIPT,
      "bin/server.mjs": SCRIPT,
      "src/index.ts": SCRIPT,
      ".mcp.json": mcp,
    });
    const result = await bundle(root);
    expect(text(result.mcpFiles[0]?.data)).toBe(`{
  "mcpServers": {
    "rooted": {
      "command": "node",
      "args": ["\${CLAUDE_PLUGIN_ROOT}/.plugin-pack/bundles/rooted.mjs"],
      "cwd": "./dist"
    },
    "script": {
      "command": "node",
      "args": ["./.plugin-pack/bundles/script.mjs", "--port", "7000"],
      "cwd": "."
    },
    "bare-script": { "command": "node", "args": ["\${PLUGIN_ROOT}/.plugin-pack/bundles/bare-script.mjs"] },
    "ts": {
      "command": "node",
      "args": ["./.plugin-pack/bundles/ts.mjs", "--verbose"],
      "cwd": "."
    },
    "ts-lines": {
      "command": "node",
      "args": [
        "./.plugin-pack/bundles/ts-lines.mjs"
      ],
      "env": { "DEBUG": "1" },
      "cwd": "."
    }
  }
}
`);
    expect(result.bundles.map((b) => b.entry)).toEqual([
      "dist/server.js",
      "bin/server.mjs",
      "bin/server.mjs",
      "src/index.ts",
      "src/index.ts",
    ]);
  });

  it("sets cwd to the root when a subfolder cwd only located the entry, and keeps it (with a path relative to it) when other arguments are relative", async () => {
    const mcp = {
      mcpServers: {
        located: { command: "node", args: ["dist/index.js"], cwd: "./server" },
        configured: { command: "node", args: ["dist/index.js", "--config", "config.json"], cwd: "server" },
        root: { command: "node", args: ["server/dist/index.js"], cwd: "." },
      },
    };
    const root = makePlugin({ "server/dist/index.js": SCRIPT, "server/config.json": "{}", ".mcp.json": mcp });
    const result = await bundle(root);
    expect(JSON.parse(text(result.mcpFiles[0]?.data))).toEqual({
      mcpServers: {
        located: { command: "node", args: ["./.plugin-pack/bundles/located.mjs"], cwd: "." },
        configured: {
          command: "node",
          args: ["../.plugin-pack/bundles/configured.mjs", "--config", "config.json"],
          cwd: "server",
        },
        root: { command: "node", args: ["./.plugin-pack/bundles/root.mjs"], cwd: "." },
      },
    });
  });

  it("handles a bare server map, and file names that need cleaning or clash", async () => {
    const root = makePlugin({
      "server.js": SCRIPT,
      ".mcp.json": {
        "My Server!": { command: "node", args: ["server.js"] },
        "my server": { command: "node", args: ["server.js"] },
      },
    });
    const result = await bundle(root);
    expect(result.bundles.map((b) => b.output)).toEqual([
      ".plugin-pack/bundles/my-server.mjs",
      ".plugin-pack/bundles/my-server-2.mjs",
    ]);
    expect(JSON.parse(text(result.mcpFiles[0]?.data))).toEqual({
      "My Server!": { command: "node", cwd: ".", args: ["./.plugin-pack/bundles/my-server.mjs"] },
      "my server": { command: "node", cwd: ".", args: ["./.plugin-pack/bundles/my-server-2.mjs"] },
    });
  });

  it("leaves inline code, absolute and extensionless entries alone", async () => {
    const mcp = {
      mcpServers: {
        inline: { command: "node", args: ["-e", "console.log(1)"] },
        absolute: { command: "node", args: ["/opt/server/index.js"] },
        extensionless: { command: "node", args: ["./bin/server"] },
      },
    };
    const result = await bundle(makePlugin({ ".mcp.json": mcp }));
    expect(result.mcpFiles).toEqual([]);
    expect(result.bundles).toEqual([]);
  });

  it("never consumes files that hooks name, or scripts inside skills", async () => {
    const root = makePlugin({
      "server.js": `import { a } from "./lib/only-server.js";\nimport { b } from "./lib/shared.js";\nimport { c } from "./skills/demo/scripts/helper.js";\nconsole.log(a, b, c);\n`,
      "lib/only-server.js": "export const a = 1;\n",
      "lib/shared.js": "export const b = 2;\n",
      "skills/demo/SKILL.md": "---\nname: demo\ndescription: A demo skill.\n---\nRun scripts/helper.js.\n",
      "skills/demo/scripts/helper.js": "export const c = 3;\n",
      "hooks/hooks.json": {
        hooks: {
          SessionStart: [{ hooks: [{ type: "command", command: "node ${CLAUDE_PLUGIN_ROOT}/lib/shared.js" }] }],
        },
      },
      ".mcp.json": { mcpServers: { s: { command: "node", args: ["./server.js"] } } },
    });
    const result = await bundle(root);
    expect([...result.consumed.keys()]).toEqual(["lib/only-server.js", "server.js"]);
    // pack loads the model without its skills and hands them over for bundling: the same files are consumed.
    const light = await bundleMcpServers(loadPlugin(root, { skills: false }), {
      toolchainVersion: "0.1.0",
      skills: () => loadPlugin(root).skills,
    });
    expect([...light.consumed.keys()]).toEqual(["lib/only-server.js", "server.js"]);
    const packed = await pack({ dir: root, cwd: root, lint: false, outDir: join(root, "../out") });
    const paths = (await readArchive(packed.archive)).entries.map((entry) => entry.path);
    expect(paths).toContain("skills/demo/scripts/helper.js");
    expect(paths).not.toContain("lib/only-server.js");
  });
});
