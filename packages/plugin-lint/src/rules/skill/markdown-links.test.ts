// The link scanner jumps between the characters that matter; these cases pin what it must still see and skip.
import { describe, expect, it } from "vitest";
import { markdownLinkTargets } from "./markdown-links.js";

const raws = (markdown: string) => markdownLinkTargets(markdown).map((target) => target.raw);

describe("markdownLinkTargets", () => {
  it("finds inline links, images and reference definitions with their offsets, in text order", () => {
    const text = "See [a](docs/a.md) and ![b](img/b.png 'B').\n\n[ref]: refs/c.md\n";
    expect(markdownLinkTargets(text)).toEqual([
      { raw: "docs/a.md", offset: text.indexOf("docs/a.md") },
      { raw: "img/b.png", offset: text.indexOf("img/b.png") },
      { raw: "refs/c.md", offset: text.indexOf("refs/c.md") },
    ]);
  });

  it("skips fenced code (backticks or tildes, closed by a fence as long), inline code and HTML comments", () => {
    const text = [
      "````md",
      "[in fence](fenced.md)",
      "```",
      "[still in fence](fenced2.md)",
      "````",
      "~~~",
      "[tilde](tilde.md)",
      "~~~",
      "`[code](code.md)` <!-- [comment](comment.md) --> [real](real.md)",
    ].join("\r\n");
    expect(raws(text)).toEqual(["real.md"]);
  });

  it("does not pair backticks across a blank line, so a stray backtick does not hide the next paragraph's links", () => {
    expect(raws("a ` stray\n \t\nnext [link](next.md) `")).toEqual(["next.md"]);
    expect(raws("a ` code\n[hidden](hidden.md) `")).toEqual([]);
  });

  it("honours escapes: an escaped bracket opens nothing, an escaped backtick opens no code span", () => {
    expect(raws("\\[not](a.md) \\`[yes](b.md)`")).toEqual(["b.md"]);
    expect(raws("[x](a\\ b.md) [y](c\\)d.md)")).toEqual(["a\\ b.md", "c\\)d.md"]);
  });

  it("forgets open brackets at a paragraph break", () => {
    expect(raws("[open\n\n](nope.md)")).toEqual([]);
    expect(raws("[open\n](yes.md)")).toEqual(["yes.md"]);
  });

  it("ends a destination at a blank or an unbalanced parenthesis, and needs a title or `)` after it", () => {
    expect(raws('[a](x(1).md) [b](<with space.md>) [c](y.md\t"t") [d](z.md oops)')).toEqual([
      "x(1).md",
      "with space.md",
      "y.md",
    ]);
  });

  it("takes nothing from a destination cut off by the end of the text, an escape included", () => {
    expect(raws("[a](open.md")).toEqual([]);
    expect(raws("[a](open.md\\")).toEqual([]);
  });
});
