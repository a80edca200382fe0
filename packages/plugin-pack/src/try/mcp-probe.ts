// The MCP probe: starts each of the plugin's servers the way the host would and asks it what it offers. It runs the
// plugin's own code, so `try` does it only with --run-servers (and reaches remote servers only with --network).
import { JsonRpcProcess, type RpcAnswer } from "@agent-plugin/hosts";
import { VERSION } from "../version.js";
import type { McpLaunch } from "./mcp-config.js";
import type { ServerProbe } from "./types.js";

const PROTOCOL_VERSION = "2025-06-18";
const LISTS = ["tools", "resources", "prompts"] as const;

export interface ProbeOptions {
  /** The environment a stdio server inherits (the config's `env` is added). */
  env: NodeJS.ProcessEnv;
  /** Connect to http servers; off, they are listed as skipped. */
  network: boolean;
  /** The longest one request may wait. */
  timeoutMs: number;
}

/** Every server, one after another (each is a process of the plugin's; they need not compete for the machine). */
export async function probeServers(launches: readonly McpLaunch[], options: ProbeOptions): Promise<ServerProbe[]> {
  const probes: ServerProbe[] = [];
  for (const launch of launches) {
    if (launch.transport === "stdio") probes.push(await probeStdio(launch, options));
    else if (!options.network)
      probes.push({ name: launch.name, transport: "http", status: "skipped", reason: "pass --network to connect" });
    else probes.push(await probeHttp(launch, options));
  }
  return probes;
}

async function probeStdio(launch: Extract<McpLaunch, { transport: "stdio" }>, options: ProbeOptions) {
  const server = new JsonRpcProcess({
    command: launch.command,
    args: launch.args,
    cwd: launch.cwd,
    env: { ...options.env, ...launch.env },
  });
  try {
    return await converse(
      launch.name,
      "stdio",
      (method, params) => server.request(method, params, options.timeoutMs),
      () => server.notify("notifications/initialized"),
    );
  } catch (error) {
    // The stderr the server wrote before it died can arrive just after its exit.
    await new Promise((wake) => setTimeout(wake, 100));
    const probe: ServerProbe = {
      name: launch.name,
      transport: "stdio",
      status: "failed",
      reason: (error as Error).message,
    };
    const tail = stderrTail(server.stderrTail);
    if (tail !== "") probe.stderrTail = tail;
    return probe;
  } finally {
    server.close();
  }
}

async function probeHttp(launch: Extract<McpLaunch, { transport: "http" }>, options: ProbeOptions) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    ...launch.headers,
  };
  const token = launch.bearerEnv === undefined ? undefined : options.env[launch.bearerEnv];
  if (token !== undefined && token !== "") headers.authorization = `Bearer ${token}`;
  let id = 0;
  const post = async (body: Record<string, unknown>): Promise<Response> => {
    const response = await fetch(launch.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ jsonrpc: "2.0", ...body }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const session = response.headers.get("mcp-session-id");
    if (session !== null) headers["mcp-session-id"] = session;
    return response;
  };
  try {
    return await converse(
      launch.name,
      "http",
      async (method, params) => {
        const requestId = id++;
        const response = await post({ id: requestId, method, params });
        if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${response.statusText}`);
        return answerFrom(await response.text(), requestId, method);
      },
      () => void post({ method: "notifications/initialized" }).catch(() => {}),
    );
  } catch (error) {
    return {
      name: launch.name,
      transport: "http" as const,
      status: "failed" as const,
      reason: (error as Error).message,
    };
  }
}

/** initialize, then each list; a list the server does not offer is recorded as such, not as a failure. */
async function converse(
  name: string,
  transport: "stdio" | "http",
  request: (method: string, params: unknown) => Promise<RpcAnswer>,
  initialized: () => void,
): Promise<ServerProbe> {
  const init = await request("initialize", {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: "plugin-pack-try", version: VERSION },
  });
  if ("error" in init) throw new Error(`initialize refused: ${init.error.message}`);
  initialized();
  const result = isRecord(init.result) ? init.result : {};
  const probe: ServerProbe = { name, transport, status: "answered" };
  if (isRecord(result.serverInfo)) probe.serverInfo = result.serverInfo as ServerProbe["serverInfo"];
  if (typeof result.instructions === "string") probe.instructions = result.instructions;
  const offered = isRecord(result.capabilities) ? result.capabilities : {};
  for (const list of LISTS) {
    if (!(list in offered)) continue;
    const answer = await request(`${list}/list`, {});
    if ("error" in answer) {
      probe.errors = [...(probe.errors ?? []), `${list}/list: ${answer.error.message}`];
      continue;
    }
    const items = isRecord(answer.result) && Array.isArray(answer.result[list]) ? answer.result[list] : [];
    // Each list as the server gave it; --json shows it untouched.
    (probe as unknown as Record<string, unknown>)[list] = items;
  }
  return probe;
}

/** The answer to one request in an http reply: plain JSON, or the `data:` events of an SSE stream. */
function answerFrom(body: string, id: number, method: string): RpcAnswer {
  const candidates = body.trimStart().startsWith("{")
    ? [body]
    : body
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5));
  for (const text of candidates) {
    try {
      const message = JSON.parse(text) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
      if (message.id !== id) continue;
      return message.error !== undefined ? { error: message.error } : { result: message.result };
    } catch {}
  }
  throw new Error(`${method}: no JSON-RPC answer in the reply`);
}

function stderrTail(text: string): string {
  return text.trim().split("\n").slice(-10).join("\n");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
