/**
 * A throwaway npm registry for the end-to-end test: Verdaccio (the repo's devDependency) on 127.0.0.1 and a free
 * port, with its config, storage and users in a temporary folder. The toolchain's four packages can only come from
 * it (published there by the test); every other package comes through it from the public registry.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** A token of the throwaway user that may publish. */
  token: string;
  /** What Verdaccio printed, for a failing test's message. */
  log(): string;
  /** Stops Verdaccio and its process group, and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const UPLINK = "https://registry.npmjs.org/";
const START_TIMEOUT_MS = 60_000;
/** However the test ends, Verdaccio does not run longer than this. */
const MAX_LIFETIME_MS = 30 * 60_000;

/** The packages only this registry has: the toolchain, never proxied, so the public registry cannot answer for them. */
const LOCAL_ONLY = ["@agent-plugin/*", "create-agent-plugin"];

function config(dir: string, localOnly: readonly string[]): string {
  const local = [...LOCAL_ONLY, ...localOnly]
    .map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`)
    .join("");
  return [
    `storage: ${JSON.stringify(join(dir, "storage"))}`,
    "auth:",
    "  htpasswd:",
    `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
    "    max_users: 10",
    "uplinks:",
    "  npmjs:",
    `    url: ${UPLINK}`,
    "    timeout: 60s",
    "    max_fails: 5",
    // A package's metadata is fetched from the public registry once per run, not again after Verdaccio's default
    // 2 minutes: typescript's and @types/node's are 12 MB each, and a run asks for them across several minutes.
    `    maxage: ${MAX_LIFETIME_MS / 60_000}m`,
    "packages:",
    `${local}  '**':`,
    "    access: $all",
    "    publish: $authenticated",
    "    proxy: npmjs",
    "server:",
    "  keepAliveTimeout: 60",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Kills the whole process group (Verdaccio and anything it started), then waits for the process to end. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const killed = setTimeout(() => signal("SIGKILL"), 5_000);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  clearTimeout(killed);
}

/** `localOnly`: more package patterns (`@acme/*`) only the test publishes, never looked up on the public registry. */
export async function startRegistry(
  dir: string,
  options: { localOnly?: readonly string[] } = {},
): Promise<LocalRegistry> {
  mkdirSync(join(dir, "storage"), { recursive: true });
  writeFileSync(join(dir, "config.yaml"), config(dir, options.localOnly ?? []));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = createRequire(import.meta.url).resolve("verdaccio/bin/verdaccio");
  // Its own process group (detached), so stop() ends everything it started whatever happens to this process.
  const child = spawn(process.execPath, [bin, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // If the test runner itself dies, the registry does not outlive it.
  const onExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", onExit);
  const deadline = setTimeout(onExit, MAX_LIFETIME_MS);
  deadline.unref();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", onExit);
    clearTimeout(deadline);
    await killGroup(child);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await waitUntilUp(url, child, () => output);
    const token = await addUser(url);
    return { url, token, log: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with code ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Registers a user the way `npm adduser` does, and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = "e2e-publisher";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `pw-${process.pid}-${Date.now()}`, email: "e2e@example.com" }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`cannot add a user to ${url}: ${JSON.stringify(body)}`);
  return body.token;
}
