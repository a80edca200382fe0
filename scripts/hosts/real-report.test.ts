import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain script module, without declarations
import { classifyLoss, formatReport, joinReport, MARKETPLACE, matchLoss } from "./real-report.mjs";

const root = "/m";

describe("classifyLoss", () => {
  it("names the component of each kind of findLosses line", () => {
    expect(classifyLoss("plugin not installed: bad manifest").component).toBe("plugin");
    expect(classifyLoss("skill skills/a/SKILL.md refused: missing field `description`")).toMatchObject({
      component: "skill",
      path: "skills/a/SKILL.md",
    });
    expect(classifyLoss("skill skills/b/SKILL.md dropped")).toMatchObject({
      component: "skill",
      path: "skills/b/SKILL.md",
    });
    expect(classifyLoss("1 of 3 skills dropped")).toEqual({ component: "skill", text: "1 of 3 skills dropped" });
    expect(classifyLoss("MCP server linear dropped").component).toBe("mcp");
    expect(classifyLoss("hooks for PreToolUse dropped").component).toBe("hooks");
    expect(classifyLoss("1 of 1 commands dropped").component).toBe("commands");
    expect(classifyLoss("interface.logo dropped").component).toBe("manifest");
    expect(classifyLoss("2 of 3 default prompts dropped").component).toBe("manifest");
  });
});

describe("matchLoss", () => {
  const finding = (ruleId: string, path: string) => ({ ruleId, path });
  it("tells a loss in the same file from one in the same component or elsewhere in the plugin", () => {
    const losses = [classifyLoss("skill skills/a/SKILL.md refused: description too long")];
    expect(matchLoss(finding("skill/description-length", "skills/a/SKILL.md"), losses)).toBe("file");
    expect(matchLoss(finding("openai-yaml/icon", "skills/a/agents/openai.yaml"), losses)).toBe("component");
    expect(matchLoss(finding("manifest/package-version", ".codex-plugin/plugin.json"), losses)).toBe("plugin");
    expect(matchLoss(finding("skill/name", "skills/a/SKILL.md"), [])).toBeUndefined();
  });

  it("matches an inline MCP server by the rule's area, and a plugin not installed by its manifest", () => {
    expect(
      matchLoss(finding("mcp/command", ".claude-plugin/plugin.json"), [classifyLoss("MCP server x dropped")]),
    ).toBe("component");
    expect(
      matchLoss(finding("manifest/name", ".claude-plugin/plugin.json"), [classifyLoss("plugin not installed: no")]),
    ).toBe("component");
  });
});

describe("joinReport", () => {
  // What marketplaceEntries reads from a Claude Code marketplace of two local plugins and a remote one.
  const entries = [
    { name: "alpha", index: 0, lines: [5, 9], dir: "/m/plugins/alpha", fields: { strict: false } },
    { name: "beta", index: 1, lines: [10, 13], dir: "/m/plugins/beta", fields: {} },
    { name: "gamma", index: 2, lines: [14, 17], remote: "git-subdir", fields: {} },
  ];
  const diagnostic = (ruleId: string, severity: string, file: string, line: number) => ({
    ruleId,
    severity,
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    message: `${ruleId} says so`,
  });
  const diagnostics = [
    diagnostic("marketplace/name", "error", "/m/.claude-plugin/marketplace.json", 2),
    diagnostic("marketplace/entry", "warning", "/m/.claude-plugin/marketplace.json", 11),
    diagnostic("skill/name-length", "error", "/m/plugins/alpha/skills/a/SKILL.md", 2),
    diagnostic("skill/name-length", "error", "/m/plugins/beta/skills/b/SKILL.md", 2),
    diagnostic("skill/link", "warning", "/m/plugins/beta/skills/b/SKILL.md", 9),
    diagnostic("manifest/package-version", "error", "/m/plugins/alpha/.claude-plugin/plugin.json", 3),
  ];
  const plugins = [
    {
      name: "alpha",
      losses: ["skill skills/a/SKILL.md refused: name: too long", "1 of 1 commands dropped"],
      declared: { skills: 2, servers: 0 },
      loaded: { skills: 1, servers: 0 },
    },
    { name: "beta", losses: [], declared: { skills: 1, servers: 1 }, loaded: { skills: 1, servers: 1 } },
  ];
  const report = joinReport({
    host: "claude-code",
    version: "2.1.332",
    target: "claude-code",
    marketplace: { dir: root, file: ".claude-plugin/marketplace.json", name: "demo-market", added: true },
    entries,
    diagnostics,
    plugins,
  });

  it("counts, per rule, the errors where the host lost something, those matching the loss, and the false ones", () => {
    expect(report.rules).toEqual([
      {
        rule: "manifest/package-version",
        errors: 1,
        warnings: 0,
        errorsWhereLost: 1,
        errorsMatchingLoss: 0,
        falseErrors: 0,
        warningsMatchingLoss: 0,
      },
      {
        rule: "marketplace/entry",
        errors: 0,
        warnings: 1,
        errorsWhereLost: 0,
        errorsMatchingLoss: 0,
        falseErrors: 0,
        warningsMatchingLoss: 0,
      },
      {
        rule: "marketplace/name",
        errors: 1,
        warnings: 0,
        errorsWhereLost: 0,
        errorsMatchingLoss: 0,
        falseErrors: 1,
        warningsMatchingLoss: 0,
      },
      {
        rule: "skill/link",
        errors: 0,
        warnings: 1,
        errorsWhereLost: 0,
        errorsMatchingLoss: 0,
        falseErrors: 0,
        warningsMatchingLoss: 0,
      },
      {
        rule: "skill/name-length",
        errors: 2,
        warnings: 0,
        errorsWhereLost: 1,
        errorsMatchingLoss: 1,
        falseErrors: 1,
        warningsMatchingLoss: 0,
      },
    ]);
  });

  it("lists false errors with file:line, and errors that sit beside a different loss", () => {
    expect(report.falseErrors).toEqual([
      {
        plugin: MARKETPLACE,
        rule: "marketplace/name",
        file: ".claude-plugin/marketplace.json",
        line: 2,
        message: "marketplace/name says so",
      },
      {
        plugin: "beta",
        rule: "skill/name-length",
        file: "plugins/beta/skills/b/SKILL.md",
        line: 2,
        message: "skill/name-length says so",
      },
    ]);
    expect(report.unmatchedErrors).toEqual([
      expect.objectContaining({
        plugin: "alpha",
        rule: "manifest/package-version",
        file: "plugins/alpha/.claude-plugin/plugin.json",
      }),
    ]);
  });

  it("totals the plugins, skills, servers and findings, and lists the remote entry as skipped", () => {
    expect(report.totals).toEqual({
      entries: 3,
      plugins: 2,
      skipped: 1,
      loadedWhole: 1,
      lostSomething: 1,
      skillsDeclared: 3,
      skillsLoaded: 2,
      serversDeclared: 1,
      serversLoaded: 1,
      errors: 4,
      warnings: 2,
    });
    expect(report.skipped).toEqual([{ plugin: "gamma", source: "git-subdir" }]);
    expect(report.missedLosses).toEqual([]);
  });

  it("reports a refused marketplace with no error about it, and a lossy plugin with only warnings, as missed", () => {
    const refused = joinReport({
      host: "codex",
      version: "0.171.0",
      target: "codex",
      marketplace: { dir: root, file: ".claude-plugin/marketplace.json", added: false, error: "name is reserved" },
      entries,
      diagnostics: diagnostics.filter((d) => d.ruleId === "skill/link"),
      plugins: [plugins[0], { ...plugins[1], losses: ["MCP server x dropped"] }],
    });
    expect(refused.missedLosses).toEqual([
      { plugin: MARKETPLACE, losses: ["marketplace refused: name is reserved"], warnings: [] },
      {
        plugin: "alpha",
        losses: ["skill skills/a/SKILL.md refused: name: too long", "1 of 1 commands dropped"],
        warnings: [],
      },
      { plugin: "beta", losses: ["MCP server x dropped"], warnings: ["skill/link"] },
    ]);
    // A marketplace-level error where the host refused the marketplace matches that refusal.
    const named = joinReport({
      host: "codex",
      version: "0.171.0",
      target: "codex",
      marketplace: { dir: root, file: ".claude-plugin/marketplace.json", added: false, error: "name is reserved" },
      entries,
      diagnostics: diagnostics.filter((d) => d.ruleId === "marketplace/name"),
      plugins: [],
    });
    expect(named.rules[0]).toMatchObject({ rule: "marketplace/name", errorsWhereLost: 1, errorsMatchingLoss: 1 });
    expect(named.missedLosses).toEqual([]);
  });

  it("formats the totals, the per-rule rows and every false error as markdown", () => {
    const text = formatReport(report);
    expect(text).toContain("## demo-market: plugin-lint (target claude-code) vs claude-code 2.1.332");
    expect(text).toContain("| 3 | 2 | 1 | 1 | 1 | 3 / 2 | 1 / 1 | 4 | 2 |");
    expect(text).toContain("| skill/name-length | 2 | 0 | 1 | 1 | 1 | 0 |");
    expect(text).toContain(
      "| beta | skill/name-length | plugins/beta/skills/b/SKILL.md:2 | skill/name-length says so |",
    );
    expect(text).toContain("### Missed losses (0)");
    expect(text).toContain("git-subdir: 1");
  });
});
