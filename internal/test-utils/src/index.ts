import { execa, type Result } from "execa";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { onTestFinished } from "vitest";
import { bundleEntry } from "../../../scripts/build-package.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const bins = {
  pluginLint: join(repoRoot, "packages/plugin-lint/bin/plugin-lint.cjs"),
  pluginPack: join(repoRoot, "packages/plugin-pack/bin/plugin-pack.cjs"),
  createAgentPlugin: join(repoRoot, "packages/create-agent-plugin/bin/create-agent-plugin.cjs"),
} as const;

/** A fresh temporary folder, removed when the current test finishes. */
export function tempDir(prefix = "agent-plugin-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A source entry point (a worker thread's, say) bundled into `dir` as the packages' builds bundle it, for tests that
 * need its file without a build; returns the bundle's URL.
 */
export async function bundleForTest(entry: string, dir: string): Promise<URL> {
  const outfile = join(dir, `${basename(entry).replace(/\.ts$/, "")}.mjs`);
  await bundleEntry({ entry, outfile });
  return pathToFileURL(outfile);
}

/** Writes a tree of files: `{ "a/b.json": "{...}" }`. Objects are written as pretty JSON. */
export function writeTree(root: string, files: Record<string, string | object | Uint8Array>): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    const data =
      typeof content === "string" || content instanceof Uint8Array ? content : `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(path, data);
  }
}

/** Copies a fixture folder into a temporary folder, keeping symbolic links as links. */
export function copyFixture(source: string): string {
  const dir = tempDir();
  cpSync(source, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Steps a fixture needs that git cannot hold: huge files, links, permissions. */
export type SetupStep =
  | { write: string; bytes: number; fill?: string }
  | { symlink: string; target: string }
  | { chmod: string; mode: string };

export function applySetup(root: string, steps: readonly SetupStep[]): void {
  for (const step of steps) {
    if ("write" in step) {
      const path = join(root, step.write);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.alloc(step.bytes, step.fill ?? "a"));
    } else if ("symlink" in step) {
      const path = join(root, step.symlink);
      mkdirSync(dirname(path), { recursive: true });
      symlinkSync(step.target, path);
    } else {
      chmodSync(join(root, step.chmod), parseInt(step.mode, 8));
    }
  }
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI as a child process, never throwing on a non-zero exit. */
export async function runCli(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string } = { cwd: repoRoot },
): Promise<CliResult> {
  const result: Result = await execa(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    reject: false,
    timeout: 60_000,
    ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** True when tests that need the network (the npm registry) should skip: `describe.skipIf(offline)`. */
export const offline = process.env.AGENT_PLUGIN_OFFLINE === "1";

/** This process's environment, as a spawned CLI inherits it: for `runInProcess` tests that run git or npm. */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** What a CLI's `runCli(argv, io)` receives when a test runs it in-process. */
export interface InProcessIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs a CLI's exported `runCli(argv, io)` in this process, capturing what it prints: the fast way to test
 * CLI behaviour. Keep a few `runCli(bin, ...)` child-process smoke tests per command for the real bin.
 */
export async function runInProcess<Io extends InProcessIo>(
  run: (argv: readonly string[], io: Io) => Promise<number>,
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string> } & Partial<Omit<Io, keyof InProcessIo>>,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const { cwd, env, ...rest } = options;
  const io = {
    ...rest,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  } as unknown as Io;
  const exitCode = await run(argv, io);
  return { exitCode, stdout, stderr };
}

/**
 * Every file, folder and link under `dir`: path → mode and content hash (a link → its target). Comparing two of
 * these proves that a command changed nothing.
 */
export function treeSnapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      const key = relative(dir, path);
      if (stats.isSymbolicLink()) result[key] = `link ${readlinkSync(path)}`;
      else if (stats.isDirectory()) {
        result[`${key}/`] = (stats.mode & 0o7777).toString(8);
        walk(path);
      } else
        result[key] =
          `${(stats.mode & 0o7777).toString(8)} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
    }
  };
  walk(dir);
  return result;
}

/**
 * A result as a child process gives it: one final newline taken off stdout and stderr (execa strips it), so the
 * assertions written for `runCli(bin, ...)` hold for `runInProcess(...)` too.
 */
export function withoutFinalNewline(result: CliResult): CliResult {
  const strip = (text: string) => text.replace(/\r?\n$/, "");
  return { exitCode: result.exitCode, stdout: strip(result.stdout), stderr: strip(result.stderr) };
}

/** The pnpm this repository pins, as a command and its first arguments: the one running the tests, else npx's. */
export function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm\.c?js$/.test(execPath)) return { command: process.execPath, args: [execPath] };
  return { command: "npx", args: ["-y", "pnpm@10.34.8"] };
}

/** The packages this repository publishes, by folder under packages/. */
export const publishedPackages = ["core", "hosts", "plugin-lint", "plugin-pack", "create-agent-plugin"] as const;
