// Names that collide on Windows or macOS, or that Windows cannot write: pack refuses them all; an archive an
// earlier version signed with such names still verifies (with a warning), and unpack and install refuse it.
import { bins, inheritedEnv, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildFileManifest,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  serializeFileManifest,
  timestampFromSeconds,
  writeZip,
} from "../archive/index.js";
import { generateSigningKey, loadSigningKey, serializeSignatureFile, signManifest } from "../signing/index.js";
import { runCli as runPluginPack } from "./index.js";

const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const PLUGIN_JSON = '{"name": "demo", "version": "1.0.0", "description": "Says hello."}\n';

describe("pack refuses names that collide or cannot be written on Windows and macOS", () => {
  it.each([
    [["σ.md", "ς.md"], /differ only in case/],
    [["µ.md", "μ.md"], /differ only in case/],
    [["ſ.md", "s.md"], /differ only in case/],
    [["a.md", "a.md."], /ends with a dot or a space/],
    [["b.md", "b.md "], /ends with a dot or a space/],
    [["CON.md"], /reserved device name/],
    [["x:y.md"], /character Windows forbids/],
  ])("%j", async (names, message) => {
    const work = tempDir();
    writeTree(join(work, "demo"), {
      ".codex-plugin/plugin.json": PLUGIN_JSON,
      ...Object.fromEntries(names.map((name, i) => [`docs/${name}`, `file ${i}\n`])),
    });
    const packed = await pluginPack(["demo", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode).toBe(2);
    expect(packed.stderr).toMatch(message);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });

  it("keeps ß and ss apart, as NTFS and APFS do", async () => {
    const work = tempDir();
    writeTree(join(work, "demo"), {
      ".codex-plugin/plugin.json": PLUGIN_JSON,
      "docs/ß.md": "1\n",
      "docs/ss.md": "2\n",
    });
    const packed = await pluginPack(["demo", "--out", "dist", "--no-lint"], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
  });
});

/** A canonical archive signed as an earlier version would have: σ.md and ς.md side by side. */
async function earlierSigned(work: string): Promise<string> {
  const timestamp = timestampFromSeconds(0);
  const files = [
    { path: ".codex-plugin/plugin.json", data: text(PLUGIN_JSON), mode: 0o644 as const },
    { path: "ς.md", data: text("final sigma\n"), mode: 0o644 as const },
    { path: "σ.md", data: text("sigma\n"), mode: 0o644 as const },
  ];
  const manifest = serializeFileManifest(
    buildFileManifest({
      plugin: { name: "demo", version: "1.0.0" },
      toolchainVersion: "0.1.0",
      timestamp,
      files,
      bundles: [],
    }),
  );
  const pem = generateSigningKey().privateKeyPem;
  const key = loadSigningKey("env:KEY", { cwd: work, env: { KEY: pem } });
  writeFileSync(join(work, "release.pub"), `${key.publicKey}\n`);
  const signature = await signManifest(manifest, { kind: "key", key: key.key, publicKey: key.publicKey });
  // Today's writer refuses σ.md beside ς.md, so write ϊ.md (same length, same order) and rename it in the bytes.
  const placeholder = files.map((file) => (file.path === "σ.md" ? { ...file, path: "ϊ.md" } : file));
  const zip = Buffer.from(
    writeZip(
      [
        ...placeholder,
        { path: MANIFEST_PATH, data: manifest, mode: 0o644 },
        { path: SIGNATURE_PATH, data: serializeSignatureFile(signature), mode: 0o644 },
      ],
      { timestamp },
    ),
  );
  const from = Buffer.from("ϊ.md");
  const to = Buffer.from("σ.md");
  for (let at = zip.indexOf(from); at !== -1; at = zip.indexOf(from, at + 1)) to.copy(zip, at);
  writeFileSync(join(work, "demo-1.0.0.zip"), zip);
  return join(work, "demo-1.0.0.zip");
}

describe("an archive signed by an earlier version with colliding names", () => {
  it("verifies with a warning; unpack and install refuse it (built bin for verify)", async () => {
    const work = tempDir();
    const archive = await earlierSigned(work);
    const verify = await viaBin(["verify", archive, "--trust", "release.pub"], work);
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/warning: name collision on Windows and macOS: entries "ς\.md" and "σ\.md"/);
    const unpack = await pluginPack(["unpack", archive, "out", "--trust", "release.pub"], work);
    expect(unpack.exitCode).toBe(2);
    expect(unpack.stderr).toMatch(/cannot keep apart or write, nothing was unpacked/);
    expect(existsSync(join(work, "out"))).toBe(false);
    mkdirSync(join(work, "market"));
    const install = await pluginPack(["install", archive, "--trust", "release.pub", "--marketplace", "market"], work);
    expect(install.exitCode).toBe(2);
    expect(install.stderr).toMatch(/nothing was installed/);
    expect(existsSync(join(work, "market", "plugins"))).toBe(false);
  });
});
