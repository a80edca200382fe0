// portableFold decides which entry names collide on Windows and macOS: its ASCII shortcut must fold exactly as the
// general path (NFC, then simple case folding of each code point) does.
import { describe, expect, it } from "vitest";
import { portableFold } from "./portable-names.js";

/** Simple case folding of one code point, as the general path defines it. */
function simpleFold(char: string): string {
  const upper = char.toUpperCase();
  const viaUpper = [...upper].length === 1 ? upper.toLowerCase() : char.toLowerCase();
  return [...viaUpper].length === 1 ? viaUpper : char;
}

describe("portableFold", () => {
  it("folds every ASCII character as simple case folding does", () => {
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      // A letter before it, so that a dot or a space is not a trailing one.
      expect(portableFold(`x${char}x`)).toBe(`x${simpleFold(char)}x`);
    }
  });

  it("drops trailing dots and spaces, in ASCII names and others", () => {
    expect(portableFold("ReadMe.MD. .")).toBe("readme.md");
    expect(portableFold("Ünïcode. ")).toBe("ünïcode");
  });

  it("folds names beyond ASCII by code point: NFC first, ß and ss distinct, Kelvin and long s folded", () => {
    expect(portableFold("Cafe\u0301")).toBe(portableFold("CAF\u00c9"));
    expect(portableFold("Straße")).not.toBe(portableFold("STRASSE"));
    expect(portableFold("\u212a\u017f")).toBe("ks");
    expect(portableFold("ΣΊΣΥΦΟΣ")).toBe(portableFold("σίσυφος"));
  });
});
