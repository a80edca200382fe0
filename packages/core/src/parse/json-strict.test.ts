import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getNodeValue, type ParseError, parseTree } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { parseJson } from "./json.js";
import { readStrictJson } from "./json-strict.js";

/** Every object in a value, to compare prototypes. */
function objects(value: unknown, out: object[] = []): object[] {
  if (typeof value !== "object" || value === null) return out;
  out.push(value);
  for (const child of Object.values(value)) objects(child, out);
  return out;
}

/** When the fast reader takes a text, the tree parser finds no error and gives the same value, key order and all. */
function expectAgreement(text: string): boolean {
  const fast = readStrictJson(text, 256);
  if (!fast) return false;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  expect({ text, errors }).toEqual({ text, errors: [] });
  const slow = getNodeValue(tree!);
  expect({ text, value: JSON.stringify(fast.value) }).toEqual({ text, value: JSON.stringify(slow) });
  expect(objects(fast.value).map((o) => Object.getPrototypeOf(o))).toEqual(
    objects(slow).map((o) => Object.getPrototypeOf(o)),
  );
  // parseJson finds nothing to report in it either way.
  expect(parseJson(text).problems).toEqual([]);
  return true;
}

describe("readStrictJson", () => {
  it("reads strict JSON to the value the tree parser gives, objects without a prototype", () => {
    for (const text of [
      '{"name": "demo", "version": "1.0.0", "keywords": ["a", "b"], "n": -0.5e3, "ok": true, "none": null}',
      '{"a": {"b": {"c": []}}, "x:y": "colon: inside", "q": "escaped \\" quote: and \\\\", "u": "\\u00e9\\ud83d\\ude00"}',
      '{"2": "two", "1": "one", "b": 1, "a": 2, "constructor": 3, "toString": 4}',
      "[1, 2, {}]",
      '"just a string"',
      "42",
      '\n\t {"spaced" :\r\n 1 }\n',
      '{"\\"": 1, "\\\\": 2}',
    ])
      expect({ text, read: expectAgreement(text) }).toEqual({ text, read: true });
  });

  it("leaves to the tree parser whatever has something to report, or reads differently", () => {
    for (const text of [
      "",
      "\uFEFF{}",
      '{"a": 1, "a": 2}',
      '{"a": {"b": 1, "b": 1}}',
      '{"a": 1,}',
      "[1, 2,]",
      '{"a": 1 // note\n}',
      '{"a": /* note */ 1}',
      '{"a": 1',
      '{"__proto__": {"x": 1}}',
      "{'a': 1}",
      '{"a": "tab\tinside"}',
      `${"[".repeat(257)}${"]".repeat(257)}`,
    ])
      expect({ text, value: readStrictJson(text, 256) }).toEqual({ text });
  });

  it("takes nesting up to the limit", () => {
    expect(readStrictJson(`${"[".repeat(256)}${"]".repeat(256)}`, 256)).toBeDefined();
  });

  it("agrees with the tree parser on every JSON file of the repo's schemas, fixtures and examples", () => {
    const repo = fileURLToPath(new URL("../../../../", import.meta.url));
    let read = 0;
    let total = 0;
    for (const top of ["schemas", "packages/plugin-lint/fixtures", "examples"]) {
      for (const entry of readdirSync(join(repo, top), { recursive: true, encoding: "utf8" })) {
        const path = join(repo, top, entry);
        if (!entry.endsWith(".json") || entry.includes("node_modules") || !statSync(path).isFile()) continue;
        total++;
        if (expectAgreement(readFileSync(path, "utf8"))) read++;
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(read / total).toBeGreaterThan(0.8);
  });
});

describe("parseJson on strict JSON", () => {
  it("builds the syntax tree only when it is read, once", () => {
    const text = '{"name": "demo", "list": [1, 2]}';
    const doc = parseJson(text);
    expect(doc.problems).toEqual([]);
    expect(doc.value).toEqual({ name: "demo", list: [1, 2] });
    expect(doc.root?.type).toBe("object");
    expect(doc.root?.children?.[1]?.children?.[1]?.offset).toBe(text.indexOf("["));
    expect(doc.root).toBe(doc.root);
  });
});
