import { describe, expect, it } from "vitest";
import { blankRanges } from "./text.js";

describe("blankRanges", () => {
  it("blanks each range with spaces, keeping CR and LF, so offsets and lines do not move", () => {
    const text = "ab`cd`ef\r\n```\r\nx😀y\r\n```\r\nend";
    const blanked = blankRanges(text, [
      [2, 6],
      [10, 26],
    ]);
    expect(blanked).toBe("ab    ef\r\n   \r\n    \r\n   \r\nend");
    expect(blanked).toHaveLength(text.length);
  });

  it("takes ranges in any order, overlapping or past the end, and leaves text without ranges alone", () => {
    expect(
      blankRanges("0123456789", [
        [6, 20],
        [1, 3],
        [2, 4],
      ]),
    ).toBe("0   45    ");
    expect(blankRanges("a\rb", [[0, 3]])).toBe(" \r ");
    expect(blankRanges("same", [])).toBe("same");
  });
});
