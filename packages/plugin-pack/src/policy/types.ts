/** A team's policy (schemas/policy.schema.json) and what checking a plugin against it finds. Plain data. */
import type { TokenCounter } from "../report/index.js";

export type AuthMode = "none" | "bearer-env" | "env-headers" | "oauth" | "static-headers";

export interface AllowDeny {
  allow?: string[];
  deny?: string[];
}

/** The policy file, as the schema admits it: every rule optional, a missing rule restricts nothing. */
export interface Policy {
  signatures?: { required?: boolean; trustedKeys?: string[] };
  plugins?: AllowDeny;
  marketplaces?: AllowDeny;
  capabilities?: {
    hooks?: { allowed?: boolean; events?: string[] };
    localServers?: { allowed?: boolean };
    remoteServers?: { allowed?: boolean; hosts?: string[] };
    apps?: { allowed?: boolean; ids?: string[] };
    auth?: { modes?: AuthMode[] };
    install?: { installation?: string[]; authentication?: string[] };
  };
  maxAlwaysOnTokens?: number;
}

/** A policy file read and validated: its path, the SHA-256 of its bytes (what an audit records), its rules. */
export interface LoadedPolicy {
  file: string;
  sha256: string;
  policy: Policy;
  /** The tokenizer, loaded (withBudgetCounter) when the policy sets maxAlwaysOnTokens. */
  tokenCounter?: TokenCounter;
}

/** One thing the policy forbids, with the rule that forbids it. */
export interface PolicyViolation {
  /** The rule broken, as a JSON pointer into the policy file: `/capabilities/hooks/events`, `/plugins/deny/0`. */
  rule: string;
  /** The plugin it is in, when there is one (a marketplace check covers several). */
  plugin?: string;
  /** What broke the rule, short: `hook PreToolUse`, `server github`, `key 0123456789abcdef`. */
  subject: string;
  /** Why, in words a reviewer reads. */
  reason: string;
}

/** The result of `plugin-pack policy check`, and the `policy` field of an install report. */
export interface PolicyResult {
  file: string;
  sha256: string;
  passed: boolean;
  violations: PolicyViolation[];
}

export interface PolicyCheckReport {
  policy: PolicyResult;
  target: { source: string; kind: "archive" | "folder" | "marketplace" };
  /** Every plugin whose capabilities were checked. */
  plugins: { name: string; version?: string; source: string }[];
  /** Rules that could not be checked here, and why: a reader must not take silence for a pass. */
  notes: string[];
}
