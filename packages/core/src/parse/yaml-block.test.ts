import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readPlainBlockYaml } from "./yaml-block.js";
import { parseYaml, portabilityIssues, splitFrontmatter } from "./yaml.js";

/** What the library makes of a text: its errors, and its value as JSON (which keeps key order). */
function library(source: string): { errors: number; json: string } {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  return { errors: doc.errors.length, json: doc.errors.length === 0 ? JSON.stringify(doc.toJS()) : "" };
}

/** Whenever the reader accepts a text, the library reads it without a problem and to the same value. */
function expectAgreement(source: string): boolean {
  const fast = readPlainBlockYaml(source);
  if (!fast) return false;
  const lib = library(source);
  expect({ source, errors: lib.errors }).toEqual({ source, errors: 0 });
  expect({ source, value: JSON.stringify(fast.value) }).toEqual({ source, value: lib.json });
  return true;
}

const accepted = [
  "name: demo\ndescription: Use when the user asks for a demo.\n",
  'interface:\n  display_name: "Demo"\n  short_description: "Runs the demo"\npolicy:\n  allow_implicit_invocation: true\n',
  "name: a\nmetadata:\n  version: 3\n  owner: ops#team\n",
  "a: b\u00a0\n",
  "tags:\n- one\n- two\nname: x\n",
  "tags:\n  - 'it''s'\n  - \"a \\\"quoted\\\" \\\\ word\\n\"\n",
  "# a comment\n\nname: x   \n  # indented comment\nempty:\nnone: null\ntilde: ~\nno: FALSE\n",
  'description: C# and F#, a:b, [brackets] {braces}, 100% and "quotes" inside\n',
  "a:\n  b:\n    c: deep\n  d: 0\n",
  "constructor: x\ntoString: y\n",
  "text: \u00e9t\u00e9 \u4e2d\u6587 \u{1f600}\n",
  "description: Use when the user asks for a long\n  thing that wraps   \n    over (three) lines\nname: x\n",
  "interface:\n  short_description: Deep dive into capital deployment, and shareholder\n    yield\n  other: 1\n",
  "list:\n- first item\n  continued\n- second\n",
];

const declined = [
  "",
  "# only a comment\n",
  "- a\n- b\n",
  "plain scalar\n",
  "a: 1\na: 2\n",
  "a: [1, 2]\n",
  "a: {b: 1}\n",
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "a: |\n  block\n",
  "a: >\n  folded\n",
  "a: 'quoted'\n  continued\n",
  "a: one\n\n  continued after a blank line\n",
  "a: one\n  # comment\n  continued\n",
  "a: one\n  - continued\n",
  "a: one\n  key: value\n",
  "a: one\n  two:\n",
  "a: one\n  two # comment\n",
  "a: true\n  continued\n",
  "a: 1.0\n",
  "a: 1.0.0\n",
  "a: -1\n",
  "a: 0x1f\n",
  "a: .inf\n",
  "a: 007\n",
  "a: value # comment\n",
  "a: key: value\n",
  "a: ends with colon:\n",
  '"quoted": key\n',
  "a:\tb\n",
  "a: b\r\n",
  "\ufeffa: b\n",
  "\u00a0a: b\n",
  "a:b\n",
  "a :b\n",
  "---\na: b\n",
  "a: b\n...\n",
  "%YAML 1.2\n---\na: b\n",
  'a: "unclosed\n',
  'a: "x" y\n',
  "a: 'x' y\n",
  'a: "\\u00e9"\n',
  "a:\n  - b: 1\n",
  "a:\n  -\n",
  "a:\n  - - x\n",
  "a:\n  b: 1\n c: 2\n",
  "a:\n  - x\n  b: 1\n",
  "  a: 1\nb: 2\n",
  "true: x\n",
  "null: x\n",
  "__proto__: x\n",
  "? a\n: b\n",
  "a: <<\n",
  "a: `tick`\n",
];

describe("readPlainBlockYaml", () => {
  it("reads plain block mappings, lists and one-line scalars to the library's value", () => {
    for (const source of accepted) expect({ source, read: expectAgreement(source) }).toEqual({ source, read: true });
  });

  it("leaves everything else to the library", () => {
    for (const source of declined) expect({ source, value: readPlainBlockYaml(source) }).toEqual({ source });
  });

  it("agrees with the library on thousands of generated texts", () => {
    // Lines and values mixed at random (a fixed seed): the reader must never accept a text the library reads
    // differently or rejects.
    const keys = ["name", "description", "a", "b_c", "d-e", "a", "true", "x1"];
    const values = [
      "",
      " ",
      " plain text",
      " text: more",
      " text # note",
      " text#note",
      " 'single ''q'''",
      ' "double \\" \\n q"',
      ' "bad \\x"',
      " 12",
      " 012",
      " 1e3",
      " true",
      " ~",
      " null",
      " [x]",
      " -x",
      " - x",
      " x:",
      " :x",
      "   spaced   ",
      " a\tb",
      " é",
    ];
    const indents = ["", "", "  ", "    ", " "];
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let agreed = 0;
    for (let i = 0; i < 4000; i++) {
      const lineCount = 1 + next(6);
      let source = "";
      for (let l = 0; l < lineCount; l++) {
        const kind = next(10);
        const indent = indents[next(indents.length)]!;
        if (kind < 6) source += `${indent}${keys[next(keys.length)]}:${values[next(values.length)]}\n`;
        else if (kind < 8) source += `${indent}-${values[next(values.length)]}\n`;
        else if (kind < 9)
          source +=
            next(2) === 0 ? `${indent}# comment\n` : `${indent}${values[next(values.length)]!.trim() || "word"}\n`;
        else source += "\n";
      }
      if (expectAgreement(source)) agreed++;
    }
    // The generator is not so hostile that the reader declines everything.
    expect(agreed).toBeGreaterThan(300);
  });
});

/** Every SKILL.md frontmatter and YAML file of the repo's rule fixtures and examples. */
function repoYaml(): string[] {
  const repo = fileURLToPath(new URL("../../../../", import.meta.url));
  const sources: string[] = [];
  for (const top of ["packages/plugin-lint/fixtures", "examples"]) {
    for (const entry of readdirSync(join(repo, top), { recursive: true, encoding: "utf8" })) {
      const path = join(repo, top, entry);
      if (entry.endsWith(".yaml") || entry.endsWith(".yml")) sources.push(readFileSync(path, "utf8"));
      else if (entry.endsWith("SKILL.md")) {
        const split = splitFrontmatter(readFileSync(path, "utf8"));
        if (split.ok) sources.push(readFileSync(path, "utf8").slice(split.split.yamlStart, split.split.yamlEnd));
      }
    }
  }
  return sources;
}

describe("readPlainBlockYaml on the repo's fixtures and examples", () => {
  it("agrees with the library on every one, and reads most of them itself", () => {
    const sources = repoYaml();
    const read = sources.filter(expectAgreement).length;
    expect(sources.length).toBeGreaterThan(50);
    expect(read / sources.length).toBeGreaterThan(0.5);
  });
});

describe("parseYaml on plain block YAML", () => {
  it("gives the value without problems, parses node positions on demand, and finds no portability issues", () => {
    const text = "---\nname: demo\ndescription: Use it\n---\nbody\n";
    const doc = parseYaml(text, 4, text.indexOf("---", 4));
    expect(doc.plainBlock).toBe(true);
    expect(doc.problems).toEqual([]);
    expect(doc.value).toEqual({ name: "demo", description: "Use it" });
    expect(portabilityIssues(doc)).toEqual([]);
    // The library's document, for positions: "Use it" starts at offset 31 of the file, 27 of the YAML.
    const contents = doc.doc.contents as { items: { value: { range: number[] } }[] };
    expect(contents.items[1]!.value.range[0]).toBe(text.indexOf("Use it") - 4);
    expect(doc.doc).toBe(doc.doc);
  });

  it("reads anything else with the library, as before", () => {
    const doc = parseYaml("a: [1, 2]\n");
    expect(doc.plainBlock).toBeUndefined();
    expect(doc.value).toEqual({ a: [1, 2] });
    expect(portabilityIssues(doc)).toEqual([{ construct: "flow", offset: 3, length: 6 }]);
  });
});
