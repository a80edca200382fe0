// signature.json is bound byte for byte: any spelling other than the one plugin-pack writes (a duplicate key
// smuggling a fake keyId, other key order, whitespace, 1.0) fails verify and install, though its values parse.
import { bins, inheritedEnv, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArchive, SIGNATURE_PATH, timestampFromSeconds, writeZip } from "../archive/index.js";
import { runCli as runPluginPack } from "./index.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

/** A signed archive of a tiny plugin; returns its path and the public key file. */
async function signedArchive(work: string): Promise<{ archive: string; publicKey: string }> {
  const keygen = await pluginPack(["keygen", "--out", "keys", "--json"], work);
  expect(keygen.exitCode, keygen.stderr).toBe(0);
  const { privateKey, publicKey } = JSON.parse(keygen.stdout) as { privateKey: string; publicKey: string };
  writeTree(join(work, "demo"), {
    ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
    "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
  });
  const packed = await pluginPack(["demo", "--out", "dist", "--sign", privateKey, "--no-lint"], work);
  expect(packed.exitCode, packed.stderr).toBe(0);
  const name = readdirSync(join(work, "dist")).find((file) => file.endsWith(".zip"))!;
  return { archive: join(work, "dist", name), publicKey };
}

/** The archive again, canonical, with signature.json rewritten by `edit`. */
async function withSignature(archive: string, out: string, edit: (text: string) => string): Promise<void> {
  const read = await readArchive(archive);
  const entries = read.entries.map((entry) => ({
    path: entry.path,
    mode: entry.mode as 0o644 | 0o755,
    data:
      entry.path === SIGNATURE_PATH ? new TextEncoder().encode(edit(new TextDecoder().decode(entry.data))) : entry.data,
  }));
  writeFileSync(out, writeZip(entries, { timestamp: timestampFromSeconds(0) }));
}

describe("signature.json must be the exact bytes plugin-pack writes", () => {
  const edits: [string, (text: string) => string][] = [
    [
      "a duplicate keyId key",
      (text) => text.replace('{\n  "formatVersion"', '{\n  "keyId": "attacker-chosen text",\n  "formatVersion"'),
    ],
    [
      "reordered keys",
      (text) => {
        const value = JSON.parse(text) as Record<string, unknown>;
        const { formatVersion, ...rest } = value;
        return `${JSON.stringify({ ...rest, formatVersion }, null, 2)}\n`;
      },
    ],
    ["extra whitespace", (text) => text.replace("\n}", "\n  \n}")],
    ["formatVersion 1.0", (text) => text.replace('"formatVersion": 1,', '"formatVersion": 1.0,')],
    ["no final newline", (text) => text.trimEnd()],
  ];

  it.each(edits)("%s: verify and install refuse it", async (_, edit) => {
    const work = tempDir();
    const { archive, publicKey } = await signedArchive(work);
    const original = await pluginPack(["verify", archive, "--trust", publicKey], work);
    expect(original.exitCode, original.stdout + original.stderr).toBe(0);
    await withSignature(archive, join(work, "edited.zip"), edit);
    const verify = await pluginPack(["verify", "edited.zip", "--trust", publicKey], work);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/signature\.json: is not in canonical form/);
    mkdirSync(join(work, "market"));
    const install = await pluginPack(["install", "edited.zip", "--trust", publicKey, "--marketplace", "market"], work);
    expect(install.exitCode).not.toBe(0);
    expect(readdirSync(join(work, "market"))).toEqual([]);
  });

  it("the duplicate-key archive fails through the built bin too; the unedited one verifies", async () => {
    const work = tempDir();
    const { archive, publicKey } = await signedArchive(work);
    await withSignature(archive, join(work, "same.zip"), (text) => text);
    expect((await viaBin(["verify", "same.zip", "--trust", publicKey], work)).exitCode).toBe(0);
    await withSignature(archive, join(work, "dup.zip"), edits[0]![1]);
    const verify = await viaBin(["verify", "dup.zip", "--trust", publicKey], work);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/not in canonical form/);
  });
});
