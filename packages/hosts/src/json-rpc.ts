import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { killTree } from "./process.js";

/** A JSON-RPC error answer: the host refused the request, which is often the fact we came for. */
export interface RpcFailure {
  error: { code: number; message: string };
}

export type RpcAnswer = { result: unknown } | RpcFailure;

/**
 * A JSON-RPC 2.0 client over a child's stdio, one JSON object per line (Codex's `app-server`, an MCP stdio server).
 * Every request has a timeout; `close()` kills the process group, and is safe to call twice.
 */
export class JsonRpcProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (answer: RpcAnswer) => void>();
  private nextId = 0;
  private exited = false;
  private stderrText = "";

  constructor(options: { command: string; args: readonly string[]; cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    this.child.stderr?.on("data", (chunk: Buffer) => {
      // Keep the tail only: enough to explain a crash.
      this.stderrText = (this.stderrText + chunk.toString("utf8")).slice(-4000);
    });
    this.child.on("error", (error) => this.fail(`could not start: ${error.message}`));
    this.child.on("exit", (code) => {
      this.exited = true;
      this.fail(`exited with code ${code}${this.stderrText ? `: ${lastLine(this.stderrText)}` : ""}`);
    });
    // A closed stdin (the process died) must not crash the caller with EPIPE.
    this.child.stdin?.on("error", () => {});
    const lines = createInterface({ input: this.child.stdout! });
    lines.on("line", (line) => this.receive(line));
  }

  /** The last 4,000 characters the process wrote to stderr: what explains a crash. */
  get stderrTail(): string {
    return this.stderrText;
  }

  /** Sends a request and waits for its answer; a JSON-RPC error comes back as data, a timeout throws. */
  request(method: string, params: unknown, timeoutMs: number): Promise<RpcAnswer> {
    if (this.exited) return Promise.reject(new Error(`${method}: the process has exited`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        if ("error" in answer && answer.error.code === PROCESS_GONE)
          reject(new Error(`${method}: ${answer.error.message}`));
        else resolve(answer);
      });
      this.child.stdin?.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  }

  notify(method: string, params?: unknown): void {
    this.child.stdin?.write(
      `${JSON.stringify({ jsonrpc: "2.0", method, ...(params === undefined ? {} : { params }) })}\n`,
    );
  }

  close(): void {
    this.child.stdin?.end();
    killTree(this.child);
  }

  private receive(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return; // Not protocol: a log line.
    }
    if (typeof message !== "object" || message === null) return;
    const { id, result, error } = message as { id?: unknown; result?: unknown; error?: RpcFailure["error"] };
    // Notifications (no id) and the server's own requests are not answers to us.
    if (typeof id !== "number" || (result === undefined && error === undefined)) return;
    const settle = this.pending.get(id);
    if (settle === undefined) return;
    this.pending.delete(id);
    settle(error !== undefined ? { error } : { result });
  }

  private fail(message: string): void {
    for (const [id, settle] of this.pending) {
      this.pending.delete(id);
      settle({ error: { code: PROCESS_GONE, message } });
    }
  }
}

/** Our own code for "the process went away", outside the JSON-RPC reserved range. */
const PROCESS_GONE = -1;

function lastLine(text: string): string {
  const lines = text
    .trim()
    .split("\n")
    .map((line) => line.trim());
  return lines[lines.length - 1] ?? "";
}
