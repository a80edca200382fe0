// Small MCP stdio servers for the probe's tests: one that answers, one that crashes on start.
import { writeTree } from "@agent-plugin/test-utils";

/** Answers initialize and tools/list with one tool; reads the greeting from its env, so the config's env is tested. */
export const ANSWERING_SERVER = `
import { createInterface } from "node:readline";
const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const { id, method } = JSON.parse(line);
  if (method === "initialize")
    send({ id, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "echo", version: "1.2.3" } } });
  else if (method === "tools/list")
    send({ id, result: { tools: [{ name: "echo", description: process.env.GREETING + " from " + process.argv[2], inputSchema: { type: "object", properties: { text: { type: "string" }, times: { type: "integer" } }, required: ["text"] } }] } });
  else if (id !== undefined) send({ id, error: { code: -32601, message: "Method not found" } });
});
`;

export const CRASHING_SERVER = `
console.error("loading config");
console.error("Error: Cannot find module 'left-pad'");
process.exit(1);
`;

/** A plugin with both servers in .mcp.json, the first started with an argument that expands CLAUDE_PLUGIN_ROOT. */
export function writeServerPlugin(dir: string): void {
  writeTree(dir, {
    ".codex-plugin/plugin.json": { name: "servers", version: "1.0.0", description: "A test plugin." },
    "skills/use/SKILL.md": "---\nname: use\ndescription: Use the servers.\n---\n\nSteps.\n",
    "server/answering.mjs": ANSWERING_SERVER,
    "server/crashing.mjs": CRASHING_SERVER,
    ".mcp.json": {
      mcpServers: {
        echo: {
          command: "node",
          args: ["./server/answering.mjs", "${CLAUDE_PLUGIN_ROOT}"],
          env: { GREETING: "${GREETING_WORD:-hello}" },
        },
        broken: { command: "node", args: ["server/crashing.mjs"] },
        remote: { url: "https://example.invalid/mcp", bearer_token_env_var: "REMOTE_TOKEN" },
      },
    },
  });
}
