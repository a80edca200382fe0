/** examples/todo-scout, the Agent Plugins example: clean for the standard and Codex, packed, and its bundled server works. */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "@agent-plugin/plugin-lint";
import { repoRoot, tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { pack } from "./pack.js";

describe("examples/todo-scout", () => {
  it("lints clean for agent-plugins and codex, packs, and the packed mcp.json starts a server that finds TODOs", async () => {
    // Copied into a folder of its own name, which the plugin name must equal.
    const dir = join(tempDir(), "todo-scout");
    cpSync(join(repoRoot, "examples/todo-scout"), dir, { recursive: true });
    const report = await lint({ paths: [dir], cwd: dir, target: ["agent-plugins", "codex"] });
    expect(report).toMatchObject({ errorCount: 0, warningCount: 0 });
    // Both read the one mcp.json: the standard at its fixed place, Codex through its manifest's mcpServers.
    expect(
      report.plugins?.[0]?.targets.map((load) => [
        load.target,
        load.loads,
        load.servers.map((s) => [s.name, s.file.slice(dir.length + 1)]),
      ]),
    ).toEqual([
      ["agent-plugins", true, [["todo-scout", "mcp.json"]]],
      ["codex", true, [["todo-scout", "mcp.json"]]],
    ]);

    const work = tempDir();
    const packed = await pack({ dir, cwd: work, outDir: join(work, "dist") });
    expect(packed).toMatchObject({ plugin: { name: "todo-scout", version: "0.1.0" }, lint: { errorCount: 0 } });
    const out = join(work, "out");
    execFileSync("unzip", ["-q", packed.archive, "-d", out]);
    const server = JSON.parse(readFileSync(join(out, "mcp.json"), "utf8")).mcpServers["todo-scout"];
    expect(server).toEqual({
      type: "stdio",
      command: "node",
      args: ["./.plugin-pack/bundles/todo-scout.mjs"],
      cwd: "./",
    });

    const scanned = tempDir();
    execFileSync("sh", ["-c", 'printf "const a = 1; // TODO: remove a\\n// FIXME(b) breaks on Windows\\n" > app.js'], {
      cwd: scanned,
    });
    const requests = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {} } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_todos", arguments: { path: scanned } } },
    ];
    const output = execFileSync(server.command, server.args, {
      cwd: join(out, server.cwd),
      input: `${requests.map((request) => JSON.stringify(request)).join("\n")}\n`,
      encoding: "utf8",
    });
    const [initialized, called] = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(initialized.result.serverInfo).toEqual({ name: "todo-scout", version: "0.1.0" });
    expect(called.result.structuredContent.todos).toEqual([
      { file: "app.js", line: 1, tag: "TODO", text: "remove a" },
      { file: "app.js", line: 2, tag: "FIXME", text: "breaks on Windows" },
    ]);
  });
});
