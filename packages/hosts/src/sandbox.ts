import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway home for one batch: the host's config folder, a HOME, an empty working folder and the marketplace,
 * all under one temporary folder that `remove()` deletes. The user's real `~/.codex` and `~/.claude` are never read
 * or written, because every host process gets these folders in its environment.
 */
export interface Sandbox {
  root: string;
  /** `CODEX_HOME` or `CLAUDE_CONFIG_DIR`. */
  config: string;
  home: string;
  /** The host's working folder: empty, so no project-level skills or settings get in. */
  work: string;
  /** The batch marketplace folder. */
  market: string;
  /** Files a probe places outside every plugin (targets of escaping links). */
  outside: string;
  remove(): void;
}

export function createSandbox(parent = tmpdir()): Sandbox {
  // Real paths: hosts report resolved paths, and the normaliser matches them against these.
  const root = realpathSync(mkdtempSync(join(parent, "agent-plugin-hosts-")));
  const folders = {
    config: join(root, "config"),
    home: join(root, "home"),
    work: join(root, "work"),
    market: join(root, "market"),
    outside: join(root, "outside"),
  };
  for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
  return {
    root,
    ...folders,
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}

/**
 * The environment of every host process: the sandbox folders, no inherited host credentials or config paths,
 * and the hosts' telemetry, update checks and error reporting off (they would reach the network).
 */
export function sandboxEnv(sandbox: Sandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "LANG", "LC_ALL", "TERM", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    ...env,
    HOME: sandbox.home,
    USERPROFILE: sandbox.home,
    XDG_CONFIG_HOME: join(sandbox.home, ".config"),
    XDG_CACHE_HOME: join(sandbox.home, ".cache"),
    XDG_DATA_HOME: join(sandbox.home, ".local/share"),
    NO_COLOR: "1",
    RUST_BACKTRACE: "0",
    ...extra,
  };
}
