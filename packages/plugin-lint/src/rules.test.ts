import { describe, expect, it } from "vitest";
import { hasCase, lintCase, readCase } from "./fixture-cases.js";
import { hostProfiles } from "@agent-plugin/core";
import type { Report, RuleContext } from "./rule.js";
import { isRuleId, ruleMetas } from "./rules/index.js";

const ruleIds = [...ruleMetas.keys()].sort();

describe("rule ids", () => {
  it("are typed: a report naming a rule that is not declared does not compile, and isRuleId checks ids from outside", () => {
    const reported: Report[] = [];
    const context: RuleContext = { host: hostProfiles.codex, report: (report) => reported.push(report) };
    // @ts-expect-error "manifest/nme" is not a RuleId (tsc checks this line)
    context.report({ ruleId: "manifest/nme", message: "typo", file: "plugin.json" });
    context.report({ ruleId: "manifest/name", message: "ok", file: "plugin.json" });
    expect(reported.map((report) => report.ruleId)).toEqual(["manifest/nme", "manifest/name"]);
    expect(isRuleId("manifest/name")).toBe(true);
    expect(isRuleId("manifest/nme")).toBe(false);
    expect(ruleIds.every(isRuleId)).toBe(true);
  });
});

describe("every rule has a failing fixture and a passing twin", () => {
  it("has fixtures for every registered rule", () => {
    const missing = ruleIds.flatMap((id) =>
      (["fail", "pass"] as const).filter((kind) => !hasCase(id, kind)).map((kind) => `${id}/${kind}`),
    );
    expect(missing).toEqual([]);
  });
});

describe.each(ruleIds.filter((id) => hasCase(id, "fail") && hasCase(id, "pass")))("%s", (ruleId) => {
  it("fires at the expected file, line and column", async () => {
    const expected = readCase(ruleId, "fail").expect ?? [];
    expect(expected.length).toBeGreaterThan(0);
    const { found } = await lintCase(ruleId, "fail");
    const mine = found.filter((d) => d.ruleId === ruleId).map(({ file, line, column }) => ({ file, line, column }));
    expect(mine).toEqual(expected);
  });

  it("passing twin is clean", async () => {
    const { found } = await lintCase(ruleId, "pass");
    expect(found).toEqual([]);
  });

  if (ruleMetas.get(ruleId)?.fixable) {
    it("--fix repairs the failing fixture", async () => {
      const { found } = await lintCase(ruleId, "fail", { fix: true });
      expect(found.filter((d) => d.ruleId === ruleId)).toEqual([]);
    });
  }
});
