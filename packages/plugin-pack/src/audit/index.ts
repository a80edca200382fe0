/** The audit trail: a hash-chained JSON-lines log of every lifecycle change, and its check. */
export {
  AUDIT_ACTIONS,
  actorOf,
  appendAudit,
  chainLink,
  defaultAuditLog,
  readAuditChain,
  refuseBrokenAuditLog,
  type AuditAction,
  type AuditEvent,
  type AuditRecord,
  type ChainProblem,
} from "./audit-log.js";
export { audit, AuditChainError, type AuditReport } from "./audit-report.js";
export { renderAudit } from "./render-audit.js";
