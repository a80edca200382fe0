import type { BatchInventory } from "../inventory.js";
import type { JsonRpcProcess } from "../json-rpc.js";
import { installedPluginRewrite, PathNormaliser } from "../normalise.js";
import type { ProcessResult } from "../process.js";
import { type Sandbox, sandboxEnv } from "../sandbox.js";
import { marketplacePlaceholders } from "./marketplaces.js";
import { startAppServer } from "./codex-app-server.js";
import type { AnswerReader } from "./shape.js";

export function codexEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  return sandboxEnv(sandbox, { CODEX_HOME: sandbox.config });
}

/** Placeholders for the sandbox folders in Codex's messages: every marketplace folder is `<marketplace>`. */
export function codexNormaliser(
  sandbox: Sandbox,
  marketplaces: readonly { dir: string }[],
  placeholders: Record<string, string> = {},
): PathNormaliser {
  return new PathNormaliser(
    {
      ...placeholders,
      [sandbox.config]: "<codex-home>",
      ...marketplacePlaceholders(sandbox, marketplaces),
      [sandbox.home]: "<home>",
      [sandbox.work]: "<work>",
      [sandbox.outside]: "<outside>",
      [sandbox.root]: "<sandbox>",
    },
    [installedPluginRewrite("<codex-home>")],
  );
}

/** The one line Codex's CLI gives for a failure: its `Error: ...` line, else its last line. */
export function hostErrorLine(result: ProcessResult): string {
  if (result.timedOut) return "timed out";
  if (result.spawnError !== undefined) return result.spawnError;
  const lines = result.stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const error = lines.find((line) => line.startsWith("Error: "));
  return error?.slice("Error: ".length) ?? lines[lines.length - 1] ?? `exit code ${result.exitCode}`;
}

/** Runs `work` against a fresh app server, which is always closed afterwards. */
export async function withAppServer<T>(
  request: { bin: string; sandbox: Sandbox; timeoutMs: number },
  env: NodeJS.ProcessEnv,
  reader: AnswerReader,
  work: (rpc: JsonRpcProcess) => Promise<T>,
): Promise<T> {
  const rpc = await startAppServer({
    bin: request.bin,
    sandbox: request.sandbox,
    env,
    reader,
    timeoutMs: request.timeoutMs,
  });
  try {
    return await work(rpc);
  } finally {
    rpc.close();
  }
}

/**
 * The listed entries to install: every one with a local source, and the remote ones only when allowed. Each one
 * left out is noted in the marketplace messages, so a reader sees it was listed but not fetched.
 */
export function localEntries(
  inventory: BatchInventory,
  remote: ReadonlyMap<string, string>,
  allowRemote: boolean,
): string[] {
  if (allowRemote) return inventory.marketplace.plugins;
  for (const [name, type] of remote) {
    inventory.marketplace.messages.push({
      source: "driver",
      level: "info",
      text: `${name}: ${type} source not fetched`,
    });
  }
  return inventory.marketplace.plugins.filter((name) => !remote.has(name));
}
