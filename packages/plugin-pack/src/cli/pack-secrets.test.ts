// pack never ships the key it signs with, nor a file tools keep credentials in: with lint or without, whatever
// the file's size or depth, and in the spellings a key gets copied in (PEM, base64-wrapped, JSON-escaped).
import { bins, inheritedEnv, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "./index.js";

const pluginPack = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  runInProcess(runPluginPack, args, { cwd, env: { ...inheritedEnv(), ...env } });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

const PLUGIN = {
  ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
  "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
};

async function keyPair(work: string): Promise<{ privateKey: string; pem: string }> {
  const keygen = await pluginPack(["keygen", "--out", "keys", "--json"], work);
  expect(keygen.exitCode, keygen.stderr).toBe(0);
  const { privateKey } = JSON.parse(keygen.stdout) as { privateKey: string };
  return { privateKey, pem: readFileSync(privateKey, "utf8") };
}

describe("pack refuses a file holding the signing key in use", () => {
  const copies: [string, (pem: string) => Record<string, string>][] = [
    ["after 1.1 MB of text", (pem) => ({ "notes/big.md": `${"lorem ipsum\n".repeat(100_000)}${pem}` })],
    ["33 folders deep", (pem) => ({ [`${Array.from({ length: 33 }, (_, i) => `d${i}`).join("/")}/k.txt`]: pem })],
    [
      "base64-wrapped",
      (pem) => ({
        "config/key.b64": `${Buffer.from(pem)
          .toString("base64")
          .replace(/(.{76})/g, "$1\n")}\n`,
      }),
    ],
    [
      "JSON-escaped in a service-account file",
      (pem) => ({
        "config/service-account.json": `${JSON.stringify({ type: "service_account", private_key: pem })}\n`,
      }),
    ],
    ["named release-key.txt", (pem) => ({ "release-key.txt": pem })],
  ];

  it.each(copies)("%s, with --no-lint", async (_, files) => {
    const work = tempDir();
    const { privateKey, pem } = await keyPair(work);
    writeTree(join(work, "demo"), { ...PLUGIN, ...files(pem) });
    const packed = await pluginPack(["demo", "--out", "dist", "--sign", privateKey, "--no-lint"], work);
    expect(packed.exitCode).toBe(2);
    expect(packed.stderr).toMatch(/refusing to pack .*: it holds the signing key in use/);
    expect(packed.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });

  it("a key held in an env: variable, after 1.1 MB of text, with lint on (built bin for the file case)", async () => {
    const work = tempDir();
    const { privateKey, pem } = await keyPair(work);
    writeTree(join(work, "demo"), { ...PLUGIN, "notes/big.md": `${"lorem ipsum\n".repeat(100_000)}${pem}` });
    const fromEnv = await pluginPack(["demo", "--out", "dist", "--sign", "env:SIGNING_KEY"], work, {
      SIGNING_KEY: pem,
    });
    expect(fromEnv.exitCode).not.toBe(0);
    expect(fromEnv.stderr).toMatch(/notes\/big\.md/);
    const bin = await viaBin(["demo", "--out", "dist", "--sign", privateKey], work);
    expect(bin.exitCode).not.toBe(0);
    expect(bin.stderr).toMatch(/notes\/big\.md/);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });

  it("an unrelated key in the plugin is not the signing key: pack goes ahead", async () => {
    const work = tempDir();
    const { privateKey } = await keyPair(work);
    const other = await pluginPack(["keygen", "--out", "other", "--json"], work);
    const otherPem = readFileSync((JSON.parse(other.stdout) as { privateKey: string }).privateKey, "utf8");
    writeTree(join(work, "demo"), { ...PLUGIN, "fixtures/test.txt": otherPem });
    const packed = await pluginPack(["demo", "--out", "dist", "--sign", privateKey, "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
  });
});

describe("pack refuses credential files by name, lint or not", () => {
  it.each([
    ".git-credentials",
    ".netrc",
    ".aws/credentials",
    ".envrc",
    "sub/.netrc",
    "ops/.Docker/config.json",
    ".kube/config",
  ])("%s", async (name) => {
    const work = tempDir();
    writeTree(join(work, "demo"), { ...PLUGIN, [name]: "machine example.com login me password hunter2\n" });
    const packed = await pluginPack(["demo", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode).toBe(2);
    expect(packed.stderr).toContain(`refusing to pack ${name}: a credential file`);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });
});
