// pack never writes an archive that its own verify and install would refuse: a file over 1 MiB that deflates past
// the 200:1 zip-bomb ratio, more entries than the reader accepts, or a file over the per-file size.
import { bins, runCli, tempDir, writeTree } from "@agent-plugin/test-utils";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { timestampFromSeconds, writeZip } from "../archive/index.js";

const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });
const PLUGIN = {
  ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
  "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
};

describe("pack refuses what verify and install would refuse", () => {
  it("a 3 MB file of one repeated byte (1000:1): refused in one line; left out, the archive packs and verifies", async () => {
    const work = tempDir();
    writeTree(join(work, "demo"), { ...PLUGIN, "data/padding.txt": "a".repeat(3_000_000) });
    const refused = await viaBin(["demo", "--out", "dist", "--no-lint"], work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /cannot pack "data\/padding\.txt": 3000000 bytes deflate \d+:1, over the 200:1 that verify and install accept/,
    );
    expect(existsSync(join(work, "dist"))).toBe(false);

    writeTree(join(work, "demo"), { ".pluginignore": "data/padding.txt\n" });
    const packed = await viaBin(["demo", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
    const verify = await viaBin(["verify", "dist/demo-1.0.0.zip", "--allow-unsigned"], work);
    expect(verify.exitCode, verify.stdout).toBe(0);
  });

  it("more entries than the reader's 20,000", () => {
    const entries = Array.from({ length: 20_001 }, (_, i) => ({
      path: `f/${i}.md`,
      data: new Uint8Array([120]),
      mode: 0o644 as const,
    }));
    expect(() => writeZip(entries, { timestamp: timestampFromSeconds(0) })).toThrow(
      "cannot pack 20001 entries: verify and install refuse archives of more than 20000; leave files out with .pluginignore",
    );
    expect(() => writeZip(entries.slice(1), { timestamp: timestampFromSeconds(0) })).not.toThrow();
  });
});
