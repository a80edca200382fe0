/** The capability report a reviewer reads, and the changes between two of them. Plain data: printed, or JSON with --json. */
import type { ContextBudget } from "./context-budget.js";

/** The capability report a reviewer reads before installing. */
export interface CapabilityReport {
  source: string;
  kind: "archive" | "folder";
  name: string;
  version?: string;
  publisher?: string;
  description?: string;
  skills: { name: string; description: string; path: string }[];
  mcpServers: McpServerCapability[];
  apps: { key: string; id: string }[];
  hooks: { event: string; matcher?: string; type: string; command?: string; file: string }[];
  assets: string[];
  fileCount: number;
  totalBytes: number;
  signature?: { status: "signed" | "unsigned"; keyId?: string };
  /** The tokens each component adds to the model's context, built from the files (`inspect` fills it). */
  contextBudget?: ContextBudget;
}

export interface McpServerCapability {
  name: string;
  transport: "stdio" | "http";
  command?: string;
  args?: string[];
  url?: string;
  auth: { kind: "none" | "bearer-env" | "env-headers" | "oauth" | "static-headers"; detail?: string };
  env?: string[];
}

export type ChangeKind = "skills" | "servers" | "endpoints" | "hooks" | "apps" | "auth";

export interface CapabilityChange {
  kind: ChangeKind;
  change: "added" | "removed" | "changed";
  name: string;
  detail?: string;
}

export interface DiffReport {
  old: { source: string; name: string; version?: string };
  new: { source: string; name: string; version?: string };
  changes: CapabilityChange[];
}
