/**
 * Finds byte strings that must never be packed (the signing key in use, in its usual spellings) in a file's
 * bytes, whatever the file's size: once as they are, and once "squeezed" so a wrapped or escaped copy is
 * found too (whitespace and JSON's \n, \r, \t escapes dropped, base64url's - and _ read as + and /).
 */
export function holdsAny(data: Uint8Array, needles: readonly Uint8Array[]): boolean {
  if (needles.length === 0) return false;
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (needles.some((needle) => raw.indexOf(needle) !== -1)) return true;
  const squeezed = squeeze(raw);
  return needles.some((needle) => squeezed.indexOf(needle) !== -1);
}

const BACKSLASH = 0x5c;

function squeeze(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  let length = 0;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === BACKSLASH) {
      const next = data[i + 1];
      if (next === 0x6e || next === 0x72 || next === 0x74) {
        i++;
        continue;
      }
    }
    out[length++] = byte === 0x2d ? 0x2b : byte === 0x5f ? 0x2f : byte;
  }
  return out.subarray(0, length);
}
