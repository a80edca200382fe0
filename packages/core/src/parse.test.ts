import { describe, expect, it } from "vitest";
import { locate } from "./locate.js";
import { parseJson, type JsonProblem } from "./parse/json.js";
import { MAX_YAML_ALIASES, parseYaml, splitFrontmatter, type FrontmatterSplit } from "./parse/yaml.js";
import { LineIndex } from "./text.js";

/** Offset of the n-th (0-based) occurrence of `needle`; fails loudly when it is not there. */
function offsetOf(text: string, needle: string, occurrence = 0): number {
  let from = 0;
  let found = -1;
  for (let i = 0; i <= occurrence; i++) {
    found = text.indexOf(needle, from);
    if (found === -1) throw new Error(`${JSON.stringify(needle)} (#${occurrence}) not in text`);
    from = found + 1;
  }
  return found;
}

const kinds = (problems: readonly JsonProblem[]) => problems.map((p) => p.kind);

function applyFixes(text: string, problems: readonly JsonProblem[]): string {
  let out = text;
  for (const p of [...problems].filter((q) => q.fix).sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, p.fix!.range[0]) + p.fix!.text + out.slice(p.fix!.range[1]);
  }
  return out;
}

function split(text: string): FrontmatterSplit {
  const result = splitFrontmatter(text);
  if (!result.ok) throw new Error(`expected frontmatter, got: ${result.message}`);
  return result.split;
}

describe("LineIndex", () => {
  it("maps offsets to 1-based line/column for LF, CRLF and lone CR line endings", () => {
    const text = "ab\ncd\r\nef\rgh";
    const lines = new LineIndex(text);
    expect(lines.lineCount).toBe(4);
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(offsetOf(text, "d"))).toEqual({ line: 2, column: 2 });
    // The "\n" of a CRLF belongs to line 2, it does not start an extra line.
    expect(lines.position(offsetOf(text, "\n", 1))).toEqual({ line: 2, column: 4 });
    expect(lines.position(offsetOf(text, "e"))).toEqual({ line: 3, column: 1 });
    expect(lines.position(offsetOf(text, "h"))).toEqual({ line: 4, column: 2 });
    expect(lines.lineStart(3)).toBe(offsetOf(text, "e"));
  });

  it("clamps offsets past the end and builds spans", () => {
    const lines = new LineIndex("abc\nde");
    expect(lines.position(999)).toEqual({ line: 2, column: 3 });
    expect(lines.position(-5)).toEqual({ line: 1, column: 1 });
    expect(lines.span(1, 5)).toEqual({ start: { line: 1, column: 2 }, end: { line: 2, column: 2 } });
    // An end before the start collapses to the start.
    expect(lines.span(4, 2)).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 1 } });
  });
});

describe("parseJson", () => {
  it("parses clean JSON with no problems", () => {
    const doc = parseJson('{"name": "demo", "list": [1, 2]}');
    expect(doc.problems).toEqual([]);
    expect(doc.value).toEqual({ name: "demo", list: [1, 2] });
  });

  it("reports a BOM at offset 0 with a fix, keeps later offsets true to the original text, and still parses", () => {
    const text = '\uFEFF{\n  "name": "demo",\n}';
    const doc = parseJson(text);
    expect(doc.text).toBe(text);
    expect(doc.value).toEqual({ name: "demo" });
    expect(doc.problems).toEqual([
      {
        kind: "bom",
        message: "file starts with a UTF-8 byte order mark",
        offset: 0,
        length: 1,
        fix: { range: [0, 1], text: "" },
      },
      expect.objectContaining({ kind: "trailing-comma", offset: offsetOf(text, ","), length: 1 }),
    ]);
    const comma = doc.problems[1]!;
    expect(doc.lines.position(comma.offset)).toEqual({ line: 2, column: 17 });
    expect(JSON.parse(applyFixes(text, doc.problems))).toEqual({ name: "demo" });
  });

  it("reports line and block comments with their exact ranges", () => {
    const text = '{\n  // line comment\n  "a": 1, /* block */ "b": 2\n}';
    const doc = parseJson(text);
    expect(doc.problems).toEqual([
      {
        kind: "comment",
        message: "comments are not allowed in JSON",
        offset: offsetOf(text, "//"),
        length: "// line comment".length,
      },
      {
        kind: "comment",
        message: "comments are not allowed in JSON",
        offset: offsetOf(text, "/*"),
        length: "/* block */".length,
      },
    ]);
    expect(doc.lines.position(doc.problems[0]!.offset)).toEqual({ line: 2, column: 3 });
    expect(doc.lines.position(doc.problems[1]!.offset)).toEqual({ line: 3, column: 11 });
    expect(doc.value).toEqual({ a: 1, b: 2 });
  });

  it("reports trailing commas in objects and arrays with a fix that yields strict JSON", () => {
    const text = '{\n  "list": [1, 2,],\n  "x": true,\n}\n';
    const doc = parseJson(text);
    expect(kinds(doc.problems)).toEqual(["trailing-comma", "trailing-comma"]);
    expect(doc.problems[0]).toMatchObject({
      offset: offsetOf(text, "2,") + 1,
      length: 1,
      message: "trailing comma before ']'",
    });
    expect(doc.problems[1]).toMatchObject({
      offset: offsetOf(text, "true,") + 4,
      length: 1,
      message: "trailing comma before '}'",
    });
    expect(doc.lines.position(doc.problems[0]!.offset)).toEqual({ line: 2, column: 16 });
    expect(doc.lines.position(doc.problems[1]!.offset)).toEqual({ line: 3, column: 12 });
    const fixed = applyFixes(text, doc.problems);
    expect(fixed).toBe('{\n  "list": [1, 2],\n  "x": true\n}\n');
    expect(parseJson(fixed).problems).toEqual([]);
  });

  it("does not take a comma inside a string for a trailing comma", () => {
    const doc = parseJson('{"a": ",}", "b": [",]"]}');
    expect(doc.problems).toEqual([]);
  });

  it("reports a duplicate key at the second occurrence (with its quotes), and keeps the last value", () => {
    const text = '{\n  "name": "a",\n  "inner": {"k": 1, "k": 2},\n  "name": "b"\n}';
    const doc = parseJson(text);
    expect(doc.problems).toEqual([
      {
        kind: "duplicate-key",
        message: 'duplicate key "k"',
        offset: offsetOf(text, '"k"', 1),
        length: 3,
        pointer: ["inner", "k"],
      },
      {
        kind: "duplicate-key",
        message: 'duplicate key "name"',
        offset: offsetOf(text, '"name"', 1),
        length: 6,
        pointer: ["name"],
      },
    ]);
    expect(doc.lines.position(doc.problems[1]!.offset)).toEqual({ line: 4, column: 3 });
    expect(doc.value).toEqual({ name: "b", inner: { k: 2 } });
  });

  it("reports a syntax error at end of file with the position just past the text", () => {
    const text = '{\n  "a": 1\n';
    const doc = parseJson(text);
    expect(doc.value).toBeUndefined();
    expect(doc.problems).toHaveLength(1);
    const problem = doc.problems[0]!;
    expect(problem.kind).toBe("syntax");
    expect(problem.offset).toBe(text.length);
    expect(problem.message).toContain("unexpected end of file");
    expect(doc.lines.position(problem.offset)).toEqual({ line: 3, column: 1 });
  });

  it("reports a missing comma where the next value starts, quoting what it found", () => {
    const text = '{\n  "name": "demo",\n  "version": "1.0.0"\n  "description": "..."\n}';
    const doc = parseJson(text);
    const syntax = doc.problems.filter((p) => p.kind === "syntax");
    expect(syntax[0]).toMatchObject({
      offset: offsetOf(text, '"description"'),
      message: expect.stringMatching(/^expected ',' between values, found "/),
    });
    expect(doc.lines.position(syntax[0]!.offset)).toEqual({ line: 4, column: 3 });
    expect(doc.value).toBeUndefined();
  });

  it("reports empty and whitespace-only text as a syntax error at the start", () => {
    for (const text of ["", "  \n"]) {
      const doc = parseJson(text);
      expect(doc.root).toBeUndefined();
      expect(doc.value).toBeUndefined();
      expect(doc.problems).toEqual([
        expect.objectContaining({ kind: "syntax", message: expect.stringContaining("expected a value") }),
      ]);
    }
  });

  it("returns problems sorted by offset", () => {
    const doc = parseJson('\uFEFF{"a": 1, // c\n "a": [1,], }');
    const offsets = doc.problems.map((p) => p.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(kinds(doc.problems)).toEqual(["bom", "comment", "duplicate-key", "trailing-comma", "trailing-comma"]);
  });

  it("reports pathologically deep nesting as a problem instead of throwing (a 20 KB file must not crash the linter)", () => {
    const depth = 10_000;
    let doc: ReturnType<typeof parseJson> | undefined;
    expect(() => {
      doc = parseJson("[".repeat(depth) + "]".repeat(depth));
    }).not.toThrow();
    expect(doc?.problems.some((p) => p.kind === "syntax")).toBe(true);
  });
});

describe("locate() in JSON", () => {
  const text = '{\n  "a": {\n    "b": [1, {"c": true}]\n  },\n  "s": "x"\n}';
  const doc = parseJson(text);

  it("returns the exact value and key ranges", () => {
    expect(locate(doc, ["a", "b", 1, "c"])).toEqual({ offset: offsetOf(text, "true"), length: 4, exact: true });
    expect(locate(doc, ["a", "b", 1, "c"], "key")).toEqual({ offset: offsetOf(text, '"c"'), length: 3, exact: true });
    expect(locate(doc, ["s"])).toEqual({ offset: offsetOf(text, '"x"'), length: 3, exact: true });
    expect(locate(doc, ["a", "b", 0])).toEqual({ offset: offsetOf(text, "1,"), length: 1, exact: true });
    expect(locate(doc, [])).toEqual({ offset: 0, length: text.length, exact: true });
  });

  it("accepts array indices as strings (ajv instancePath segments)", () => {
    expect(locate(doc, ["a", "b", "1", "c"])).toEqual(locate(doc, ["a", "b", 1, "c"]));
  });

  it("falls back to the nearest existing ancestor's key when the path is missing", () => {
    expect(locate(doc, ["a", "missing", "deeper"])).toEqual({ offset: offsetOf(text, '"a"'), length: 3, exact: false });
    expect(locate(doc, ["a", "b", 7])).toEqual({ offset: offsetOf(text, '"b"'), length: 3, exact: false });
    expect(locate(doc, ["nope"])).toEqual({ offset: 0, length: 1, exact: false });
  });

  it("does not throw on a document with no value", () => {
    expect(locate(parseJson(""), ["a"])).toEqual({ offset: 0, length: 0, exact: false });
  });
});

describe("parseYaml and locate() in YAML", () => {
  it("reports offsets into the whole file, not the YAML slice", () => {
    const text = "---\nname: x\ndescription: a: b\n---\nbody\n";
    const s = split(text);
    const doc = parseYaml(text, s.yamlStart, s.yamlEnd);
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]!.kind).toBe("syntax");
    expect(doc.lines.position(doc.problems[0]!.offset)).toEqual({ line: 3, column: 14 });
    expect(doc.value).toBeUndefined();
  });

  it("reports a duplicate key at the second key", () => {
    const text = "---\nname: x\ndescription: d\nname: y\n---\n";
    const s = split(text);
    const doc = parseYaml(text, s.yamlStart, s.yamlEnd);
    expect(doc.problems.map((p) => p.kind)).toEqual(["duplicate-key"]);
    expect(doc.problems[0]!.offset).toBe(offsetOf(text, "name: y"));
  });

  it("stops an alias bomb quickly with an alias-limit problem", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(",")}]`);
    }
    const text = `---\n${lines.join("\n")}\ndescription: x\n---\n`;
    const s = split(text);
    const started = performance.now();
    const doc = parseYaml(text, s.yamlStart, s.yamlEnd);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(doc.problems.map((p) => p.kind)).toEqual(["alias-limit"]);
    expect(doc.problems[0]!.message).toContain(`more than ${MAX_YAML_ALIASES} aliases`);
    expect(doc.problems[0]!.offset).toBe(s.yamlStart);
    expect(doc.value).toBeUndefined();
  });

  it("allows a few aliases", () => {
    const doc = parseYaml("a: &x 1\nb: *x\n");
    expect(doc.problems).toEqual([]);
    expect(doc.value).toEqual({ a: 1, b: 1 });
  });

  it("locates keys and values exactly in CRLF frontmatter, and values carry no \\r", () => {
    const text =
      "---\r\nname: demo\r\ndescription: Does things\r\nmetadata:\r\n  tags:\r\n    - one\r\n    - two\r\n---\r\nbody\r\n";
    const s = split(text);
    const doc = parseYaml(text, s.yamlStart, s.yamlEnd);
    expect(doc.problems).toEqual([]);
    expect(doc.value).toEqual({ name: "demo", description: "Does things", metadata: { tags: ["one", "two"] } });
    expect(locate(doc, ["description"])).toEqual({
      offset: offsetOf(text, "Does things"),
      length: "Does things".length,
      exact: true,
    });
    expect(locate(doc, ["description"], "key")).toEqual({
      offset: offsetOf(text, "description"),
      length: "description".length,
      exact: true,
    });
    expect(locate(doc, ["metadata", "tags", 1])).toEqual({ offset: offsetOf(text, "two"), length: 3, exact: true });
    const two = locate(doc, ["metadata", "tags", 1]);
    expect(doc.lines.position(two.offset)).toEqual({ line: 7, column: 7 });
  });

  it("falls back to the nearest existing ancestor's key for a missing path", () => {
    const text = "---\nname: demo\nmetadata:\n  tags: [a]\n---\n";
    const s = split(text);
    const doc = parseYaml(text, s.yamlStart, s.yamlEnd);
    expect(locate(doc, ["metadata", "missing"])).toMatchObject({ offset: offsetOf(text, "metadata"), exact: false });
    expect(locate(doc, ["metadata", "tags", 5])).toMatchObject({ offset: offsetOf(text, "tags"), exact: false });
    const top = locate(doc, ["description"]);
    expect(top.exact).toBe(false);
    expect(top.offset).toBe(s.yamlStart);
  });

  it("locates a key whose value is empty", () => {
    const text = "name:\ndescription: x\n";
    const doc = parseYaml(text);
    const found = locate(doc, ["name"]);
    expect(found.exact).toBe(true);
    expect(doc.lines.position(found.offset).line).toBe(1);
  });
});

describe("splitFrontmatter", () => {
  it("splits LF frontmatter", () => {
    const text = "---\nname: x\n---\nbody\n";
    expect(split(text)).toEqual({ yamlStart: 4, yamlEnd: offsetOf(text, "---", 1), bodyStart: offsetOf(text, "body") });
  });

  it("handles CRLF line endings", () => {
    const text = "---\r\nname: x\r\ndescription: y\r\n---\r\nbody\r\n";
    expect(split(text)).toEqual({ yamlStart: 5, yamlEnd: offsetOf(text, "---", 1), bodyStart: offsetOf(text, "body") });
  });

  it("handles a leading BOM", () => {
    const text = "\uFEFF---\nname: x\n---\nbody";
    expect(split(text)).toEqual({ yamlStart: 5, yamlEnd: offsetOf(text, "---", 1), bodyStart: offsetOf(text, "body") });
  });

  it("accepts fences with trailing spaces and tabs", () => {
    const text = "---  \nname: x\n--- \t\nbody";
    expect(split(text)).toEqual({
      yamlStart: offsetOf(text, "name"),
      yamlEnd: offsetOf(text, "---", 1),
      bodyStart: offsetOf(text, "body"),
    });
  });

  it("accepts a closing fence at end of file without a newline", () => {
    const text = "---\nname: x\n---";
    expect(split(text)).toEqual({ yamlStart: 4, yamlEnd: 12, bodyStart: text.length });
  });

  it("does not take `----` or `--- x` for a fence", () => {
    const text = "---\nname: x\n----\n--- x\n---\n";
    const s = split(text);
    expect(text.slice(s.yamlStart, s.yamlEnd)).toBe("name: x\n----\n--- x\n");
    expect(s.bodyStart).toBe(text.length);
  });

  it("reports unclosed frontmatter", () => {
    for (const text of ["---\nname: x\n", "---\nname: x", "---"]) {
      const result = splitFrontmatter(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain("not closed");
    }
  });

  it("reports empty frontmatter", () => {
    for (const text of ["---\n---\nbody", "---\r\n   \r\n---\r\n"]) {
      const result = splitFrontmatter(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain("empty");
    }
  });

  it("reports a file without frontmatter, including an empty file", () => {
    for (const text of ["# Title\n---\nx: 1\n---\n", "", "\n---\nx: 1\n---\n"]) {
      const result = splitFrontmatter(text);
      expect(result).toMatchObject({
        ok: false,
        offset: 0,
        message: expect.stringContaining("must start with YAML frontmatter"),
      });
    }
  });
});
