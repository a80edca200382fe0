import { describe, expect, it } from "vitest";
import {
  addMarketplaceEntry,
  defaultMarketplaceIdentity,
  MarketplaceEditError,
  marketplaceEntries,
  newMarketplaceText,
  updateMarketplaceEntry,
} from "./marketplace-edit.js";

const entry = (name: string, category = "Productivity") => ({
  name,
  source: { source: "local", path: `./plugins/${name}` },
  policy: { installation: "AVAILABLE", authentication: "ON_USE" },
  category,
});

const tabs = `{\r\n\t"name": "team",\r\n\t"plugins": [\r\n\t\t{ "name": "a", "source": { "source": "local", "path": "./plugins/a" } },\r\n\t\t{ "name": "b", "source": { "source": "local", "path": "./plugins/b" } }\r\n\t]\r\n}\r\n`;

const spaces = `{
    "name": "team",
    "plugins": [
        {
            "name": "a",
            "version": "1.0.0",
            "source": { "source": "local", "path": "./plugins/a" },
            "policy": {
                "installation": "AVAILABLE",
                "authentication": "ON_USE"
            },
            "category": "Coding"
        },
        {
            "name": "b",
            "source": { "source": "local", "path": "./plugins/b" }
        }
    ]
}
`;

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MarketplaceEditError) return error.problem;
    throw error;
  }
  return undefined;
}

describe("addMarketplaceEntry", () => {
  it("appends with the file's own tabs and CRLF line endings, leaving every other byte alone", () => {
    const { text, action } = addMarketplaceEntry(tabs, entry("c"));
    expect(action).toBe("appended");
    const lastEntryEnd = tabs.lastIndexOf(" }") + 2;
    expect(text.slice(0, lastEntryEnd)).toBe(tabs.slice(0, lastEntryEnd));
    expect(text.slice(text.length - (tabs.length - lastEntryEnd))).toBe(tabs.slice(lastEntryEnd));
    expect(text).toContain(`,\r\n\t\t{\r\n\t\t\t"name": "c",\r\n`);
    expect(JSON.parse(text).plugins.map((p: { name: string }) => p.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses a duplicate name unless asked to replace, and then replaces it where it stands", () => {
    expect(problemOf(() => addMarketplaceEntry(tabs, entry("a")))).toBe("duplicate-entry");
    const { text, action } = addMarketplaceEntry(tabs, entry("a", "Coding"), { replace: true });
    expect(action).toBe("replaced");
    expect(JSON.parse(text).plugins).toEqual([
      entry("a", "Coding"),
      { name: "b", source: { source: "local", path: "./plugins/b" } },
    ]);
    expect(
      text.endsWith(`{ "name": "b", "source": { "source": "local", "path": "./plugins/b" } }\r\n\t]\r\n}\r\n`),
    ).toBe(true);
  });

  it("opens an empty list onto its own lines, and adds a missing plugins list", () => {
    expect(addMarketplaceEntry('{\n  "name": "x",\n  "plugins": []\n}\n', { name: "c" }).text).toBe(
      '{\n  "name": "x",\n  "plugins": [\n    {\n      "name": "c"\n    }\n  ]\n}\n',
    );
    expect(addMarketplaceEntry('{\n  "name": "x"\n}\n', { name: "c" }).text).toBe(
      '{\n  "name": "x",\n  "plugins": [\n    {\n      "name": "c"\n    }\n  ]\n}\n',
    );
    expect(addMarketplaceEntry('{"name": "x"}', { name: "c" }).text).toBe(
      '{"name": "x", "plugins": [ { "name": "c" } ]}',
    );
  });

  it("rejects invalid JSON, a non-object and a plugins value that is not a list, with a problem code", () => {
    expect(problemOf(() => addMarketplaceEntry('{"name": "x",}', entry("c")))).toBe("invalid-json");
    expect(problemOf(() => addMarketplaceEntry("// team\n{}", entry("c")))).toBe("invalid-json");
    expect(problemOf(() => addMarketplaceEntry("[]", entry("c")))).toBe("invalid-json");
    expect(problemOf(() => addMarketplaceEntry('{"plugins": {}}', entry("c")))).toBe("plugins-not-list");
  });
});

describe("updateMarketplaceEntry", () => {
  it("replaces existing fields in place and keeps every other byte", () => {
    const text = updateMarketplaceEntry(spaces, "a", [
      { path: ["version"], value: "1.1.0" },
      { path: ["policy", "installation"], value: "INSTALLED_BY_DEFAULT" },
      { path: ["category"], value: "Developer Tools" },
    ]);
    expect(text).toBe(
      spaces
        .replace('"1.0.0"', '"1.1.0"')
        .replace('"installation": "AVAILABLE"', '"installation": "INSTALLED_BY_DEFAULT"')
        .replace('"Coding"', '"Developer Tools"'),
    );
  });

  it("adds a missing field after its siblings, and a missing parent object holding it", () => {
    const text = updateMarketplaceEntry(spaces, "b", [
      { path: ["policy", "authentication"], value: "ON_INSTALL" },
      { path: ["category"], value: "Coding" },
    ]);
    expect(text).toBe(
      spaces.replace(
        `            "source": { "source": "local", "path": "./plugins/b" }\n`,
        `            "source": { "source": "local", "path": "./plugins/b" },\n            "policy": {\n                "authentication": "ON_INSTALL"\n            },\n            "category": "Coding"\n`,
      ),
    );
    expect(updateMarketplaceEntry(tabs, "a", [{ path: ["policy", "installation"], value: "AVAILABLE" }])).toContain(
      `{ "name": "a", "source": { "source": "local", "path": "./plugins/a" }, "policy": { "installation": "AVAILABLE" } },`,
    );
  });

  it("refuses a missing entry and a field inside something that is not an object", () => {
    expect(problemOf(() => updateMarketplaceEntry(spaces, "zz", [{ path: ["category"], value: "x" }]))).toBe(
      "no-entry",
    );
    expect(
      problemOf(() =>
        updateMarketplaceEntry('{"plugins": [{"name": "a", "policy": "open"}]}', "a", [
          { path: ["policy", "installation"], value: "AVAILABLE" },
        ]),
      ),
    ).toBe("not-object");
  });
});

describe("marketplace helpers", () => {
  it("reads the entries, and names a new marketplace after its folder", () => {
    expect(marketplaceEntries(spaces).map((p) => (p as { name: string }).name)).toEqual(["a", "b"]);
    expect(marketplaceEntries('{"name": "x"}')).toEqual([]);
    expect(defaultMarketplaceIdentity("/work/Team Repo_2")).toEqual({
      name: "team-repo-2",
      displayName: "Team Repo 2",
    });
    expect(defaultMarketplaceIdentity("/work/!!!")).toEqual({ name: "plugins", displayName: "Plugins" });
    expect(JSON.parse(newMarketplaceText({ name: "x", displayName: "X" }, [entry("a")]))).toEqual({
      name: "x",
      interface: { displayName: "X" },
      plugins: [entry("a")],
    });
  });
});
