/** Talks to an MCP server over stdio the way a host does: `node <entry>` in the plugin folder, newline-delimited JSON-RPC. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface JsonRpcResponse {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export async function talkTo(
  entry: string,
  cwd: string,
  requests: Array<{ method: string; params?: unknown }>,
): Promise<JsonRpcResponse[]> {
  const child = spawn(process.execPath, [entry], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const responses: JsonRpcResponse[] = [];
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    send({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "0.0.0" } },
    });
    await lines.next();
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    for (const [index, request] of requests.entries()) {
      send({ jsonrpc: "2.0", id: index + 1, ...request });
      const line = await lines.next();
      if (line.done) throw new Error(`the server closed stdout; stderr: ${stderr}`);
      responses.push(JSON.parse(line.value) as JsonRpcResponse);
    }
  } finally {
    clearTimeout(timer);
    child.kill();
  }
  return responses;
}
