// The marketplace-entry reader that hosts:real and the host fixture harness share.
import { describe, expect, it } from "vitest";
import { marketplaceEntries } from "./marketplace-entries.js";

const root = "/m";

/** A Claude Code marketplace: two local plugins, one remote, as the real one lays them out. */
const claudeMarketplace = `{
  "name": "demo-market",
  "owner": { "name": "Demo" },
  "plugins": [
    {
      "name": "alpha",
      "source": "./plugins/alpha",
      "strict": false
    },
    {
      "name": "beta",
      "source": "./plugins/beta"
    },
    {
      "name": "gamma",
      "source": { "source": "git-subdir", "url": "https://example.com/g.git", "path": "x" }
    }
  ]
}
`;

describe("marketplaceEntries", () => {
  it("reads each entry's line range, local folder or remote kind, and other fields", () => {
    const entries = marketplaceEntries(claudeMarketplace, root);
    expect(entries).toEqual([
      { name: "alpha", index: 0, lines: [5, 9], dir: "/m/plugins/alpha", fields: { strict: false } },
      { name: "beta", index: 1, lines: [10, 13], dir: "/m/plugins/beta", fields: {} },
      { name: "gamma", index: 2, lines: [14, 17], remote: "git-subdir", fields: {} },
    ]);
  });

  it("reads a Codex local source object", () => {
    const text = JSON.stringify({
      name: "c",
      plugins: [{ name: "one", source: { source: "local", path: "./plugins/one" }, category: "Productivity" }],
    });
    expect(marketplaceEntries(text, root)).toEqual([
      { name: "one", index: 0, lines: [1, 1], dir: "/m/plugins/one", fields: { category: "Productivity" } },
    ]);
  });

  it("is undefined for a file with no plugin list", () => {
    expect(marketplaceEntries("[1, 2]", root)).toBeUndefined();
    expect(marketplaceEntries("{ not json", root)).toBeUndefined();
  });
});
