import { resolve } from "node:path";
import { defaultAuditLog } from "../audit/index.js";
import { type CommandContext, stringOption } from "./command.js";

/** `--audit-log`, else `AGENT_PLUGIN_AUDIT_LOG`, else `~/.agent-plugin/audit.jsonl`. Its own module: install loads only this. */
export function auditLogOption(context: Pick<CommandContext, "values" | "io">): string {
  const given = stringOption(context.values, "audit-log");
  return given === undefined ? defaultAuditLog(context.io.env) : resolve(context.io.cwd, given);
}
