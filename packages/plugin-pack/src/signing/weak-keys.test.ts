// Small-order Ed25519 points are refused as trust keys; real keys never are.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { weakKeyReason } from "./weak-keys.js";

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));
/** The eight small-order points' usual encodings: identity, (0,-1), the two order-4 and four order-8 points. */
const SMALL_ORDER = [
  "0100000000000000000000000000000000000000000000000000000000000000",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0000000000000000000000000000000000000000000000000000000000000080",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
];

describe("weakKeyReason", () => {
  it.each(SMALL_ORDER)("refuses small-order point %s", (encoding) => {
    expect(weakKeyReason(hex(encoding))).toMatch(/small order|not a point|not canonical/);
  });

  it("accepts 50 freshly generated keys", () => {
    for (let i = 0; i < 50; i++) {
      const { publicKey } = generateKeyPairSync("ed25519");
      const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
      expect(weakKeyReason(new Uint8Array(raw))).toBeUndefined();
    }
  });
});
