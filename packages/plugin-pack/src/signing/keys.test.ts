/** Ed25519 key files, key text, loading signing keys from files and env vars, and trust lists. */
import { tempDir } from "@agent-plugin/test-utils";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatPublicKey,
  generateSigningKey,
  keyIdOf,
  loadSigningKey,
  loadTrust,
  parsePublicKeyText,
  writeKeyPair,
} from "./keys.js";

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe("generateSigningKey", () => {
  it("gives a PKCS#8 PEM, the one-line public key and its id", () => {
    const key = generateSigningKey();
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(key.publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    const raw = parsePublicKeyText(key.publicKey)!;
    expect(key.keyId).toBe(createHash("sha256").update(raw).digest("hex").slice(0, 16));
    // The public key text is the raw key: it verifies what the private key signs.
    const spki = createPublicKey(key.privateKeyPem).export({ format: "der", type: "spki" });
    expect(Buffer.from(spki.subarray(-32)).equals(Buffer.from(raw))).toBe(true);
  });

  it("parses only the strict ed25519:<base64 of 32 bytes> form", () => {
    const { publicKey } = generateSigningKey();
    expect(parsePublicKeyText(`  ${publicKey}\n`)).toBeDefined();
    expect(parsePublicKeyText(publicKey.slice(8))).toBeUndefined();
    expect(parsePublicKeyText(`${publicKey.slice(0, -2)}=`)).toBeUndefined();
    expect(parsePublicKeyText(`ed25519:${Buffer.alloc(33).toString("base64")}`)).toBeUndefined();
  });
});

describe("writeKeyPair", () => {
  it("writes <name>.key 0600 and <name>.pub 0644 and returns their paths and the key id", () => {
    const dir = tempDir();
    const result = writeKeyPair("keys", { cwd: dir });
    expect(result).toEqual({
      privateKey: join(dir, "keys/plugin-signing.key"),
      publicKey: join(dir, "keys/plugin-signing.pub"),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(modeOf(result.privateKey)).toBe("600");
    expect(modeOf(result.publicKey)).toBe("644");
    const publicText = readFileSync(result.publicKey, "utf8");
    expect(publicText).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
    expect(keyIdOf(parsePublicKeyText(publicText)!)).toBe(result.keyId);
    expect(loadSigningKey(result.privateKey, { cwd: dir, env: {} }).keyId).toBe(result.keyId);
  });

  it("sets exact modes whatever the umask", () => {
    const previous = process.umask(0o000);
    try {
      const open = writeKeyPair(tempDir(), { name: "open" });
      expect([modeOf(open.privateKey), modeOf(open.publicKey)]).toEqual(["600", "644"]);
      process.umask(0o077);
      const closed = writeKeyPair(tempDir(), { name: "closed" });
      expect([modeOf(closed.privateKey), modeOf(closed.publicKey)]).toEqual(["600", "644"]);
    } finally {
      process.umask(previous);
    }
  });

  it("refuses to replace either file without force, and writes nothing then", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "release.pub"), "old\n");
    expect(() => writeKeyPair(dir, { name: "release" })).toThrow(
      `${join(dir, "release.pub")} already exists: choose another --name, or pass --force to replace the key pair`,
    );
    expect(existsSync(join(dir, "release.key"))).toBe(false);
    expect(readFileSync(join(dir, "release.pub"), "utf8")).toBe("old\n");
  });

  it("replaces a pair with force, never writing through a planted symlink", () => {
    const dir = tempDir();
    const first = writeKeyPair(dir);
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    rmSync(first.publicKey);
    symlinkSync(victim, first.publicKey, "file");
    const second = writeKeyPair(dir, { force: true });
    expect(second.keyId).not.toBe(first.keyId);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(readFileSync(second.publicKey, "utf8")).toMatch(/^ed25519:/);
    expect(modeOf(second.privateKey)).toBe("600");
  });

  it.each(["", "../up", "a/b", ".hidden"])("refuses the key name %j", (name) => {
    expect(() => writeKeyPair(tempDir(), { name })).toThrow(
      `key name ${JSON.stringify(name)} must be a plain file name such as "release"`,
    );
  });
});

describe("loadSigningKey", () => {
  const pair = (): { dir: string; key: string; pub: string; keyId: string; pem: string } => {
    const dir = tempDir();
    const written = writeKeyPair(dir);
    return {
      dir,
      key: written.privateKey,
      pub: written.publicKey,
      keyId: written.keyId,
      pem: readFileSync(written.privateKey, "utf8"),
    };
  };

  it("loads a key file relative to cwd, a PEM in an env var, and base64 DER in an env var", () => {
    const { dir, keyId, pem } = pair();
    expect(loadSigningKey("plugin-signing.key", { cwd: dir, env: {} }).keyId).toBe(keyId);
    expect(loadSigningKey("env:SIGNING_KEY", { cwd: "/", env: { SIGNING_KEY: pem } }).keyId).toBe(keyId);
    const der = createPrivateKey(pem).export({ format: "der", type: "pkcs8" });
    const loaded = loadSigningKey("env:SIGNING_KEY_DER", {
      cwd: "/",
      env: { SIGNING_KEY_DER: der.toString("base64") },
    });
    expect(loaded.keyId).toBe(keyId);
    expect(loaded.publicKey).toBe(formatPublicKey(parsePublicKeyText(loaded.publicKey)!));
    // The loaded key signs what the public key verifies.
    const signature = sign(null, Buffer.from("x"), loaded.key);
    expect(verify(null, Buffer.from("x"), createPublicKey(pem), signature)).toBe(true);
  });

  it.each<[string, (p: ReturnType<typeof pair>) => [string, NodeJS.ProcessEnv], string]>([
    [
      "a missing file",
      () => ["nope.key", {}],
      "signing key nope.key does not exist: create one with plugin-pack keygen, or pass env:NAME for a key in an environment variable",
    ],
    [
      "an unset env var",
      () => ["env:NOPE", {}],
      "environment variable NOPE is empty or not set: put the private key's PEM (or the base64 of its DER) in it",
    ],
    [
      "an empty env var",
      () => ["env:EMPTY", { EMPTY: "  \n" }],
      "environment variable EMPTY is empty or not set: put the private key's PEM (or the base64 of its DER) in it",
    ],
    [
      "the .pub file",
      () => ["plugin-signing.pub", {}],
      "plugin-signing.pub holds a public key; signing needs the private key (the .key file from plugin-pack keygen)",
    ],
    [
      "a PEM public key",
      (p) => ["env:PUB", { PUB: createPublicKey(p.pem).export({ format: "pem", type: "spki" }) as string }],
      "environment variable PUB holds a public key; signing needs the private key (the .key file from plugin-pack keygen)",
    ],
    [
      "an RSA key",
      () => [
        "env:RSA",
        {
          RSA: generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
            format: "pem",
            type: "pkcs8",
          }) as string,
        },
      ],
      "environment variable RSA is an rsa key; plugin-pack signs with Ed25519 keys (create one with plugin-pack keygen)",
    ],
    [
      "an encrypted key",
      () => [
        "env:ENC",
        {
          ENC: generateKeyPairSync("ed25519").privateKey.export({
            format: "pem",
            type: "pkcs8",
            cipher: "aes-256-cbc",
            passphrase: "pw",
          }) as string,
        },
      ],
      "environment variable ENC is an encrypted private key; plugin-pack needs an unencrypted PKCS#8 key (keep it in a CI secret and pass --sign env:NAME)",
    ],
    [
      "garbage",
      () => ["env:JUNK", { JUNK: "hello world" }],
      "environment variable JUNK is not a private key plugin-pack can read: give a PKCS#8 PEM Ed25519 key (plugin-pack keygen writes one)",
    ],
  ])("refuses %s with what to do", (_, setup, message) => {
    const p = pair();
    const [spec, env] = setup(p);
    expect(() => loadSigningKey(spec, { cwd: p.dir, env })).toThrow(message);
  });
});

describe("loadTrust", () => {
  it("takes literals, .pub files, trust files with comments, and PEM public keys", () => {
    const dir = tempDir();
    const a = generateSigningKey();
    const b = generateSigningKey();
    const c = generateSigningKey();
    const d = generateSigningKey();
    writeFileSync(join(dir, "alice.pub"), `${b.publicKey}\n`);
    writeFileSync(join(dir, "trusted-keys"), `# release keys\n\n${c.publicKey}   # carol\n  ${a.publicKey}\n`);
    writeFileSync(
      join(dir, "dave.pem"),
      createPublicKey(d.privateKeyPem).export({ format: "pem", type: "spki" }) as string,
    );
    const trust = loadTrust([a.publicKey, "alice.pub", "trusted-keys", "dave.pem"], { cwd: dir });
    expect(trust.map((t) => [t.keyId, t.source])).toEqual([
      [a.keyId, a.publicKey],
      [b.keyId, "alice.pub"],
      [c.keyId, "trusted-keys:3"],
      [a.keyId, "trusted-keys:4"],
      [d.keyId, "dave.pem"],
    ]);
    expect(formatPublicKey(trust[4]!.raw)).toBe(d.publicKey);
  });

  it.each<[string, string, string]>([
    [
      "a bad literal",
      "ed25519:abc",
      "--trust ed25519:abc: not a valid public key (expected ed25519: followed by the base64 of 32 bytes)",
    ],
    [
      "a missing file",
      "nope.pub",
      "trust file nope.pub does not exist: give a public key (ed25519:...), a .pub file or a trust file",
    ],
    [
      "a bad line",
      "bad-list",
      'bad-list:2: expected a public key like ed25519:<base64 of 32 bytes>, found "ssh-ed25519 AAAA"',
    ],
    ["an empty trust file", "empty-list", "trust file empty-list holds no keys"],
    [
      "a private key",
      "secret.key",
      "secret.key is a private key: --trust takes public keys (the .pub file); keep the private key secret",
    ],
    ["an RSA public key", "rsa.pem", "rsa.pem is an rsa public key; plugin-pack signatures are Ed25519"],
  ])("refuses %s", (_, spec, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad-list"), `# keys\nssh-ed25519 AAAA\n`);
    writeFileSync(join(dir, "empty-list"), "# nobody yet\n\n");
    writeFileSync(join(dir, "secret.key"), generateSigningKey().privateKeyPem);
    writeFileSync(
      join(dir, "rsa.pem"),
      generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "pem", type: "spki" }) as string,
    );
    expect(() => loadTrust([spec], { cwd: dir })).toThrow(message);
  });
});
