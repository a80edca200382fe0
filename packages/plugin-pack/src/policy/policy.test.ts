// policyCheck() on real archives packed from fixtures/policy: for each kind of rule, one archive that breaks it
// (refused, with the reason and the rule) and one that passes. Marketplace rules on the fixture marketplace.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { tempDir } from "@agent-plugin/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode, ToolError } from "@agent-plugin/core";
import { archiveTimestamp, readArchive, writeZip } from "../archive/index.js";
import { inspect } from "../report/index.js";
import { policyCheck } from "./check.js";
import { FIXTURES, type FixtureName, type Keys, packFixture, testKeys, writePolicy } from "./test-archives.js";
import type { Policy, PolicyCheckReport } from "./types.js";

let work: string;
const keys: Keys = testKeys();
const signed = new Map<FixtureName, string>();
let unsignedNotes: string;
let notesByOtherKey: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "policy-test-"));
  for (const name of ["notes", "guard", "scratch", "github-reader", "issue-linker"] as const)
    signed.set(name, await packFixture(work, name, { key: keys.trusted }));
  unsignedNotes = await packFixture(work, "notes");
  notesByOtherKey = await packFixture(work, "notes", { key: keys.other, tag: "other-key" });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let policyCount = 0;
async function check(target: string, policy: Policy): Promise<PolicyCheckReport> {
  const file = writePolicy(work, policy, `policy-${++policyCount}.json`);
  return policyCheck(target, { policy: file, cwd: work });
}

const archive = (name: FixtureName) => signed.get(name)!;
const rules = (report: PolicyCheckReport) => report.policy.violations.map((v) => v.rule);

/** Each rule: the policy, the archive that breaks it (with the rule and words of the reason), the one that passes. */
const cases: {
  rule: string;
  policy: () => Policy;
  breaks: () => string;
  reason: RegExp;
  passes: () => string;
}[] = [
  {
    rule: "/signatures/required",
    policy: () => ({ signatures: { required: true } }),
    breaks: () => unsignedNotes,
    reason: /unsigned, and the policy requires a signature/,
    passes: () => archive("notes"),
  },
  {
    rule: "/signatures/trustedKeys",
    policy: () => ({ signatures: { trustedKeys: [keys.trusted.keyId] } }),
    breaks: () => notesByOtherKey,
    reason: new RegExp(`signed by key ${keys.other.keyId}, which is not one of the policy's trusted keys`),
    passes: () => archive("notes"),
  },
  {
    rule: "/plugins/deny/1",
    policy: () => ({ plugins: { deny: ["legacy-*", "no*"] } }),
    breaks: () => archive("notes"),
    reason: /plugin "notes" is denied \("no\*"\)/,
    passes: () => archive("guard"),
  },
  {
    rule: "/plugins/allow",
    policy: () => ({ plugins: { allow: ["notes", "team-*"] } }),
    breaks: () => archive("guard"),
    reason: /plugin "guard" is not in the allowed plugins \(notes, team-\*\)/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/hooks/allowed",
    policy: () => ({ capabilities: { hooks: { allowed: false } } }),
    breaks: () => archive("guard"),
    reason: /hooks are not allowed: it runs `node "\$\{PLUGIN_ROOT\}\/hooks\/guard.mjs"` on PreToolUse/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/hooks/events",
    policy: () => ({ capabilities: { hooks: { events: ["SessionStart"] } } }),
    breaks: () => archive("guard"),
    reason: /hooks on PreToolUse are not allowed \(allowed events: SessionStart\)/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/localServers/allowed",
    policy: () => ({ capabilities: { localServers: { allowed: false } } }),
    breaks: () => archive("scratch"),
    reason: /local MCP servers are not allowed: it runs node/,
    passes: () => archive("github-reader"),
  },
  {
    rule: "/capabilities/remoteServers/allowed",
    policy: () => ({ capabilities: { remoteServers: { allowed: false } } }),
    breaks: () => archive("github-reader"),
    reason: /remote MCP endpoints are not allowed: it connects to https:\/\/api.githubcopilot.com\/mcp\/readonly/,
    passes: () => archive("scratch"),
  },
  {
    rule: "/capabilities/remoteServers/hosts",
    policy: () => ({ capabilities: { remoteServers: { hosts: ["*.acme.dev", "githubcopilot.com"] } } }),
    breaks: () => archive("github-reader"),
    reason: /host api.githubcopilot.com is not in the allowed hosts \(\*\.acme\.dev, githubcopilot\.com\)/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/apps/allowed",
    policy: () => ({ capabilities: { apps: { allowed: false } } }),
    breaks: () => archive("issue-linker"),
    reason: /app connectors are not allowed: it connects connector_76869538009648d5b282a4bb21c3d157/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/apps/ids",
    policy: () => ({ capabilities: { apps: { ids: ["connector_0*"] } } }),
    breaks: () => archive("issue-linker"),
    reason: /connector connector_76869538009648d5b282a4bb21c3d157 is not in the allowed ids \(connector_0\*\)/,
    passes: () => archive("notes"),
  },
  {
    rule: "/capabilities/auth/modes",
    policy: () => ({ capabilities: { auth: { modes: ["oauth", "none"] } } }),
    breaks: () => archive("github-reader"),
    reason: /auth bearer-env is not allowed \(allowed: oauth, none\): it uses bearer token from \$GITHUB_MCP_PAT/,
    passes: () => archive("scratch"),
  },
];

describe("each kind of rule refuses an archive that breaks it and passes one that does not", () => {
  for (const { rule, policy, breaks, reason, passes } of cases) {
    it(rule, async () => {
      const refused = await check(breaks(), policy());
      expect(refused.policy.passed).toBe(false);
      expect(refused.policy.violations).toHaveLength(1);
      expect(refused.policy.violations[0]!.rule).toBe(rule);
      expect(refused.policy.violations[0]!.reason).toMatch(reason);
      expect(refused.target.kind).toBe("archive");

      const passed = await check(passes(), policy());
      expect(passed.policy).toMatchObject({ passed: true, violations: [] });
    });
  }

  it("passes the same archives when the rule allows them", async () => {
    const allowing: [string, Policy][] = [
      [archive("guard"), { capabilities: { hooks: { allowed: true, events: ["PreToolUse"] } } }],
      [archive("github-reader"), { capabilities: { remoteServers: { hosts: ["*.githubcopilot.com"] } } }],
      [archive("github-reader"), { capabilities: { auth: { modes: ["bearer-env"] } } }],
      [archive("issue-linker"), { capabilities: { apps: { ids: ["connector_76869538009648d5b282a4bb21c3d157"] } } }],
      [notesByOtherKey, { signatures: { required: true, trustedKeys: [keys.trusted.keyId, keys.other.keyId] } }],
    ];
    for (const [target, policy] of allowing) expect((await check(target, policy)).policy.violations).toEqual([]);
  });
});

describe("policyCheck", () => {
  it("reports every violation, each with its plugin, subject, reason and rule", async () => {
    const report = await check(archive("guard"), {
      signatures: { required: true, trustedKeys: [keys.other.keyId] },
      plugins: { allow: ["notes"] },
      capabilities: { hooks: { allowed: false } },
    });
    expect(rules(report)).toEqual(["/signatures/trustedKeys", "/plugins/allow", "/capabilities/hooks/allowed"]);
    expect(report.policy.violations[2]).toEqual({
      rule: "/capabilities/hooks/allowed",
      plugin: "guard",
      subject: "hook PreToolUse Bash (hooks/hooks.json)",
      reason: 'hooks are not allowed: it runs `node "${PLUGIN_ROOT}/hooks/guard.mjs"` on PreToolUse',
    });
    expect(report.plugins).toEqual([{ name: "guard", version: "1.0.0", source: archive("guard") }]);
  });

  it("records the policy file and the SHA-256 of its bytes", async () => {
    const file = writePolicy(work, { plugins: { deny: ["x"] } }, "recorded.json");
    const report = await policyCheck(archive("notes"), { policy: "recorded.json", cwd: work });
    expect(report.policy.file).toBe(file);
    expect(report.policy.sha256).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
  });

  it("checks a plugin folder's capabilities, and says signatures are for archives", async () => {
    const report = await check(join(FIXTURES, "guard"), {
      signatures: { required: true },
      capabilities: { hooks: { events: ["SessionStart"] } },
    });
    expect(report.target.kind).toBe("folder");
    expect(rules(report)).toEqual(["/capabilities/hooks/events"]);
    expect(report.notes.join("\n")).toMatch(/is a folder, not a signed archive/);
  });

  it("checks a marketplace: its name, each entry's install policy and each local plugin", async () => {
    const market = join(FIXTURES, "marketplace");
    const denied = await check(market, {
      marketplaces: { deny: ["team-*"] },
      capabilities: { install: { installation: ["AVAILABLE"] } },
      plugins: { deny: ["notes"] },
    });
    expect(denied.target.kind).toBe("marketplace");
    expect(denied.policy.violations.map((v) => [v.rule, v.reason])).toEqual([
      ["/marketplaces/deny/0", 'marketplace "team-tools" is denied ("team-*")'],
      [
        "/capabilities/install/installation",
        'policy.installation "INSTALLED_BY_DEFAULT" is not allowed (allowed: AVAILABLE)',
      ],
      ["/plugins/deny/0", 'plugin "notes" is denied ("notes")'],
    ]);
    expect(denied.plugins.map((p) => p.name)).toEqual(["notes"]);

    const allowed = await check(join(market, ".agents/plugins/marketplace.json"), {
      marketplaces: { allow: ["team-tools"] },
      capabilities: { install: { installation: ["AVAILABLE", "INSTALLED_BY_DEFAULT"], authentication: ["ON_USE"] } },
    });
    expect(allowed.policy).toMatchObject({ passed: true, violations: [] });
    expect(allowed.target.kind).toBe("marketplace");
  });

  it("checks a marketplace entry whose source is not local by its name and entry, and says what it left out", async () => {
    const market = tempDir();
    cpSync(join(FIXTURES, "marketplace"), market, { recursive: true });
    const file = join(market, ".agents/plugins/marketplace.json");
    const value = JSON.parse(readFileSync(file, "utf8"));
    value.plugins.push({
      name: "remote-tool",
      source: { source: "url", url: "https://github.com/acme/remote-tool.git" },
      policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
    });
    writeFileSync(file, JSON.stringify(value, null, 2));
    const report = await check(market, { plugins: { allow: ["notes"] } });
    expect(report.policy.violations.map((v) => [v.plugin, v.rule])).toEqual([["remote-tool", "/plugins/allow"]]);
    expect(report.notes).toContain(
      "remote-tool: its source is not a local folder, so only its name and entry were checked; check its archive with plugin-pack policy check",
    );
  });

  it("checks a Claude Code marketplace's plugins, but not the install policies its entries cannot have", async () => {
    const market = tempDir();
    cpSync(join(FIXTURES, "marketplace/plugins"), join(market, "plugins"), { recursive: true });
    writePolicy(
      join(market, ".claude-plugin"),
      JSON.stringify({
        name: "team-tools",
        owner: { name: "Team" },
        plugins: [{ name: "notes", source: "./plugins/notes" }],
      }),
      "marketplace.json",
    );
    const report = await check(market, {
      plugins: { deny: ["notes"] },
      capabilities: { install: { installation: ["AVAILABLE"] } },
    });
    expect(report.target.kind).toBe("marketplace");
    expect(rules(report)).toEqual(["/plugins/deny/0"]);
    expect(report.notes).toEqual([
      `capabilities.install: ${market}/.claude-plugin/marketplace.json is a Claude Code marketplace, whose entries have no install policy`,
    ]);
  });

  it("holds an archive and a folder to maxAlwaysOnTokens, counted as inspect --budget counts", async () => {
    const measured = await check(archive("notes"), { maxAlwaysOnTokens: 1_000_000 });
    expect(measured.policy).toMatchObject({ passed: true, violations: [] });
    expect(measured.notes).toEqual([]);
    const inspected = await inspect(archive("notes"), { cwd: work, budget: true });
    const tokens = inspected.contextBudget!.alwaysOn;
    expect(tokens).toBeGreaterThan(0);

    const within = await check(archive("notes"), { maxAlwaysOnTokens: tokens });
    expect(within.policy.violations).toEqual([]);
    const over = await check(archive("notes"), { maxAlwaysOnTokens: tokens - 1 });
    expect(over.policy.passed).toBe(false);
    expect(over.policy.violations).toEqual([
      {
        rule: "/maxAlwaysOnTokens",
        plugin: "notes",
        subject: `${tokens} always-on tokens`,
        reason: expect.stringMatching(
          new RegExp(
            `^it adds ${tokens} tokens to every codex session \\(o200k_base\\), over the budget of ${tokens - 1}; biggest: notes:`,
          ),
        ),
      },
    ]);
    const folder = await check(join(FIXTURES, "notes"), { maxAlwaysOnTokens: tokens - 1 });
    expect(rules(folder)).toEqual(["/maxAlwaysOnTokens"]);
  });

  it("refuses to judge an archive that fails verification (exit 1), whatever the policy", async () => {
    const read = await readArchive(archive("notes"));
    const tampered = join(work, "tampered.zip");
    const entries = read.entries.map((e) =>
      e.path.endsWith("SKILL.md")
        ? {
            ...e,
            mode: 0o644 as const,
            data: new TextEncoder().encode("---\nname: take-notes\ndescription: x\n---\nrun curl evil\n"),
          }
        : { ...e, mode: e.mode === 0o755 ? (0o755 as const) : (0o644 as const) },
    );
    writeFileSync(tampered, writeZip(entries, { timestamp: archiveTimestamp({}) }));
    const error = await check(tampered, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).exitCode).toBe(ExitCode.findings);
    expect((error as Error).message).toMatch(
      /^.*tampered\.zip failed verification, its policy was not checked: content of skills\/take-notes\/SKILL.md changed/,
    );
  });
});
