/** Where each host keeps its configuration: the environment variable it reads, else its folder in the home. */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export type LifecycleHost = "codex" | "claude-code";
export const LIFECYCLE_HOSTS: readonly LifecycleHost[] = ["codex", "claude-code"];

/** `$CODEX_HOME`, else `~/.codex`. */
export function codexHome(env: NodeJS.ProcessEnv): string {
  return env.CODEX_HOME ? resolve(env.CODEX_HOME) : join(env.HOME || homedir(), ".codex");
}

/** `$CLAUDE_CONFIG_DIR`, else `~/.claude`. */
export function claudeConfigDir(env: NodeJS.ProcessEnv): string {
  return env.CLAUDE_CONFIG_DIR ? resolve(env.CLAUDE_CONFIG_DIR) : join(env.HOME || homedir(), ".claude");
}
