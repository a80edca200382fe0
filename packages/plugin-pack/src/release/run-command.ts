/** Child processes of the release flow (changesets, the package manager, git): output captured, never printed. */
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { PackError } from "../errors.js";

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command to completion with stdin closed; a missing executable is a clear error, not a crash. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new PackError(`cannot run ${command} (${error.code ?? error.message})`)),
    );
    child.on("close", (code, signal) =>
      resolvePromise({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}

/** The last non-empty lines of a command's output, for a one-line error. */
export function lastLines(output: string, count = 2): string {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(-count)
    .join(" / ");
}

/** The executable named `name` on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const extensions = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The JS entry of an installed package's bin, found by walking up from `start` through node_modules: run with
 * this Node, it needs no shell shim and works the same on every platform.
 */
export function findPackageBin(start: string, packageName: string, binName: string): string | undefined {
  let dir = start;
  for (;;) {
    const packageDir = join(dir, "node_modules", packageName);
    const manifest = join(packageDir, "package.json");
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
        const bin = typeof json.bin === "string" ? json.bin : json.bin?.[binName];
        if (bin) return join(packageDir, bin);
      } catch {
        return undefined;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** git, synchronously: tags and repository checks are quick, and their order matters. */
export function git(args: readonly string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error)
    throw new PackError(
      `cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}): install git, or release with --no-tag`,
    );
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}
