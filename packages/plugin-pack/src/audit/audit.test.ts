/** The audit log's chain: appended lines verify; an edited, removed or reordered line fails at that line. */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/index.js";
import { type AuditEvent, appendAudit, audit, AuditChainError } from "./index.js";

const event = (plugin: string, action: AuditEvent["action"] = "install"): AuditEvent => ({
  action,
  host: null,
  plugin,
  marketplace: "/srv/team",
  from: null,
  to: "1.0.0",
  archiveSha256: "a".repeat(64),
  keyId: "ed25519:abcd",
  policy: null,
});

async function logOf(count: number): Promise<{ file: string; lines: string[] }> {
  const file = join(tempDir(), "audit.jsonl");
  for (let i = 1; i <= count; i++)
    await appendAudit(file, event(`p${i}`), {
      env: { AGENT_PLUGIN_ACTOR: "ci-bot" },
      now: new Date(Date.UTC(2026, 0, i)),
    });
  return { file, lines: readFileSync(file, "utf8").trimEnd().split("\n") };
}

function failure(file: string): { line: number; reason: string } {
  try {
    audit(file, { verify: true });
  } catch (error) {
    expect(error).toBeInstanceOf(AuditChainError);
    return (error as AuditChainError).report.verify!.problem!;
  }
  throw new Error("the chain verified");
}

async function cli(args: string[], file: string) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli([...args, "--audit-log", file], {
    cwd: tempDir(),
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

describe("the audit log", () => {
  it("chains each line to the one before it, numbered from 1, with the actor and the time", async () => {
    const { file, lines } = await logOf(3);
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((r) => [r.seq, r.plugin, r.actor, r.time])).toEqual([
      [1, "p1", "ci-bot", "2026-01-01T00:00:00.000Z"],
      [2, "p2", "ci-bot", "2026-01-02T00:00:00.000Z"],
      [3, "p3", "ci-bot", "2026-01-03T00:00:00.000Z"],
    ]);
    expect(records[0].prev).toBe("0".repeat(64));
    expect(records[1].prev).toBe(records[0].hash);
    expect(records[2].prev).toBe(records[1].hash);
    expect(audit(file, { verify: true }).verify).toEqual({ ok: true, lines: 3, head: records[2].hash });
  });

  it("fails at an edited line, even when its own hash was recomputed (then at the line after it)", async () => {
    const { file, lines } = await logOf(3);
    writeFileSync(file, `${[lines[0], lines[1]!.replace('"p2"', '"evil"'), lines[2]].join("\n")}\n`);
    expect(failure(file)).toEqual({ line: 2, reason: "its content does not match its hash: it was edited" });
    const { hash: _, ...fields } = { ...JSON.parse(lines[1]!), plugin: "evil" };
    const rehashed = JSON.stringify({
      ...fields,
      hash: createHash("sha256").update(JSON.stringify(fields)).digest("hex"),
    });
    writeFileSync(file, `${[lines[0], rehashed, lines[2]].join("\n")}\n`);
    expect(failure(file)).toEqual({
      line: 3,
      reason: "it does not follow line 2: line 2 was changed, a line after it was removed, or the lines were reordered",
    });
  });

  it("fails at the line after a removed line, and at a reordered line", async () => {
    const { file, lines } = await logOf(4);
    writeFileSync(file, `${[lines[0], lines[2], lines[3]].join("\n")}\n`);
    expect(failure(file)).toEqual({
      line: 2,
      reason: "it does not follow line 1: line 1 was changed, a line after it was removed, or the lines were reordered",
    });
    writeFileSync(file, `${[lines[1], lines[2]].join("\n")}\n`);
    expect(failure(file).line).toBe(1);
    writeFileSync(file, `${[lines[0], lines[2], lines[1], lines[3]].join("\n")}\n`);
    expect(failure(file).line).toBe(2);
  });

  it("refuses to append to a broken log, leaving it as it is", async () => {
    const { file, lines } = await logOf(2);
    writeFileSync(file, `${lines[1]}\n`);
    await expect(appendAudit(file, event("p3"))).rejects.toThrow(/fails its check at line 1/);
    expect(readFileSync(file, "utf8")).toBe(`${lines[1]}\n`);
  });

  it("plugin-pack audit prints the log; --verify exits 1 naming the first bad line", async () => {
    const { file, lines } = await logOf(3);
    const shown = await cli(["audit"], file);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("ci-bot  install p2 1.0.0  (/srv/team)  key ed25519:abcd");
    const verified = await cli(["audit", "--verify", "--json"], file);
    expect(JSON.parse(verified.stdout).verify).toMatchObject({ ok: true, lines: 3 });
    writeFileSync(file, `${[lines[0], lines[2]].join("\n")}\n`);
    const broken = await cli(["audit", "--verify"], file);
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toContain("✖");
    expect(broken.stderr).toBe(
      `plugin-pack: ${file}: line 2 fails the audit chain: it does not follow line 1: line 1 was changed, a line after it was removed, or the lines were reordered\n`,
    );
  });
});
