import type { HostId } from "@agent-plugin/core";
import { HostError } from "./errors.js";
import { hostPackages } from "./host-packages.js";
import { runProcess } from "./process.js";
import { createSandbox, sandboxEnv } from "./sandbox.js";

/**
 * The version a host binary reports (`codex --version` prints `codex-cli 0.171.0`, `claude --version` prints
 * `2.1.332 (Claude Code)`). It runs in a throwaway home, so even this never touches the user's config. Throws a
 * one-line HostError when the binary does not start or prints no version.
 */
export async function hostVersion(options: { host: HostId; bin: string; timeoutMs?: number }): Promise<string> {
  const { host, bin } = options;
  const name = hostPackages[host].displayName;
  const sandbox = createSandbox();
  try {
    const result = await runProcess({
      command: bin,
      args: ["--version"],
      cwd: sandbox.work,
      env: sandboxEnv(sandbox, { CODEX_HOME: sandbox.config, CLAUDE_CONFIG_DIR: sandbox.config }),
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    if (result.spawnError !== undefined) throw new HostError(`${bin} does not start: ${result.spawnError}`);
    const version = parseHostVersion(host, result.stdout);
    if (result.exitCode !== 0 || version === undefined) {
      const said = (result.stdout + result.stderr).trim().split("\n")[0] ?? "";
      throw new HostError(
        `${bin} --version printed no ${name} version${said === "" ? "" : ` ("${said.slice(0, 120)}")`}: is it ${name}?`,
      );
    }
    return version;
  } finally {
    sandbox.remove();
  }
}

/** The version in a host's `--version` line, only when the line is that host's. */
export function parseHostVersion(host: HostId, stdout: string): string | undefined {
  const line = stdout.trim().split("\n")[0] ?? "";
  const pattern = host === "codex" ? /^codex(?:-cli)? (\d+\.\d+\.\d+\S*)$/ : /^(\d+\.\d+\.\d+\S*) \(Claude Code\)$/;
  return pattern.exec(line.trim())?.[1];
}
