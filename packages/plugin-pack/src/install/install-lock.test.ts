// install under a marketplace lock: two real processes at once both land their entries; a dead holder's lock is
// taken over and reported; folders an interrupted install left behind are refused with what to do.
import { bins, inheritedEnv, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "../cli/index.js";
import { LOCK_FILE } from "./install-lock.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

/** Unsigned archives of plugins `names` at `version`, packed into <work>/dist. */
async function archives(work: string, names: string[], version = "1.0.0"): Promise<string[]> {
  const paths: string[] = [];
  for (const name of names) {
    const dir = join(work, `src-${name}-${version}`, name);
    writeTree(dir, {
      ".codex-plugin/plugin.json": { name, version, description: "Says hello." },
      "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
    });
    const packed = await pluginPack([dir, "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
    paths.push(join(work, "dist", `${name}-${version}.zip`));
  }
  return paths;
}

const entryNames = (root: string): string[] =>
  (
    JSON.parse(readFileSync(join(root, ".agents/plugins/marketplace.json"), "utf8")) as {
      plugins: { name: string }[];
    }
  ).plugins
    .map((plugin) => plugin.name)
    .sort();

describe("install takes a lock on the marketplace", () => {
  it("two concurrent installs (built bin, real processes) both keep their entries, 4 runs", async () => {
    const work = tempDir();
    const [a, b] = await archives(work, ["alpha", "beta"]);
    for (let run = 0; run < 4; run++) {
      const root = join(work, `market-${run}`);
      mkdirSync(root);
      const results = await Promise.all(
        [a!, b!].map((archive) => viaBin(["install", archive, "--allow-unsigned", "--marketplace", root], work)),
      );
      for (const result of results) expect(result.exitCode, result.stderr).toBe(0);
      expect(entryNames(root)).toEqual(["alpha", "beta"]);
      expect(existsSync(join(root, LOCK_FILE))).toBe(false);
    }
  });

  it("takes over a lock left by a process that is no longer running, and says so", async () => {
    const work = tempDir();
    const [a] = await archives(work, ["alpha"]);
    const root = join(work, "market");
    mkdirSync(root);
    writeFileSync(join(root, LOCK_FILE), `999999999\n${hostname()}\n`);
    const result = await pluginPack(["install", a!, "--allow-unsigned", "--marketplace", "market"], work);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /took over the install lock .* left by process 999999999, which is no longer running/,
    );
    expect(existsSync(join(root, LOCK_FILE))).toBe(false);
  });
});

describe("install refuses what an interrupted install left behind", () => {
  it.each([".alpha.previous-0a1b2c3d", ".alpha.install-0a1b2c3d", "..alpha.install-0a1b2c3d.partial-XyZ123"])(
    "%s",
    async (leftover) => {
      const work = tempDir();
      const [a] = await archives(work, ["alpha"]);
      const root = join(work, "market");
      mkdirSync(join(root, "plugins", leftover), { recursive: true });
      const result = await pluginPack(["install", a!, "--allow-unsigned", "--marketplace", "market"], work);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(
        `an earlier install of alpha was interrupted and left market/plugins/${leftover}`,
      );
      expect(existsSync(join(root, "plugins", "alpha"))).toBe(false);
      expect(existsSync(join(root, LOCK_FILE))).toBe(false);
    },
  );
});
