import { describe, expect, it } from "vitest";
import { addEntry, type MarketplaceEntry } from "./marketplace.js";

const entry = (name: string, category = "Productivity"): MarketplaceEntry => ({
  name,
  source: { source: "local", path: `./plugins/${name}` },
  policy: { installation: "AVAILABLE", authentication: "ON_USE" },
  category,
});

const existing = `{\r\n\t"name": "team",\r\n\t"plugins": [\r\n\t\t{ "name": "a", "source": { "source": "local", "path": "./plugins/a" } },\r\n\t\t{ "name": "b", "source": { "source": "local", "path": "./plugins/b" } }\r\n\t]\r\n}\r\n`;

describe("addEntry", () => {
  it("appends with the file's own tabs and CRLF line endings, leaving the rest untouched", () => {
    const { text, action } = addEntry(existing, entry("c"), "m.json", false);
    expect(action).toBe("appended");
    expect(text.startsWith(existing.slice(0, existing.lastIndexOf(" }") + 2))).toBe(true);
    expect(text).toContain(`,\r\n\t\t{\r\n\t\t\t"name": "c",\r\n`);
    expect(JSON.parse(text).plugins.map((p: { name: string }) => p.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses an entry of the same name without force, and replaces it in place with force", () => {
    expect(() => addEntry(existing, entry("a"), "m.json", false)).toThrow(
      'm.json already lists a plugin named "a": pass --force to replace that entry',
    );
    const { text, action } = addEntry(existing, entry("a", "Developer Tools"), "m.json", true);
    expect(action).toBe("replaced");
    const plugins = JSON.parse(text).plugins as MarketplaceEntry[];
    expect(plugins.map((p) => p.name)).toEqual(["a", "b"]);
    expect(plugins[0]).toEqual(entry("a", "Developer Tools"));
    expect(
      text.endsWith(`{ "name": "b", "source": { "source": "local", "path": "./plugins/b" } }\r\n\t]\r\n}\r\n`),
    ).toBe(true);
  });

  it("adds a plugins list to a marketplace that has none, and rejects invalid JSON", () => {
    expect(JSON.parse(addEntry(`{"name": "x"}\n`, entry("c"), "m.json", false).text).plugins).toEqual([entry("c")]);
    expect(() => addEntry(`{"name": "x",}`, entry("c"), "m.json", false)).toThrow("m.json is not valid JSON");
  });
});
