import { describe, expect, it } from "vitest";
import { emptyInventory } from "../inventory.js";
import { diffProbeData, formatProbeData, type ProbeData, parseProbeData, pluginOutcome } from "./data.js";

const data = (probes: ProbeData["probes"]): ProbeData => ({
  host: "codex",
  version: "0.171.0",
  driver: "codex-cli@1",
  probes,
});
const outcome = (fields: Record<string, unknown>) =>
  ({
    plugin: { ...pluginOutcome({ ...emptyInventory("demo"), installed: true }), ...fields },
  }) as ProbeData["probes"][string];

describe("formatProbeData", () => {
  it("sorts keys, leaves out empty values and shortens long strings, so equal behaviour gives equal bytes", () => {
    const text = formatProbeData(
      data({
        "b/probe": outcome({ skills: [{ name: "p:s", description: "x".repeat(1001), path: "skills/s/SKILL.md" }] }),
        "a/probe": outcome({ installed: false, installError: "bad" }),
      }),
    );
    expect(text).toBe(
      `${JSON.stringify(
        {
          driver: "codex-cli@1",
          host: "codex",
          probes: {
            "a/probe": { plugin: { installError: "bad", installed: false } },
            "b/probe": {
              plugin: {
                installed: true,
                skills: [
                  { description: `[1001 characters] ${"x".repeat(80)}…`, name: "p:s", path: "skills/s/SKILL.md" },
                ],
              },
            },
          },
          version: "0.171.0",
        },
        null,
        2,
      )}\n`,
    );
    expect(formatProbeData(parseProbeData(text))).toBe(text);
  });
});

describe("diffProbeData", () => {
  it("lists each changed value, and probes added or removed", () => {
    const before = data({ kept: outcome({ mcpServers: ["a", "b"] }), gone: outcome({}) });
    const after = data({ kept: outcome({ mcpServers: ["a"], installError: "now refused" }), fresh: outcome({}) });
    expect(diffProbeData(before, after)).toEqual([
      "+ fresh",
      "- gone",
      '~ kept: plugin.installError: (none) → "now refused"',
      '~ kept: plugin.mcpServers[1]: "b" → (none)',
    ]);
    expect(diffProbeData(before, before)).toEqual([]);
  });

  it("refuses a file that is not probe data", () => {
    expect(() => parseProbeData('{"probes": {}}')).toThrow("not a probe data file");
  });
});
