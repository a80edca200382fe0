/**
 * The audit trail: one JSON line per install, upgrade, rollback, uninstall, enable and disable, appended to a log
 * whose lines are hash-chained. Each line carries `prev` (the `hash` of the line before it, or 64 zeros for the
 * first) and `hash` (the SHA-256 of the line's own JSON without `hash`), so an edited line fails its own hash and a
 * removed or reordered line breaks the chain at the line after the gap. Appends happen under a lock file, so two
 * commands at once never chain onto the same line.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import { homedir, hostname, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isRecord, readTextFile } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { lockAuditLog } from "./audit-lock.js";

export const AUDIT_ACTIONS = ["install", "upgrade", "rollback", "uninstall", "enable", "disable"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a command records; the log adds the time, the actor, the sequence number and the chain. */
export interface AuditEvent {
  action: AuditAction;
  /** The host whose configuration changed (enable, disable), or null for a marketplace change. */
  host: "codex" | "claude-code" | null;
  plugin: string;
  /** The marketplace: its name for a host change, its root folder for an install, rollback or uninstall. */
  marketplace: string;
  from: string | null;
  to: string | null;
  archiveSha256: string | null;
  keyId: string | null;
  /** The policy result of the install report (`report.policy`), or null when no policy was checked. */
  policy: unknown;
}

export interface AuditRecord extends AuditEvent {
  seq: number;
  time: string;
  actor: string;
  prev: string;
  hash: string;
}

export const GENESIS = "0".repeat(64);

/** `AGENT_PLUGIN_AUDIT_LOG`, else `~/.agent-plugin/audit.jsonl` (beside the default key folder). */
export function defaultAuditLog(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.AGENT_PLUGIN_AUDIT_LOG;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return resolve(fromEnv);
  return join(env.HOME || homedir(), ".agent-plugin", "audit.jsonl");
}

/** Who did it: `AGENT_PLUGIN_ACTOR` (a CI job sets the person or bot), else user@host. */
export function actorOf(env: NodeJS.ProcessEnv): string {
  const named = env.AGENT_PLUGIN_ACTOR?.trim();
  if (named) return named;
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container's uid): keep $USER.
  }
  return `${user}@${hostname()}`;
}

export function hashOf(fields: Omit<AuditRecord, "hash">): string {
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** Where a report points into the log: the record a command appended. */
export function chainLink(file: string, record: AuditRecord): { file: string; seq: number; hash: string } {
  return { file, seq: record.seq, hash: record.hash };
}

/** Appends one record and returns it. A log that is not a valid chain is refused: appending would hide the break. */
export async function appendAudit(
  file: string,
  event: AuditEvent,
  options: { env?: NodeJS.ProcessEnv; now?: Date } = {},
): Promise<AuditRecord> {
  const env = options.env ?? process.env;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new PackError(
      `cannot create the folder of the audit log ${file} (${(error as NodeJS.ErrnoException).code})`,
      file,
    );
  }
  const lock = await lockAuditLog(file);
  try {
    const { records, problem } = readAuditChain(file);
    if (problem !== undefined)
      throw new PackError(
        `the audit log ${file} fails its check at line ${problem.line} (${problem.reason}): run plugin-pack audit --verify, keep the log as evidence and start a new one with --audit-log, or restore it from a copy`,
        file,
      );
    const last = records.at(-1);
    const fields: Omit<AuditRecord, "hash"> = {
      seq: (last?.seq ?? 0) + 1,
      time: (options.now ?? new Date()).toISOString(),
      actor: actorOf(env),
      ...event,
      prev: last?.hash ?? GENESIS,
    };
    const record: AuditRecord = { ...fields, hash: hashOf(fields) };
    try {
      appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o644 });
    } catch (error) {
      throw new PackError(`cannot append to the audit log ${file} (${(error as NodeJS.ErrnoException).code})`, file);
    }
    return record;
  } finally {
    lock.release();
  }
}

/** Refuses, before a command writes anything, to go on with a log whose chain is broken: its record would hide the break. */
export function refuseBrokenAuditLog(file: string, nothing: string): void {
  const { problem } = readAuditChain(file);
  if (problem !== undefined)
    throw new PackError(
      `the audit log ${file} fails its check at line ${problem.line} (${problem.reason}); ${nothing}: run plugin-pack audit --verify, then restore the log or start a new one with --audit-log`,
      file,
    );
}

export interface ChainProblem {
  /** 1-based line number of the first line that fails. */
  line: number;
  reason: string;
}

/** Every record up to the first bad line, and that line's problem. A missing log is an empty chain. */
export function readAuditChain(file: string): { records: AuditRecord[]; problem: ChainProblem | undefined } {
  const read = readTextFile(file, 256 * 1024 * 1024);
  if (!read.ok) {
    if (read.reason === "not-found") return { records: [], problem: undefined };
    throw new PackError(`cannot read the audit log ${file}: it ${read.message}`, file);
  }
  const lines = read.text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const records: AuditRecord[] = [];
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    const prev = records.at(-1);
    const problem = checkLine(text, prev);
    if (problem !== undefined) return { records, problem: { line, reason: problem } };
    records.push(JSON.parse(text) as AuditRecord);
  }
  return { records, problem: undefined };
}

function checkLine(text: string, prev: AuditRecord | undefined): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not valid JSON";
  }
  if (!isRecord(value) || typeof value.hash !== "string" || typeof value.prev !== "string")
    return "not an audit record";
  const { hash, ...fields } = value;
  if (hashOf(fields as Omit<AuditRecord, "hash">) !== hash) return "its content does not match its hash: it was edited";
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (value.prev !== (prev?.hash ?? GENESIS))
    return prev === undefined
      ? "it is not the first record: the lines before it were removed"
      : `it does not follow line ${expectedSeq - 1}: line ${expectedSeq - 1} was changed, a line after it was removed, or the lines were reordered`;
  if (value.seq !== expectedSeq) return `its sequence number is ${String(value.seq)}, not ${expectedSeq}`;
  if (!(AUDIT_ACTIONS as readonly unknown[]).includes(value.action))
    return `unknown action ${JSON.stringify(value.action)}`;
  return undefined;
}
