/** The signature file, the exact bytes a signer signs, and what verify reports. */

/** `.plugin-pack/signature.json`. */
export interface SignatureFile {
  formatVersion: 1;
  algorithm: "ed25519";
  /** First 16 hex characters of SHA-256 over the raw 32-byte public key. */
  keyId: string;
  /** The raw public key, base64: lets anyone see who signed, but trust comes only from --trust. */
  publicKey: string;
  /** SHA-256 (hex) of the exact bytes of .plugin-pack/manifest.json. */
  manifestSha256: string;
  /** Ed25519 signature (base64) over `signedPayload(manifestSha256)`. */
  signature: string;
}

/** The exact bytes an Ed25519 signer signs: a domain-separated line with the manifest digest. */
export function signedPayload(manifestSha256: string): Uint8Array {
  return new TextEncoder().encode(`plugin-pack/signature/v1\n${manifestSha256}\n`);
}

/** What verify found. `ok` is the verdict; every other field explains it. */
export interface VerifyReport {
  archive: string;
  ok: boolean;
  plugin?: { name: string; version: string };
  fileCount: number;
  signature: { status: "valid" | "unsigned" | "invalid" | "untrusted"; keyId?: string; trustedBy?: string };
  /** Each difference between the archive and its signed manifest, in words a reviewer reads. */
  problems: string[];
  /**
   * Names that would collide, or could not be written, on Windows or macOS: archives signed by earlier
   * versions may hold them, so they do not fail verify; unpack and install refuse them.
   */
  warnings?: string[];
}
