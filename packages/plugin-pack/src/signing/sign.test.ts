/** Signing with a key and through external commands (openssl, a node script), and signature.json parsing. */
import { tempDir } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../archive/index.js";
import { generateSigningKey, loadSigningKey } from "./keys.js";
import { parseSignatureFile, serializeSignatureFile, signatureVerifies, signManifest } from "./sign.js";
import { signedPayload, type SignatureFile } from "./types.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Flips an unused low bit of the last base64 digit: the text changes, the decoded bytes do not. */
const setPaddingBit = (base64: string): string =>
  `${base64.slice(0, -3) + BASE64[BASE64.indexOf(base64.at(-3)!) ^ 1]}==`;

const manifest = new TextEncoder().encode('{\n  "formatVersion": 1\n}\n');

let opensslAvailable = false;
beforeAll(async () => {
  opensslAvailable = (await execa("openssl", ["version"], { reject: false })).exitCode === 0;
});

/** A key pair on disk, as keygen writes it. */
function keyOnDisk(): { dir: string; keyFile: string; publicKey: string; keyId: string; pem: string } {
  const dir = tempDir();
  const key = generateSigningKey();
  const keyFile = join(dir, "signing.key");
  writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 });
  return { dir, keyFile, publicKey: key.publicKey, keyId: key.keyId, pem: key.privateKeyPem };
}

describe("signManifest with a key", () => {
  it("signs the domain-separated payload for the manifest digest", async () => {
    const { dir, keyFile } = keyOnDisk();
    const key = loadSigningKey(keyFile, { cwd: dir, env: {} });
    const signature = await signManifest(manifest, { kind: "key", key: key.key, publicKey: key.publicKey });
    expect(signature).toEqual({
      formatVersion: 1,
      algorithm: "ed25519",
      keyId: key.keyId,
      publicKey: key.publicKey.slice("ed25519:".length),
      manifestSha256: sha256Hex(manifest),
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(signatureVerifies(signature)).toBe(true);
    expect(signatureVerifies({ ...signature, manifestSha256: sha256Hex(new Uint8Array([1])) })).toBe(false);
  });

  it("produces a signature openssl verifies over the documented payload bytes", async ({ skip }) => {
    if (!opensslAvailable) skip();
    const { dir, keyFile, pem } = keyOnDisk();
    const key = loadSigningKey(keyFile, { cwd: dir, env: {} });
    const signature = await signManifest(manifest, { kind: "key", key: key.key, publicKey: key.publicKey });
    writeFileSync(join(dir, "payload"), `plugin-pack/signature/v1\n${sha256Hex(manifest)}\n`);
    writeFileSync(join(dir, "sig"), Buffer.from(signature.signature, "base64"));
    writeFileSync(
      join(dir, "pub.pem"),
      createPublicKey(createPrivateKey(pem)).export({ format: "pem", type: "spki" }) as string,
    );
    const result = await execa(
      "openssl",
      ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "payload", "-sigfile", "sig"],
      { cwd: dir, reject: false },
    );
    expect(result.stdout).toContain("Signature Verified Successfully");
  });

  it("refuses a key that does not match the public key it claims", async () => {
    const a = loadSigningKey("env:K", { cwd: "/", env: { K: generateSigningKey().privateKeyPem } });
    const other = generateSigningKey().publicKey;
    await expect(signManifest(manifest, { kind: "key", key: a.key, publicKey: other })).rejects.toThrow(
      `the signing key does not match its public key ${other}`,
    );
  });

  it("refuses public key text that is not ed25519:<base64>", async () => {
    const a = loadSigningKey("env:K", { cwd: "/", env: { K: generateSigningKey().privateKeyPem } });
    await expect(signManifest(manifest, { kind: "key", key: a.key, publicKey: "AAAA" })).rejects.toThrow(
      'the signer\'s public key must be one line like ed25519:<base64 of 32 bytes>, not "AAAA"',
    );
  });
});

describe("signManifest with an external command", () => {
  it("signs through openssl pkeyutl, as a KMS or HSM wrapper would", async ({ skip }) => {
    if (!opensslAvailable) skip();
    const { dir, publicKey, keyId } = keyOnDisk();
    // OpenSSL 3.0 signs Ed25519 one-shot and cannot size stdin, so the wrapper spools the payload to a file.
    writeFileSync(
      join(dir, "openssl-signer.sh"),
      `#!/bin/sh\nset -eu\npayload=$(mktemp)\ntrap 'rm -f "$payload"' EXIT\ncat > "$payload"\nopenssl pkeyutl -sign -inkey signing.key -rawin -in "$payload" | openssl base64 -A\n`,
      { mode: 0o755 },
    );
    const signature = await signManifest(manifest, {
      kind: "command",
      command: "./openssl-signer.sh",
      publicKey,
      cwd: dir,
    });
    expect(signature.keyId).toBe(keyId);
    expect(signatureVerifies(signature)).toBe(true);
  });

  it("passes the digest, payload and key id in the environment", async () => {
    const { dir, publicKey, keyId } = keyOnDisk();
    const script = join(dir, "signer.mjs");
    writeFileSync(
      script,
      `import { createPrivateKey, sign } from "node:crypto";
       import { readFileSync, writeFileSync } from "node:fs";
       const { PLUGIN_PACK_DIGEST, PLUGIN_PACK_PAYLOAD, PLUGIN_PACK_KEY_ID } = process.env;
       writeFileSync("env.json", JSON.stringify({ PLUGIN_PACK_DIGEST, PLUGIN_PACK_PAYLOAD, PLUGIN_PACK_KEY_ID }));
       const key = createPrivateKey(readFileSync("signing.key"));
       process.stdout.write(sign(null, Buffer.from(PLUGIN_PACK_PAYLOAD, "base64"), key).toString("base64") + "\\n");`,
    );
    const signature = await signManifest(manifest, {
      kind: "command",
      command: `"${process.execPath}" signer.mjs`,
      publicKey,
      cwd: dir,
    });
    expect(signatureVerifies(signature)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "env.json"), "utf8"))).toEqual({
      PLUGIN_PACK_DIGEST: sha256Hex(manifest),
      PLUGIN_PACK_PAYLOAD: Buffer.from(signedPayload(sha256Hex(manifest))).toString("base64"),
      PLUGIN_PACK_KEY_ID: keyId,
    });
  });

  const node = `"${process.execPath}" -e`;
  it.each<[string, string, string]>([
    [
      "fails",
      `echo "connecting to KMS" >&2; echo "kms: access denied" >&2; exit 3`,
      "failed with exit code 3; its stderr ended with: kms: access denied",
    ],
    [
      "prints nothing",
      `cat > /dev/null`,
      "printed nothing; it must print the base64 Ed25519 signature of the payload it reads on stdin",
    ],
    ["prints something else", `echo "signature: 12345"`, 'printed something that is not base64: "signature: 12345"'],
    [
      "prints a short signature",
      `${node} "process.stdout.write(Buffer.alloc(48).toString('base64'))"`,
      "printed a 48-byte signature; Ed25519 signatures are 64 bytes",
    ],
    [
      "signs with another key",
      `${node} "const c=require('crypto');const k=c.generateKeyPairSync('ed25519').privateKey;process.stdout.write(c.sign(null,Buffer.from(process.env.PLUGIN_PACK_PAYLOAD,'base64'),k).toString('base64'))"`,
      "printed a signature that does not verify against ",
    ],
  ])("names the command when it %s", async (_, command, problem) => {
    const { dir, publicKey } = keyOnDisk();
    await expect(signManifest(manifest, { kind: "command", command, publicKey, cwd: dir })).rejects.toThrow(
      `signer command \`${command}\` ${problem}`,
    );
  });

  it("stops a command that hangs, with everything it started", async () => {
    const { dir, publicKey } = keyOnDisk();
    const started = Date.now();
    await expect(
      signManifest(manifest, { kind: "command", command: "sleep 30; echo never", publicKey, cwd: dir, timeoutMs: 300 }),
    ).rejects.toThrow("signer command `sleep 30; echo never` did not finish within 0.3 s and was stopped");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("says when the command cannot start", async () => {
    const { publicKey } = keyOnDisk();
    await expect(
      signManifest(manifest, { kind: "command", command: "true", publicKey, cwd: "/nonexistent/folder" }),
    ).rejects.toThrow(/^signer command `true` could not start \(spawn .*ENOENT\)$/);
  });
});

describe("signature.json", () => {
  const valid = async (): Promise<SignatureFile> => {
    const key = loadSigningKey("env:K", { cwd: "/", env: { K: generateSigningKey().privateKeyPem } });
    return signManifest(manifest, { kind: "key", key: key.key, publicKey: key.publicKey });
  };

  it("serialises in the type's key order and parses back", async () => {
    const signature = await valid();
    const bytes = serializeSignatureFile(signature);
    expect(Object.keys(JSON.parse(new TextDecoder().decode(bytes)))).toEqual([
      "formatVersion",
      "algorithm",
      "keyId",
      "publicKey",
      "manifestSha256",
      "signature",
    ]);
    expect(new TextDecoder().decode(bytes)).toMatch(
      /^\{\n {2}"formatVersion": 1,\n {2}"algorithm": "ed25519",\n[\s\S]*\n\}\n$/,
    );
    expect(parseSignatureFile(bytes, "a.zip")).toEqual(signature);
  });

  it.each<[string, (s: Record<string, unknown>) => void, string]>([
    ["an unknown field", (s) => (s.timestamp = "now"), "timestamp is not a known field"],
    ["a missing field", (s) => delete s.keyId, "keyId is missing"],
    ["another algorithm", (s) => (s.algorithm = "rsa"), 'algorithm is "rsa"; only "ed25519" is defined'],
    ["another format", (s) => (s.formatVersion = 2), "formatVersion is 2; this plugin-pack reads format 1"],
    ["a bad key id", (s) => (s.keyId = "XYZ"), "keyId must be 16 lowercase hex characters"],
    [
      "a short public key",
      (s) => (s.publicKey = "AAAA"),
      "publicKey must be the base64 of a 32-byte Ed25519 public key",
    ],
    [
      "a signature of the wrong size",
      (s) => (s.signature = Buffer.alloc(32).toString("base64")),
      "signature must be the base64 of a 64-byte Ed25519 signature",
    ],
    // The last base64 character before "==" carries 4 unused bits: flipping one decodes to the same bytes.
    [
      "a signature with padding bits set",
      (s) => (s.signature = setPaddingBit(String(s.signature))),
      "signature is not canonical base64 (its padding bits are set)",
    ],
  ])("refuses %s", async (_, change, message) => {
    const signature = JSON.parse(new TextDecoder().decode(serializeSignatureFile(await valid()))) as Record<
      string,
      unknown
    >;
    change(signature);
    expect(() => parseSignatureFile(new TextEncoder().encode(JSON.stringify(signature)), "a.zip")).toThrow(
      `a.zip: .plugin-pack/signature.json: ${message}`,
    );
  });
});
