// The policy through the CLI: `policy check`, `install --policy` (refused before anything is written) and
// `diff --policy`, on real archives packed from fixtures/policy. One test runs the built bin.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bins, inheritedEnv, runCli, runInProcess, treeSnapshot } from "@agent-plugin/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli as runPluginPack } from "../cli/index.js";
import { FIXTURES, packFixture, testKeys, writePolicy } from "./test-archives.js";

const keys = testKeys();
let work: string;
let guard: string;
let notes: string;
let notesWithHook: string;
let guardAgain: string;
let trustFile: string;

const pluginPack = (args: string[]) => runInProcess(runPluginPack, args, { cwd: work, env: inheritedEnv() });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "policy-cli-test-"));
  guard = await packFixture(work, "guard", { key: keys.trusted });
  notes = await packFixture(work, "notes", { key: keys.trusted });
  notesWithHook = await packFixture(work, "notes", {
    key: keys.trusted,
    tag: "with-hook",
    files: {
      ".codex-plugin/plugin.json": {
        name: "notes",
        version: "1.1.0",
        description: "Keeps meeting notes.",
        skills: "./skills/",
      },
      "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "git pull" }] }] } },
    },
  });
  guardAgain = await packFixture(work, "guard", {
    key: keys.trusted,
    tag: "guard-again",
    files: {
      ".codex-plugin/plugin.json": {
        name: "guard",
        version: "1.1.0",
        description: "Blocks destructive commands.",
        skills: "./skills/",
      },
    },
  });
  trustFile = join(work, "trusted.pub");
  writePolicy(work, `${keys.trusted.publicKey}\n`, "trusted.pub");
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const noHooks = () => writePolicy(work, { capabilities: { hooks: { allowed: false } } }, "no-hooks.json");

/** A copy of the fixture marketplace (named team-tools), to install into. */
function marketplace(): string {
  const root = mkdtempSync(join(work, "market-"));
  cpSync(join(FIXTURES, "marketplace"), root, { recursive: true });
  return root;
}

describe("plugin-pack policy check", () => {
  it("prints every violation with the rule it breaks and exits 1; passes with exit 0", async () => {
    noHooks();
    const broken = await pluginPack(["policy", "check", guard, "--policy", "no-hooks.json"]);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toBe("");
    expect(broken.stdout).toContain("guard 1.0.0) breaks policy no-hooks.json: 1 violation\n");
    expect(broken.stdout).toContain(
      '  hook PreToolUse Bash (hooks/hooks.json): hooks are not allowed: it runs `node "${PLUGIN_ROOT}/hooks/guard.mjs"` on PreToolUse  [/capabilities/hooks/allowed]\n',
    );

    const passed = await pluginPack(["policy", "check", notes, "--policy", "no-hooks.json"]);
    expect(passed.exitCode).toBe(0);
    expect(passed.stdout).toMatch(/^✔ .*notes-1\.0\.0\.zip \(notes 1\.0\.0\) passes policy no-hooks\.json\n$/);
  });

  it("--json: the report as data", async () => {
    const file = noHooks();
    const result = await pluginPack(["policy", "check", guard, "--policy", file, "--json"]);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.policy).toMatchObject({
      file,
      passed: false,
      violations: [{ rule: "/capabilities/hooks/allowed", plugin: "guard" }],
    });
    expect(report.policy.sha256).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
    expect(report.target).toEqual({ source: guard, kind: "archive" });
  });

  it("a bad policy file: exit 2, one line with the file, the position and the JSON pointer", async () => {
    writePolicy(work, '{ "signatures": { "required": "yes" } }', "bad.json");
    const result = await pluginPack(["policy", "check", guard, "--policy", "bad.json"]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'plugin-pack: bad.json:1:31: /signatures/required: "signatures.required" must be a boolean, found a string: fix the policy (see docs/governance.md#policy)\n',
    );
  });

  it("usage: --policy is required and check is the only action", async () => {
    const missing = await pluginPack(["policy", "check", guard]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^plugin-pack: policy check needs --policy <file>/);
    const unknown = await pluginPack(["policy", "enforce", guard, "--policy", "x.json"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^plugin-pack: unknown policy action "enforce": use plugin-pack policy check/);
  });

  it("the built bin prints the violations and exits 1", async () => {
    noHooks();
    const result = await runCli(bins.pluginPack, ["policy", "check", guard, "--policy", "no-hooks.json"], {
      cwd: work,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("[/capabilities/hooks/allowed]");
  });
});

describe("plugin-pack install --policy", () => {
  it("refuses before writing anything, printing the violations", async () => {
    const root = marketplace();
    const before = treeSnapshot(root);
    const policy = writePolicy(
      work,
      {
        marketplaces: { deny: ["team-*"] },
        capabilities: { hooks: { allowed: false } },
      },
      "install-policy.json",
    );
    const result = await pluginPack([
      "install",
      guard,
      "--trust",
      trustFile,
      "--marketplace",
      root,
      "--policy",
      policy,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("✖ policy install-policy.json: 2 violations\n");
    expect(result.stdout).toContain(
      '  marketplace team-tools: marketplace "team-tools" is denied ("team-*")  [/marketplaces/deny/0]\n',
    );
    expect(result.stderr).toMatch(
      /^plugin-pack: .*guard-1\.0\.0\.zip is refused by policy install-policy\.json, nothing was installed: hook PreToolUse Bash .*\[\/capabilities\/hooks\/allowed\]; and 1 more\n$/,
    );
    expect(treeSnapshot(root)).toEqual(before);
  });

  it("refuses the entry it would write when the policy forbids its install policy, also in a dry run", async () => {
    const root = marketplace();
    const before = treeSnapshot(root);
    const policy = writePolicy(
      work,
      { capabilities: { install: { installation: ["AVAILABLE"] } } },
      "available-only.json",
    );
    for (const extra of [[], ["--dry-run"]]) {
      const result = await pluginPack([
        "install",
        guard,
        "--trust",
        trustFile,
        "--marketplace",
        root,
        "--policy",
        policy,
        "--installation",
        "INSTALLED_BY_DEFAULT",
        "--json",
        ...extra,
      ]);
      expect(result.exitCode).toBe(1);
      const refusal = JSON.parse(result.stdout);
      expect(refusal.policy.violations).toEqual([
        {
          rule: "/capabilities/install/installation",
          plugin: "guard",
          subject: "entry policy.installation",
          reason: 'policy.installation "INSTALLED_BY_DEFAULT" is not allowed (allowed: AVAILABLE)',
        },
      ]);
    }
    expect(treeSnapshot(root)).toEqual(before);
  });

  it("installs what the policy allows and records the policy in the report", async () => {
    const root = marketplace();
    const policy = writePolicy(
      work,
      {
        signatures: { required: true, trustedKeys: [keys.trusted.keyId] },
        marketplaces: { allow: ["team-tools"] },
        capabilities: { hooks: { events: ["PreToolUse"] }, install: { installation: ["AVAILABLE"] } },
      },
      "allowing.json",
    );
    const result = await pluginPack([
      "install",
      guard,
      "--trust",
      trustFile,
      "--marketplace",
      root,
      "--policy",
      policy,
      "--json",
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe("installed");
    expect(report.policy).toEqual({
      file: policy,
      sha256: createHash("sha256").update(readFileSync(policy)).digest("hex"),
      passed: true,
      violations: [],
    });
    expect(existsSync(join(root, "plugins/guard/hooks/guard.mjs"))).toBe(true);
  });

  it("refuses an archive signed by a key the policy does not trust, though --trust does", async () => {
    const root = join(work, "empty-market");
    mkdirSync(root, { recursive: true });
    const policy = writePolicy(work, { signatures: { trustedKeys: [keys.other.keyId] } }, "other-key.json");
    const result = await pluginPack([
      "install",
      notes,
      "--trust",
      trustFile,
      "--marketplace",
      root,
      "--policy",
      policy,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      `signed by key ${keys.trusted.keyId}, which is not one of the policy's trusted keys`,
    );
    expect(treeSnapshot(root)).toEqual({});
  });

  it("a bad policy file stops the install with exit 2 before anything is read", async () => {
    const root = marketplace();
    const before = treeSnapshot(root);
    const result = await pluginPack([
      "install",
      guard,
      "--trust",
      trustFile,
      "--marketplace",
      root,
      "--policy",
      "missing.json",
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^plugin-pack: policy missing\.json file does not exist/);
    expect(treeSnapshot(root)).toEqual(before);
  });
});

describe("plugin-pack diff --policy", () => {
  it("exits 1 on the new version's forbidden capabilities, marking those the upgrade brings", async () => {
    noHooks();
    const result = await pluginPack(["diff", notes, notesWithHook, "--policy", "no-hooks.json"]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("✖ notes 1.1.0 breaks policy no-hooks.json: 1 violation\n");
    expect(result.stdout).toContain(
      "  new: hook SessionStart (hooks/hooks.json): hooks are not allowed: it runs `git pull` on SessionStart  [/capabilities/hooks/allowed]\n",
    );

    const json = JSON.parse(
      (await pluginPack(["diff", notes, notesWithHook, "--policy", "no-hooks.json", "--json"])).stdout,
    );
    expect(json.changes).toContainEqual({ kind: "hooks", change: "added", name: "SessionStart", detail: "git pull" });
    expect(json.policy).toMatchObject({
      passed: false,
      violations: [{ rule: "/capabilities/hooks/allowed", new: true }],
    });
  });

  it("says which violations the old version already had", async () => {
    noHooks();
    const json = JSON.parse(
      (await pluginPack(["diff", guard, guardAgain, "--policy", "no-hooks.json", "--json"])).stdout,
    );
    expect(json.policy.violations).toMatchObject([{ rule: "/capabilities/hooks/allowed", new: false }]);
    const text = await pluginPack(["diff", guard, guardAgain, "--policy", "no-hooks.json"]);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain("  already before: hook PreToolUse Bash");
  });

  it("exits 0 when the new version passes, and says what diff does not check", async () => {
    const policy = writePolicy(work, { capabilities: { hooks: { events: ["SessionStart"] } } }, "session-hooks.json");
    const result = await pluginPack(["diff", notes, notesWithHook, "--policy", policy]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/✔ notes 1\.1\.0 passes policy session-hooks\.json\n$/);

    const signed = writePolicy(work, { signatures: { required: true } }, "signed-only.json");
    const json = JSON.parse((await pluginPack(["diff", notes, notesWithHook, "--policy", signed, "--json"])).stdout);
    expect(json.policy.passed).toBe(true);
    expect(json.notes).toEqual([
      "signatures: diff compares capabilities; check the new archive's signature with plugin-pack policy check",
    ]);
  });
});
