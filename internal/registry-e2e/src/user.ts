/**
 * A user's machine for the end-to-end test: a fresh HOME (git identity, an npm config that names the registry), a
 * PATH with only Node, npm, git and system tools (and `pnpm` when asked for), and none of the npm_* variables or
 * repository binaries of the test run itself.
 */
import { execa } from "execa";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PNPM_SPEC = "pnpm@10.34.8";
export const PNPM = ["-y", PNPM_SPEC] as const;

export interface RunResult {
  exitCode: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
}

export interface User {
  home: string;
  env: Record<string, string>;
  run(command: string, args: readonly string[], cwd: string, extraEnv?: Record<string, string>): Promise<RunResult>;
  /** Like run(), but a non-zero exit fails with the command's output. */
  ok(command: string, args: readonly string[], cwd: string, extraEnv?: Record<string, string>): Promise<RunResult>;
}

export interface UserOptions {
  /**
   * An npm cache folder shared with the other users of one run, as on a machine where npm has run before: the
   * third-party packages are fetched and unpacked once. It holds nothing from before the run, so the toolchain's
   * packages in it are the ones the run published.
   */
  npmCache?: string;
  /** An installed pnpm (its bin), put on PATH as `pnpm`; without it, `pnpm` runs `npx -y pnpm@10.34.8`. */
  pnpm?: string;
}

export function makeUser(root: string, registryUrl: string, options: UserOptions = {}): User {
  const home = join(root, "home");
  const bin = join(root, "bin");
  mkdirSync(home, { recursive: true });
  mkdirSync(bin, { recursive: true });
  const cache = options.npmCache === undefined ? "" : `cache=${options.npmCache}\n`;
  writeFileSync(join(home, ".npmrc"), `registry=${registryUrl}\nupdate-notifier=false\n${cache}`);
  // An identity, as every git user has; no init.defaultBranch, so git's own default (master) applies.
  writeFileSync(join(home, ".gitconfig"), "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n");
  // pnpm installed the way this repo pins it, for the scripts and tools that call `pnpm` by name.
  if (options.pnpm === undefined) {
    writeFileSync(join(bin, "pnpm"), `#!/bin/sh\nexec npx ${PNPM.join(" ")} "$@"\n`);
    chmodSync(join(bin, "pnpm"), 0o755);
  } else symlinkSync(options.pnpm, join(bin, "pnpm"));
  const env = {
    HOME: home,
    PATH: [bin, dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    LANG: "C.UTF-8",
    TERM: "dumb",
    GIT_CONFIG_NOSYSTEM: "1",
  };
  const run = async (command: string, args: readonly string[], cwd: string, extraEnv: Record<string, string> = {}) => {
    const result = await execa(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      extendEnv: false,
      reject: false,
      all: true,
      stdin: "ignore",
      timeout: 600_000,
    });
    return { exitCode: result.exitCode ?? -1, output: String(result.all ?? ""), stdout: String(result.stdout) };
  };
  const ok = async (command: string, args: readonly string[], cwd: string, extraEnv: Record<string, string> = {}) => {
    const result = await run(command, args, cwd, extraEnv);
    if (result.exitCode !== 0)
      throw new Error(`${command} ${args.join(" ")} exited ${result.exitCode} in ${cwd}:\n${result.output}`);
    return result;
  };
  return { home, env, run, ok };
}
