/**
 * Ed25519 public keys no one should trust: points of small order (the identity among them), for which a
 * crafted signature verifies over any message, and byte strings that are not a point at all. A point is
 * of small order when eight times it is the identity; the arithmetic is the curve's affine addition law,
 * complete on Ed25519, in BigInt (a handful of operations per trusted key).
 */
const P = 2n ** 255n - 19n;
const D = mod(-121665n * inverse(121666n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);

/** Why `raw` (32 bytes) is no key to trust, or undefined when it is a point of large order. */
export function weakKeyReason(raw: Uint8Array): string | undefined {
  const bytes = Buffer.from(raw);
  const sign = (bytes[31]! & 0x80) !== 0;
  bytes[31] = bytes[31]! & 0x7f;
  const y = BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`);
  if (y >= P) return "its encoding is not canonical";
  const x = recoverX(y, sign);
  if (x === undefined) return "it is not a point on the Ed25519 curve";
  let point: Point = { x, y };
  for (let i = 0; i < 3; i++) point = add(point, point);
  if (point.x === 0n && point.y === 1n)
    return "it is a point of small order (such as the identity), for which a crafted signature verifies over anything";
  return undefined;
}

interface Point {
  x: bigint;
  y: bigint;
}

function recoverX(y: bigint, sign: boolean): bigint | undefined {
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) !== u) {
    if (mod(v * x * x) !== mod(-u)) return undefined;
    x = mod(x * SQRT_M1);
  }
  if (x === 0n && sign) return undefined;
  return (x & 1n) === 1n ? (sign ? x : mod(-x)) : sign ? mod(-x) : x;
}

/** Twisted Edwards addition with a = -1. */
function add(a: Point, b: Point): Point {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return {
    x: mod((a.x * b.y + a.y * b.x) * inverse(1n + t)),
    y: mod((a.y * b.y + a.x * b.x) * inverse(mod(1n - t))),
  };
}

function mod(n: bigint): bigint {
  const r = n % P;
  return r < 0n ? r + P : r;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function inverse(n: bigint): bigint {
  return power(n, P - 2n);
}
