/**
 * The code cache's file: the bytecode of a bin's bundle and of the CommonJS files it required beside it (schema
 * validators, the vendored `yaml`), each under its path relative to the bundle and the identity of the file it was
 * compiled from.
 *
 *   "agent-plugin code cache 1\n"   magic and format version
 *   u32 count, then count times:    u32 length + UTF-8 path, u32 length + UTF-8 identity, u32 length + bytecode
 *
 * Integers are little-endian. Anything that does not parse exactly decodes as empty: a damaged file costs a compile.
 */

const MAGIC = Buffer.from("agent-plugin code cache 1\n", "latin1");

export interface CachedCode {
  /** The compiled file's identity (see fileIdentity in code-cache.ts): other content, other identity. */
  identity: string;
  bytecode: Uint8Array;
}

export function encodeCodeCache(entries: ReadonlyMap<string, CachedCode>): Buffer {
  const parts: Uint8Array[] = [MAGIC, u32(entries.size)];
  for (const [path, { identity, bytecode }] of entries) {
    for (const field of [Buffer.from(path, "utf8"), Buffer.from(identity, "utf8"), bytecode])
      parts.push(u32(field.length), field);
  }
  return Buffer.concat(parts);
}

export function decodeCodeCache(bytes: Buffer): Map<string, CachedCode> {
  const entries = new Map<string, CachedCode>();
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return entries;
  let at = MAGIC.length;
  const field = (): Buffer | undefined => {
    if (at + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > bytes.length) return undefined;
    at += 4 + length;
    return bytes.subarray(at - length, at);
  };
  const count = bytes.readUInt32LE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const path = field();
    const identity = field();
    const bytecode = field();
    if (!path || !identity || !bytecode) return new Map();
    entries.set(path.toString("utf8"), { identity: identity.toString("utf8"), bytecode });
  }
  return at === bytes.length ? entries : new Map();
}

function u32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32LE(value, 0);
  return out;
}
