/**
 * A command in a pseudo-terminal from util-linux `script` (as packages/create-agent-plugin/src/interactive.test.ts
 * drives the prompts), answered the way a user who takes every default does: Enter whenever the screen has settled
 * on a question. It does not depend on the prompts' wording.
 */
import { spawn, spawnSync } from "node:child_process";

export const hasScript =
  process.platform === "linux" &&
  (spawnSync("script", ["--version"], { encoding: "utf8" }).stdout ?? "").includes("util-linux");

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Colour and cursor sequences out, so the screen can be searched as text. */
const plain = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

export interface TerminalRun {
  exitCode: number;
  screen: string;
  /** How many times Enter was pressed. */
  enters: number;
}

export async function takeEveryDefault(
  command: readonly string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<TerminalRun> {
  const line = `stty cols 100 rows 40; exec ${command.map(quote).join(" ")}`;
  const child = spawn("script", ["-qfec", line, "/dev/null"], {
    cwd,
    env: { ...env, TERM: "xterm", SHELL: "/bin/sh" },
  });
  let screen = "";
  child.stdout.on("data", (chunk: Buffer) => (screen += plain(chunk.toString("utf8"))));
  child.stderr.on("data", (chunk: Buffer) => (screen += plain(chunk.toString("utf8"))));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  let enters = 0;
  let seen = -1;
  // Every 700 ms: a screen that did not change since the last look is waiting for an answer; a spinner never settles.
  const ticker = setInterval(() => {
    if (screen.length === seen && child.exitCode === null) {
      child.stdin.write("\r");
      enters += 1;
    }
    seen = screen.length;
  }, 700);
  const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exitCode = await exited;
  clearInterval(ticker);
  clearTimeout(killer);
  return { exitCode, screen, enters };
}
