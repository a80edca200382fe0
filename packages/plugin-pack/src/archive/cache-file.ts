/**
 * The on-disk form of a deflate cache: one file per packed plugin folder, read in one go, replaced whole.
 *
 *   "agent-plugin pack cache 1\n"   magic and format version
 *   32 bytes                        the deflate identity the streams were made with
 *   u32 count, then count times:    32-byte SHA-256 of the file's content, u32 length, the raw deflate stream
 *
 * Integers are little-endian. Anything that does not parse exactly (short, long, wrong magic) decodes as empty:
 * a damaged cache costs a cold pack, never an error.
 */

const MAGIC = Buffer.from("agent-plugin pack cache 1\n", "latin1");
const DIGEST_BYTES = 32;

/** Streams by the SHA-256 (hex) of the content they inflate to. */
export type CachedStreams = Map<string, Uint8Array>;

export function encodeCacheFile(identity: Uint8Array, streams: ReadonlyMap<string, Uint8Array>): Buffer {
  let size = MAGIC.length + DIGEST_BYTES + 4;
  for (const stream of streams.values()) size += DIGEST_BYTES + 4 + stream.length;
  const out = Buffer.allocUnsafe(size);
  let at = MAGIC.copy(out, 0);
  at += Buffer.from(identity).copy(out, at);
  at = out.writeUInt32LE(streams.size, at);
  for (const [sha256, stream] of streams) {
    at += out.write(sha256, at, DIGEST_BYTES, "hex");
    at = out.writeUInt32LE(stream.length, at);
    out.set(stream, at);
    at += stream.length;
  }
  return out;
}

/** The streams of a cache file made with `identity`; empty when it is not one, or was made with another deflate. */
export function decodeCacheFile(bytes: Buffer, identity: Uint8Array): CachedStreams {
  const streams: CachedStreams = new Map();
  const header = MAGIC.length + DIGEST_BYTES + 4;
  if (bytes.length < header || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return streams;
  if (!bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES).equals(identity)) return streams;
  const count = bytes.readUInt32LE(MAGIC.length + DIGEST_BYTES);
  let at = header;
  for (let i = 0; i < count; i++) {
    if (at + DIGEST_BYTES + 4 > bytes.length) return new Map();
    const sha256 = bytes.toString("hex", at, at + DIGEST_BYTES);
    const length = bytes.readUInt32LE(at + DIGEST_BYTES);
    at += DIGEST_BYTES + 4;
    if (at + length > bytes.length) return new Map();
    streams.set(sha256, bytes.subarray(at, at + length));
    at += length;
  }
  return at === bytes.length ? streams : new Map();
}
