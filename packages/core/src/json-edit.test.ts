import { describe, expect, it } from "vitest";
import { detectJsonStyle, parseJsonTree, replaceJsonScalar, setJsonProperty } from "./json-edit.js";

describe("json-edit", () => {
  it("replaces a scalar and keeps every other byte", () => {
    const text = '{\n    "name": "a",   "version": "1.0.0"\n}\n';
    expect(replaceJsonScalar(text, ["version"], "1.1.0")).toBe('{\n    "name": "a",   "version": "1.1.0"\n}\n');
  });

  it("adds a property after a named key, at its siblings' indentation and line endings", () => {
    const text = '{\r\n\t"name": "a",\r\n\t"description": "d"\r\n}\r\n';
    expect(setJsonProperty(text, [], "version", '"0.2.0"', { after: "name" })).toBe(
      '{\r\n\t"name": "a",\r\n\t"version": "0.2.0",\r\n\t"description": "d"\r\n}\r\n',
    );
  });

  it("adds a property to a one-line object on the same line, and opens an empty object", () => {
    expect(setJsonProperty('{"a": {"b": 1}}', ["a"], "c", "2")).toBe('{"a": {"b": 1, "c": 2}}');
    // Only the layout up to the anchor counts: a closing brace on its own line does not make the object multi-line.
    expect(setJsonProperty('{"a": 1, "b": 2\n}', [], "c", "3")).toBe('{"a": 1, "b": 2, "c": 3\n}');
    expect(setJsonProperty('{\n  "a": {}\n}', ["a"], "c", "2")).toBe('{\n  "a": {\n    "c": 2\n  }\n}');
  });

  it("leaves the text alone when the object is missing", () => {
    expect(setJsonProperty('{"a": 1}', ["b"], "c", "2")).toBe('{"a": 1}');
  });

  it("detects style and rejects invalid JSON", () => {
    expect(detectJsonStyle('{\n    "a": 1\n}')).toEqual({ unit: "    ", eol: "\n" });
    expect(parseJsonTree('{"a": 1,}')).toBeUndefined();
    expect(parseJsonTree('{"a": 1}')?.type).toBe("object");
  });
});
