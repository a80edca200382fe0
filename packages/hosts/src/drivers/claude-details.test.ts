import { describe, expect, it } from "vitest";
import { nameFromHeader, parsePluginDetails } from "./claude-details.js";

// Printed by `claude plugin details demo@probe-mk` (Claude Code 2.1.332) for a plugin with a skill, a command, an
// agent, a hook and an MCP server.
const DETAILS = `demo 1.0.0
  Description: d
  Source: demo@probe-mk

Component inventory
  Skills (2)  doit, hello
  Agents (1)  helper
  Hooks (1)  SessionStart  (harness-only — no model context cost)
  MCP servers (1)  srv  (tool schemas resolved at runtime; not counted)
  LSP servers (0)

Projected token cost
  Always-on:   ~14 tok   added to every session

Per-component (rounded)
  component  always-on  on-invoke
  hello           < 20       < 20
`;

describe("parsePluginDetails", () => {
  it("reads the header and every inventory line, notes left out", () => {
    expect(parsePluginDetails(DETAILS)).toEqual({
      header: "demo 1.0.0",
      description: "d",
      source: "demo@probe-mk",
      components: {
        Skills: { count: 2, names: ["doit", "hello"] },
        Agents: { count: 1, names: ["helper"] },
        Hooks: { count: 1, names: ["SessionStart"] },
        "MCP servers": { count: 1, names: ["srv"] },
        "LSP servers": { count: 0, names: [] },
      },
      tokens: { alwaysOn: "~14", components: [{ name: "hello", alwaysOn: "< 20", onInvoke: "< 20" }] },
    });
  });

  it("reads Claude Code's token figures, and leaves them out of text that has none", () => {
    const more = DETAILS.replace(
      "  hello           < 20       < 20",
      "  hello           ~1,240     ~3.2k\n  helper          < 20       ~60",
    );
    expect(parsePluginDetails(more)?.tokens?.components).toEqual([
      { name: "hello", alwaysOn: "~1,240", onInvoke: "~3.2k" },
      { name: "helper", alwaysOn: "< 20", onInvoke: "~60" },
    ]);
    const none = parsePluginDetails(DETAILS.slice(0, DETAILS.indexOf("Projected token cost")));
    expect(none?.components.Skills).toEqual({ count: 2, names: ["doit", "hello"] });
    expect(none?.tokens).toBeUndefined();
  });

  it("reads CRLF output the same way", () => {
    expect(parsePluginDetails(DETAILS.replace(/\n/g, "\r\n"))).toEqual(parsePluginDetails(DETAILS));
  });

  it("splits the header with the version `plugin list` gives, spaces and all", () => {
    expect(nameFromHeader("demo 1.0.0", "1.0.0")).toBe("demo");
    expect(nameFromHeader("demo 1.0 beta", "1.0 beta")).toBe("demo");
    expect(nameFromHeader("demo  1.0.0 ", " 1.0.0 ")).toBe("demo");
    expect(nameFromHeader("Probe Display (demo) 1.0.0", "1.0.0")).toBe("Probe Display (demo)");
    expect(nameFromHeader("demo 1.0.0", undefined)).toBe("demo");
  });

  it("gives undefined for text without a component inventory or with a line it cannot read", () => {
    expect(parsePluginDetails("demo 1.0.0\n  Description: d\n")).toBeUndefined();
    expect(parsePluginDetails(DETAILS.replace("  Agents (1)  helper", "  Agents: helper"))).toBeUndefined();
  });
});
