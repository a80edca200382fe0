// Archives built to exhaust verify, unpack and install before any signature is checked: huge names, deep
// folders, many problems. Each must be refused (or reported) in one line, in time and memory linear in its size.
// Resource ceilings are ten times what the fixed code takes, measured by a child's own accounting.
import { bins, inheritedEnv, runCli, runInProcess, tempDir } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { zipSync } from "fflate";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "./index.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

/** A ZIP with the given names (any bytes fflate will write), each holding a few bytes. */
export function zipOf(names: readonly string[]): Uint8Array {
  return zipSync(Object.fromEntries(names.map((name) => [name, new TextEncoder().encode("x")])), { level: 0 });
}

/** Runs verifyArchive from the built package in a child and returns its CPU time (ms) and peak RSS (KiB). */
export async function measureVerify(archive: string, cwd: string): Promise<{ cpuMs: number; maxRssKb: number }> {
  const script = `
    const { verifyArchive } = await import(${JSON.stringify(join(import.meta.dirname, "../../dist/index.js"))});
    const before = process.cpuUsage();
    const report = await verifyArchive(${JSON.stringify(archive)}, { trust: [], allowUnsigned: true });
    const used = process.cpuUsage(before);
    console.log(JSON.stringify({ ok: report.ok, cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
  `;
  const run = await execa(process.execPath, ["--input-type=module", "-e", script], { cwd, reject: false });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { cpuMs: number; maxRssKb: number };
}

describe("hostile names are refused before any signature check", () => {
  const longName = (n: number): string => `${String(n)}${"a".repeat(65_534)}`;

  it("five 65,535-byte names: verify and install refuse in one line, fast", async () => {
    const work = tempDir();
    writeFileSync(join(work, "long.zip"), zipOf([1, 2, 3, 4, 5].map(longName)));
    mkdirSync(join(work, "market"));
    const started = Date.now();
    const verify = await pluginPack(["verify", "long.zip", "--allow-unsigned"], work);
    expect(verify.exitCode).toBe(1);
    expect(`${verify.stdout}${verify.stderr}`).toMatch(/name longer than 4096 bytes/);
    const install = await pluginPack(["install", "long.zip", "--marketplace", "market", "--allow-unsigned"], work);
    expect(install.exitCode).not.toBe(0);
    expect(install.stderr.trim().split("\n")).toHaveLength(1);
    expect(install.stderr).toMatch(/name longer than 4096 bytes/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("deep and long names within the limits cost linear memory (built bin, child accounting)", async () => {
    const work = tempDir();
    // 2,000 names of 4,000 bytes, 60 folders deep: every prefix of every name is distinct.
    const names = Array.from({ length: 2000 }, (_, i) => {
      const segment = `${i}`.padStart(5, "0") + "b".repeat(60);
      return Array.from({ length: 60 }, () => segment).join("/");
    });
    writeFileSync(join(work, "deep.zip"), zipOf(names));
    const bin = await viaBin(["verify", "deep.zip", "--allow-unsigned"], work);
    expect(bin.stderr).not.toMatch(/heap|Maximum call stack/);
    const used = await measureVerify(join(work, "deep.zip"), work);
    // Measured on the fixed code: about 1 s of CPU and 150 MB (whole-prefix bookkeeping took 2.8 s and 370 MB here).
    expect(used.cpuMs).toBeLessThan(10 * 1_000);
    expect(used.maxRssKb).toBeLessThan(10 * 150 * 1024);
  });
});
