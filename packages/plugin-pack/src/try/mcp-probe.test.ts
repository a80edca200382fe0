// The MCP probe against real local stdio servers: started from the plugin's config as a host would start them.
import { join } from "node:path";
import { tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { mcpLaunches } from "./mcp-config.js";
import { probeServers } from "./mcp-probe.js";
import { writeServerPlugin } from "./test-mcp-servers.js";

/** A fresh plugin with the test servers, removed after the test. */
function serverPlugin(): string {
  const dir = join(tempDir(), "servers");
  writeServerPlugin(dir);
  return dir;
}

describe("the MCP probe", () => {
  it("reads each server as the host would start it, with the host's variables expanded", () => {
    const dir = serverPlugin();
    const launches = mcpLaunches(dir, "codex", { GREETING_WORD: "hi" });
    expect(launches).toEqual([
      {
        name: "echo",
        transport: "stdio",
        command: "node",
        args: ["./server/answering.mjs", dir],
        env: { GREETING: "hi" },
        cwd: dir,
      },
      { name: "broken", transport: "stdio", command: "node", args: ["server/crashing.mjs"], env: {}, cwd: dir },
      { name: "remote", transport: "http", url: "https://example.invalid/mcp", headers: {}, bearerEnv: "REMOTE_TOKEN" },
    ]);
    expect(mcpLaunches(dir, "codex", {})[0]).toMatchObject({ env: { GREETING: "hello" } });
  });

  it("lists the tools of a server that answers, shows the stderr of one that crashes, skips http without --network", async () => {
    const dir = serverPlugin();
    const probes = await probeServers(mcpLaunches(dir, "codex", {}), {
      env: { PATH: process.env.PATH },
      network: false,
      timeoutMs: 10_000,
    });
    expect(probes[0]).toEqual({
      name: "echo",
      transport: "stdio",
      status: "answered",
      serverInfo: { name: "echo", version: "1.2.3" },
      tools: [
        {
          name: "echo",
          description: `hello from ${dir}`,
          inputSchema: {
            type: "object",
            properties: { text: { type: "string" }, times: { type: "integer" } },
            required: ["text"],
          },
        },
      ],
    });
    expect(probes[1]).toMatchObject({ name: "broken", status: "failed" });
    expect(probes[1]?.reason).toMatch(/^initialize: exited with code 1/);
    expect(probes[1]?.stderrTail).toBe("loading config\nError: Cannot find module 'left-pad'");
    expect(probes[2]).toEqual({
      name: "remote",
      transport: "http",
      status: "skipped",
      reason: "pass --network to connect",
    });
  });

  it("fails a server that does not answer within the timeout, and one that cannot start", async () => {
    const dir = serverPlugin();
    const probes = await probeServers(
      [
        {
          name: "silent",
          transport: "stdio",
          command: "node",
          args: ["-e", "setInterval(() => {}, 1000)"],
          env: {},
          cwd: dir,
        },
        { name: "missing", transport: "stdio", command: join(dir, "no-such-binary"), args: [], env: {}, cwd: dir },
      ],
      { env: { PATH: process.env.PATH }, network: false, timeoutMs: 1_000 },
    );
    expect(probes.map((probe) => [probe.name, probe.status, probe.reason])).toEqual([
      ["silent", "failed", "initialize: no answer within 1 s"],
      ["missing", "failed", expect.stringMatching(/^initialize: could not start: spawn .*no-such-binary ENOENT/)],
    ]);
  });
});
