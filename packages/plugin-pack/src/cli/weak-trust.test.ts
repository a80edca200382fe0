// --trust refuses the small-order identity point: with it, a crafted signature (R = identity, S = 0) would
// verify over any manifest, so anyone could "sign" for a verifier who trusted it.
import { bins, inheritedEnv, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArchive, SIGNATURE_PATH, sha256Hex, timestampFromSeconds, writeZip } from "../archive/index.js";
import { keyIdOf, serializeSignatureFile } from "../signing/index.js";
import { runCli as runPluginPack } from "./index.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

const IDENTITY = new Uint8Array(32);
IDENTITY[0] = 1;
const IDENTITY_KEY = `ed25519:${Buffer.from(IDENTITY).toString("base64")}`;

describe("--trust refuses weak keys", () => {
  it("an archive 'signed' for the identity point is refused at --trust, in-process and through the bin", async () => {
    const work = tempDir();
    writeTree(join(work, "demo"), {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Says hello." },
      "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
    });
    const packed = await pluginPack(["demo", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
    const read = await readArchive(
      join(work, "dist", readdirSync(join(work, "dist")).find((file) => file.endsWith(".zip"))!),
    );
    const manifest = read.entries.find((entry) => entry.path === ".plugin-pack/manifest.json")!;
    const signature = Buffer.concat([IDENTITY, new Uint8Array(32)]).toString("base64");
    const entries = [
      ...read.entries.map((entry) => ({ path: entry.path, data: entry.data, mode: entry.mode as 0o644 | 0o755 })),
      {
        path: SIGNATURE_PATH,
        mode: 0o644 as const,
        data: serializeSignatureFile({
          formatVersion: 1,
          algorithm: "ed25519",
          keyId: keyIdOf(IDENTITY),
          publicKey: Buffer.from(IDENTITY).toString("base64"),
          manifestSha256: sha256Hex(manifest.data),
          signature,
        }),
      },
    ];
    writeFileSync(join(work, "forged.zip"), writeZip(entries, { timestamp: timestampFromSeconds(0) }));
    for (const run of [pluginPack, viaBin]) {
      const verify = await run(["verify", "forged.zip", "--trust", IDENTITY_KEY], work);
      expect(verify.exitCode).toBe(2);
      expect(verify.stderr).toMatch(/refusing to trust this public key: it is a point of small order/);
    }
  });
});
