/**
 * The byte strings that give away a private key, for pack to refuse any file holding them: the 32-byte seed
 * as it is, in hex, and in base64 at each of the three alignments it can take inside a longer base64 text
 * (a PEM body, a JWK, a base64-wrapped key file), plus the base64 of the key's PEM text itself.
 */
import type { KeyObject } from "node:crypto";

export function keyFingerprints(key: KeyObject): Uint8Array[] {
  const der = key.export({ format: "der", type: "pkcs8" });
  const seed = der.subarray(der.length - 32);
  const pem = Buffer.from(key.export({ format: "pem", type: "pkcs8" }) as string);
  const ascii = (text: string): Uint8Array => Buffer.from(text, "latin1");
  return [
    seed,
    ascii(seed.toString("hex")),
    ascii(seed.toString("hex").toUpperCase()),
    ...base64Inner(seed).map(ascii),
    ...base64Inner(pem).map(ascii),
  ];
}

/**
 * For each alignment k (0..2 bytes before the secret in a longer stream), the base64 characters that depend
 * only on the secret: the encoding of k filler bytes plus the secret, without the first group (it mixes in
 * the filler) when k > 0 and without the last group (it mixes in what follows, or padding).
 */
function base64Inner(secret: Buffer): string[] {
  return [0, 1, 2].map((k) => {
    const text = Buffer.concat([Buffer.alloc(k), secret]).toString("base64");
    return text.slice(k === 0 ? 0 : 4, -4);
  });
}
