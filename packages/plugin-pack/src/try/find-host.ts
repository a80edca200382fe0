import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { type HostId, ToolError } from "@agent-plugin/core";
import { currentPin, type HostDriver, HostError, driverFor, hostPackages, hostVersion } from "@agent-plugin/hosts";

/** The command each host installs on PATH. */
export const HOST_COMMANDS: Record<HostId, string> = { codex: "codex", "claude-code": "claude" };

/** A host binary ready to drive: its version, and the driver that understands that version. */
export interface FoundHost {
  host: HostId;
  bin: string;
  version: string;
  driver: HostDriver;
  /** One line when the version is not one the driver was verified against. */
  warning?: string;
}

/** The host's command on PATH, or undefined. */
export function findOnPath(host: HostId, env: NodeJS.ProcessEnv): string | undefined {
  const names =
    process.platform === "win32" ? [`${HOST_COMMANDS[host]}.exe`, `${HOST_COMMANDS[host]}.cmd`] : [HOST_COMMANDS[host]];
  for (const folder of (env.PATH ?? "").split(delimiter)) {
    if (folder === "") continue;
    for (const name of names) {
      const path = join(folder, name);
      if (isExecutableFile(path)) return path;
    }
  }
  return undefined;
}

/** How to get a host, in one line. */
export function installHint(host: HostId): string {
  const { displayName, npmPackage } = hostPackages[host];
  return `no ${displayName} found: install it with \`npm i -g ${npmPackage}\` (it puts \`${HOST_COMMANDS[host]}\` on PATH), or pass --host-bin PATH`;
}

/**
 * The host binary to run (`--host-bin`, else the host's command on PATH), its version and the driver for it.
 * Exit 2, in one line: no binary (how to install one), a binary that is not the host, a version no driver speaks.
 */
export async function findHost(options: {
  host: HostId;
  hostBin?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): Promise<FoundHost> {
  const { host } = options;
  const bin = options.hostBin === undefined ? findOnPath(host, options.env) : resolve(options.cwd, options.hostBin);
  if (bin === undefined) throw new ToolError(installHint(host));
  if (!isExecutableFile(bin)) throw new ToolError(`--host-bin ${options.hostBin}: no executable file there`);
  const version = await hostVersion({ host, bin });
  let driver: HostDriver;
  try {
    driver = driverFor(host, version);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    const pinned = currentPin(host).version;
    throw new ToolError(
      `${error.message}; run a version it drives (\`npm i -g ${hostPackages[host].npmPackage}@${pinned}\`, or --host-bin PATH), or update plugin-pack`,
    );
  }
  const found: FoundHost = { host, bin, version, driver };
  if (!driver.verified.includes(version)) {
    found.warning = `${hostPackages[host].displayName} ${version} (${bin}) differs from ${driver.verified.join(", ")}, the version plugin-pack's ${host} driver was verified against: what it loads may differ`;
  }
  return found;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!isAbsolute(path) || !statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
