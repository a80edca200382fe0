/**
 * Ed25519 keys: generation, the one-line public key text (`ed25519:<base64 of the raw 32 bytes>`), key ids,
 * loading a private key from a file or an environment variable, and loading the keys a verifier trusts.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { closeSync, fchmodSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";
import { PackError } from "../errors.js";
import { weakKeyReason } from "./weak-keys.js";

const PUBLIC_KEY_PREFIX = "ed25519:";
const DEFAULT_KEY_NAME = "plugin-signing";

export interface SigningKey {
  key: KeyObject;
  /** The one-line public key text, `ed25519:<base64>`. */
  publicKey: string;
  keyId: string;
}

export interface TrustedKey {
  keyId: string;
  raw: Uint8Array;
  /** Where the key came from, as verify reports it: the literal, a file, or `file:line` of a trust file. */
  source: string;
}

/** First 16 hex characters of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(raw: Uint8Array): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

export function formatPublicKey(raw: Uint8Array): string {
  return PUBLIC_KEY_PREFIX + Buffer.from(raw).toString("base64");
}

/** The raw 32 bytes of an Ed25519 public key given as `ed25519:<base64>`, or undefined if the text is anything else. */
export function parsePublicKeyText(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PUBLIC_KEY_PREFIX)) return undefined;
  return decodeRawKey(trimmed.slice(PUBLIC_KEY_PREFIX.length));
}

/** Strict base64 of exactly 32 bytes (re-encoding must give the same text, so there is one spelling per key). */
export function decodeRawKey(base64: string): Uint8Array | undefined {
  const raw = Buffer.from(base64, "base64");
  return raw.length === 32 && raw.toString("base64") === base64 ? new Uint8Array(raw) : undefined;
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  return new Uint8Array(Buffer.from(jwk.x!, "base64url"));
}

export function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
    format: "jwk",
  });
}

export function generateSigningKey(): { privateKeyPem: string; publicKey: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = rawPublicKey(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }) as string,
    publicKey: formatPublicKey(raw),
    keyId: keyIdOf(raw),
  };
}

/**
 * Where keygen writes a key pair without `--out`: `~/.agent-plugin/keys`, outside any repository, so a private key
 * never lands in a plugin's folder where git or plugin-pack could take it. HOME (USERPROFILE on Windows) comes from
 * the environment the command runs in.
 */
export function defaultKeyDir(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || env.USERPROFILE || homedir(), ".agent-plugin", "keys");
}

/**
 * Writes `<name>.key` (PKCS#8 PEM, created 0600 so it is never readable by others, even for a moment)
 * and `<name>.pub` (the one-line public key, 0644). Refuses to replace either unless `force`.
 * Returns the two paths (as `privateKey` and `publicKey`) and the key id.
 */
export function writeKeyPair(
  outDir: string,
  options: { force?: boolean; name?: string; cwd?: string } = {},
): { privateKey: string; publicKey: string; keyId: string } {
  const name = options.name ?? DEFAULT_KEY_NAME;
  if (name === "" || name !== basename(name) || name.startsWith(".") || /[\\/\u0000]/.test(name)) {
    throw new PackError(`key name ${JSON.stringify(name)} must be a plain file name such as "release"`);
  }
  const dir = resolve(options.cwd ?? process.cwd(), outDir);
  const privatePath = resolve(dir, `${name}.key`);
  const publicPath = resolve(dir, `${name}.pub`);
  // Check both first, so a refusal leaves no half-written pair.
  if (!options.force) {
    for (const path of [privatePath, publicPath]) {
      if (exists(path))
        throw new PackError(
          `${path} already exists: choose another --name, or pass --force to replace the key pair`,
          path,
        );
    }
  }
  const key = generateSigningKey();
  try {
    mkdirSync(dir, { recursive: true });
    writeNewFile(privatePath, key.privateKeyPem, 0o600);
    try {
      writeNewFile(publicPath, `${key.publicKey}\n`, 0o644);
    } catch (error) {
      unlinkSync(privatePath); // a private key without its public half would only confuse
      throw error;
    }
  } catch (error) {
    throw new PackError(
      `cannot write the key pair into ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      dir,
    );
  }
  return { privateKey: privatePath, publicKey: publicPath, keyId: key.keyId };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the file with its final mode from the first syscall (O_CREAT|O_EXCL with the mode), so it
 * is never briefly world-readable and a symlink planted at the path is never followed. `force` removes
 * the old file (or link) first rather than writing through it.
 */
function writeNewFile(path: string, text: string, mode: number): void {
  if (exists(path)) unlinkSync(path);
  const fd = openSync(path, "wx", mode);
  try {
    fchmodSync(fd, mode); // the umask may have removed bits from 0644
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * The private key to sign with. `spec` is a file path (relative to `cwd`) or `env:NAME`, where the variable
 * holds the PEM or the base64 of the PKCS#8 DER: CI secrets then never touch the disk.
 */
export function loadSigningKey(spec: string, options: { cwd: string; env: NodeJS.ProcessEnv }): SigningKey {
  const { data, where } = readKeySource(spec, options);
  const text = data.toString("utf8");
  if (parsePublicKeyText(text) !== undefined || text.includes("PUBLIC KEY-----")) {
    throw new PackError(
      `${where} holds a public key; signing needs the private key (the .key file from plugin-pack keygen)`,
    );
  }
  if (text.includes("ENCRYPTED PRIVATE KEY-----")) {
    throw new PackError(
      `${where} is an encrypted private key; plugin-pack needs an unencrypted PKCS#8 key (keep it in a CI secret and pass --sign env:NAME)`,
    );
  }
  let key: KeyObject;
  try {
    key = text.includes("-----BEGIN")
      ? createPrivateKey(text)
      : createPrivateKey({ key: derOf(data, spec), format: "der", type: "pkcs8" });
  } catch {
    throw new PackError(
      `${where} is not a private key plugin-pack can read: give a PKCS#8 PEM Ed25519 key (plugin-pack keygen writes one)`,
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new PackError(
      `${where} is an ${key.asymmetricKeyType ?? "unknown"} key; plugin-pack signs with Ed25519 keys (create one with plugin-pack keygen)`,
    );
  }
  const raw = rawPublicKey(createPublicKey(key));
  return { key, publicKey: formatPublicKey(raw), keyId: keyIdOf(raw) };
}

function readKeySource(
  spec: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): { data: Buffer; where: string } {
  if (spec.startsWith("env:")) {
    const name = spec.slice(4);
    const value = options.env[name];
    if (name === "" || value === undefined || value.trim() === "") {
      throw new PackError(
        `environment variable ${name || "(no name)"} is empty or not set: put the private key's PEM (or the base64 of its DER) in it`,
      );
    }
    return { data: Buffer.from(value, "utf8"), where: `environment variable ${name}` };
  }
  const path = resolve(options.cwd, spec);
  try {
    return { data: readFileSync(path), where: spec };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new PackError(
        `signing key ${spec} does not exist: create one with plugin-pack keygen, or pass env:NAME for a key in an environment variable`,
        path,
      );
    throw new PackError(`cannot read signing key ${spec} (${code ?? (error as Error).message})`, path);
  }
}

/** A key in an environment variable as base64 of the DER, or a key file holding raw DER. */
function derOf(data: Buffer, spec: string): Buffer {
  if (!spec.startsWith("env:")) return data;
  const text = data.toString("utf8").replace(/\s+/g, "");
  return Buffer.from(text, "base64");
}

/**
 * The keys a verifier trusts. Each spec is a literal `ed25519:<base64>`, a `.pub` file, a trust file
 * (one key per line, `#` comments, blank lines), or a PEM public key (SPKI) file.
 */
export function loadTrust(specs: readonly string[], options: { cwd: string }): TrustedKey[] {
  const keys = specs.flatMap((spec) => {
    if (spec.trim().startsWith(PUBLIC_KEY_PREFIX)) {
      const raw = parsePublicKeyText(spec);
      if (raw === undefined)
        throw new PackError(
          `--trust ${spec}: not a valid public key (expected ed25519: followed by the base64 of 32 bytes)`,
        );
      return [{ keyId: keyIdOf(raw), raw, source: spec.trim() }];
    }
    return trustFile(spec, options.cwd);
  });
  for (const key of keys) {
    const weak = weakKeyReason(key.raw);
    if (weak !== undefined)
      throw new PackError(
        `--trust ${key.source}: refusing to trust this public key: ${weak}; ask its publisher for their real key`,
      );
  }
  return keys;
}

function trustFile(spec: string, cwd: string): TrustedKey[] {
  const path = resolve(cwd, spec);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PackError(
      code === "ENOENT"
        ? `trust file ${spec} does not exist: give a public key (ed25519:...), a .pub file or a trust file`
        : `cannot read trust file ${spec} (${code ?? (error as Error).message})`,
      path,
    );
  }
  if (text.includes("PRIVATE KEY-----"))
    throw new PackError(
      `${spec} is a private key: --trust takes public keys (the .pub file); keep the private key secret`,
      path,
    );
  if (text.includes("-----BEGIN PUBLIC KEY-----")) return [spkiKey(text, spec, path)];
  const keys: TrustedKey[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*$/, "").trim();
    if (content === "") return;
    const raw = parsePublicKeyText(content);
    const at = `${spec}:${index + 1}`;
    if (raw === undefined)
      throw new PackError(
        `${at}: expected a public key like ed25519:<base64 of 32 bytes>, found ${JSON.stringify(content.slice(0, 60))}`,
        path,
      );
    keys.push({ keyId: keyIdOf(raw), raw, source: at });
  });
  if (keys.length === 0) throw new PackError(`trust file ${spec} holds no keys`, path);
  // A .pub file holds one key: report it by file name rather than file:1.
  const first = keys[0]!;
  return keys.length === 1 ? [{ ...first, source: spec }] : keys;
}

function spkiKey(text: string, spec: string, path: string): TrustedKey {
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new PackError(`${spec} is not a readable PEM public key`, path);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new PackError(
      `${spec} is an ${key.asymmetricKeyType ?? "unknown"} public key; plugin-pack signatures are Ed25519`,
      path,
    );
  const raw = rawPublicKey(key);
  return { keyId: keyIdOf(raw), raw, source: spec };
}
