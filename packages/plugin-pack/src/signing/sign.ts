/**
 * Signs the manifest: Ed25519 over `signedPayload(sha256(manifest bytes))`, with a key in memory or through
 * an external command (KMS, HSM, a hardware token), and reads `.plugin-pack/signature.json` back.
 */
import { spawn } from "node:child_process";
import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from "node:crypto";
import { PackError } from "../errors.js";
import { jsonErrorText, sha256Hex, SIGNATURE_PATH } from "../archive/index.js";
import { decodeRawKey, keyIdOf, parsePublicKeyText, publicKeyObject } from "./keys.js";
import { signedPayload, type SignatureFile } from "./types.js";

export type Signer =
  | { kind: "key"; key: KeyObject /** `ed25519:<base64>` */; publicKey: string }
  | {
      kind: "command";
      /** Run through the shell with the payload on stdin; prints the base64 signature on stdout. */
      command: string;
      /** `ed25519:<base64>`: the key the command signs with. Its signature must verify against it. */
      publicKey: string;
      cwd: string;
      /** Default 60 s. */
      timeoutMs?: number;
      /** Default process.env; PLUGIN_PACK_* variables are added. */
      env?: NodeJS.ProcessEnv;
    };

const SIGNER_TIMEOUT_MS = 60_000;
const MAX_SIGNER_OUTPUT = 64 * 1024;

export async function signManifest(manifestBytes: Uint8Array, signer: Signer): Promise<SignatureFile> {
  const raw = parsePublicKeyText(signer.publicKey);
  if (raw === undefined)
    throw new PackError(
      `the signer's public key must be one line like ed25519:<base64 of 32 bytes>, not ${JSON.stringify(signer.publicKey.slice(0, 60))}`,
    );
  const keyId = keyIdOf(raw);
  const manifestSha256 = sha256Hex(manifestBytes);
  const payload = signedPayload(manifestSha256);
  const signature =
    signer.kind === "key"
      ? new Uint8Array(cryptoSign(null, payload, signer.key))
      : await signWithCommand(signer, payload, manifestSha256, keyId);
  if (!cryptoVerify(null, payload, publicKeyObject(raw), signature)) {
    throw new PackError(
      signer.kind === "key"
        ? `the signing key does not match its public key ${signer.publicKey}`
        : `signer command \`${signer.command}\` printed a signature that does not verify against ${signer.publicKey} (key ${keyId}): does it sign with another key, or sign something other than the payload on stdin?`,
    );
  }
  return {
    formatVersion: 1,
    algorithm: "ed25519",
    keyId,
    publicKey: Buffer.from(raw).toString("base64"),
    manifestSha256,
    signature: Buffer.from(signature).toString("base64"),
  };
}

/** True when the signature verifies over the payload for the manifest digest it names, with the key it names. */
export function signatureVerifies(signature: SignatureFile): boolean {
  const raw = decodeRawKey(signature.publicKey);
  if (raw === undefined) return false;
  try {
    return cryptoVerify(
      null,
      signedPayload(signature.manifestSha256),
      publicKeyObject(raw),
      Buffer.from(signature.signature, "base64"),
    );
  } catch {
    return false;
  }
}

/** The canonical bytes of signature.json: keys in the order of the SignatureFile type, 2-space JSON, newline. */
export function serializeSignatureFile(signature: SignatureFile): Uint8Array {
  const { formatVersion, algorithm, keyId, publicKey, manifestSha256, signature: value } = signature;
  return new TextEncoder().encode(
    `${JSON.stringify({ formatVersion, algorithm, keyId, publicKey, manifestSha256, signature: value }, null, 2)}\n`,
  );
}

const SIGNATURE_FIELDS = ["formatVersion", "algorithm", "keyId", "publicKey", "manifestSha256", "signature"] as const;

/** Parses signature.json strictly: exact fields, strict base64 (one spelling per value), right lengths. */
export function parseSignatureFile(bytes: Uint8Array, archivePath: string): SignatureFile {
  const fail = (what: string): never => {
    throw new PackError(`${archivePath}: ${SIGNATURE_PATH}: ${what}`, archivePath);
  };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(`is not valid UTF-8 JSON (${jsonErrorText(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("must be an object");
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(SIGNATURE_FIELDS as readonly string[]).includes(key)) fail(`${key} is not a known field`);
  for (const key of SIGNATURE_FIELDS) if (!(key in record)) fail(`${key} is missing`);
  if (record.formatVersion !== 1)
    fail(`formatVersion is ${JSON.stringify(record.formatVersion)}; this plugin-pack reads format 1`);
  if (record.algorithm !== "ed25519")
    fail(`algorithm is ${JSON.stringify(record.algorithm)}; only "ed25519" is defined`);
  const text = (key: (typeof SIGNATURE_FIELDS)[number], pattern: RegExp, what: string): string => {
    const field = record[key];
    return typeof field === "string" && pattern.test(field) ? field : fail(`${key} must be ${what}`);
  };
  const keyId = text("keyId", /^[0-9a-f]{16}$/, "16 lowercase hex characters");
  const publicKey = text("publicKey", /^[A-Za-z0-9+/]{43}=$/, "the base64 of a 32-byte Ed25519 public key");
  if (decodeRawKey(publicKey) === undefined) fail("publicKey must be the base64 of a 32-byte Ed25519 public key");
  const manifestSha256 = text("manifestSha256", /^[0-9a-f]{64}$/, "64 lowercase hex characters");
  const signature = text("signature", /^[A-Za-z0-9+/]{86}==$/, "the base64 of a 64-byte Ed25519 signature");
  if (Buffer.from(signature, "base64").toString("base64") !== signature)
    fail("signature is not canonical base64 (its padding bits are set)");
  const parsed: SignatureFile = { formatVersion: 1, algorithm: "ed25519", keyId, publicKey, manifestSha256, signature };
  // The parsed values are not enough: a duplicate key (JSON.parse keeps the last), other key order,
  // whitespace or `1.0` would let unsigned text ride along in a file verify accepts and install copies.
  if (Buffer.compare(Buffer.from(serializeSignatureFile(parsed)), Buffer.from(bytes)) !== 0)
    fail(
      "is not in canonical form (the exact bytes plugin-pack writes: these keys in this order, 2-space JSON, one newline)",
    );
  return parsed;
}

async function signWithCommand(
  signer: Extract<Signer, { kind: "command" }>,
  payload: Uint8Array,
  digest: string,
  keyId: string,
): Promise<Uint8Array> {
  const env = {
    ...(signer.env ?? process.env),
    PLUGIN_PACK_DIGEST: digest,
    PLUGIN_PACK_PAYLOAD: Buffer.from(payload).toString("base64"),
    PLUGIN_PACK_KEY_ID: keyId,
  };
  const timeoutMs = signer.timeoutMs ?? SIGNER_TIMEOUT_MS;
  const run = await runCommand(signer.command, { cwd: signer.cwd, env, input: payload, timeoutMs });
  const said = run.stderr === "" ? "" : `; its stderr ended with: ${run.stderr}`;
  const fail = (what: string): never => {
    throw new PackError(`signer command \`${signer.command}\` ${what}${said}`);
  };
  if (run.startError !== undefined) fail(`could not start (${run.startError})`);
  if (run.timedOut) fail(`did not finish within ${timeoutMs / 1000} s and was stopped`);
  if (run.signal !== null) fail(`was killed by ${run.signal}`);
  if (run.code !== 0) fail(`failed with exit code ${run.code}`);
  const printed = run.stdout.trim();
  if (printed === "")
    fail("printed nothing; it must print the base64 Ed25519 signature of the payload it reads on stdin");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(printed) || printed.length % 4 !== 0)
    fail(`printed something that is not base64: ${JSON.stringify(printed.slice(0, 60))}`);
  const signature = Buffer.from(printed, "base64");
  if (signature.length !== 64) fail(`printed a ${signature.length}-byte signature; Ed25519 signatures are 64 bytes`);
  return new Uint8Array(signature);
}

interface CommandRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last non-empty line of stderr, shortened. */
  stderr: string;
  timedOut: boolean;
  startError: string | undefined;
}

/** Runs a shell command with input on stdin; on timeout kills its whole process group (a shell's children too). */
function runCommand(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; input: Uint8Array; timeoutMs: number },
): Promise<CommandRun> {
  return new Promise((resolve) => {
    const ownGroup = process.platform !== "win32";
    const child = spawn(command, {
      shell: true,
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: ownGroup,
      windowsHide: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let startError: string | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, options.timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.length < MAX_SIGNER_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_SIGNER_OUTPUT);
    });
    // A command that never reads stdin closes it early: that is not an error.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input);
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const lastLine =
        stderr
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== "")
          .pop() ?? "";
      resolve({
        code,
        signal,
        stdout,
        stderr: lastLine.length > 200 ? `${lastLine.slice(0, 200)}…` : lastLine,
        timedOut,
        startError,
      });
    };
    // A spawn failure (missing cwd, no shell) may emit "error" without "close".
    child.on("error", (error) => {
      startError = error.message;
      finish(null, null);
    });
    child.on("close", finish);
  });
}
