/** `plugin-pack enable|disable|uninstall|rollback|status|audit`: the lifecycle after install, and its audit trail. */
import { audit as readAudit, renderAudit } from "../audit/index.js";
import {
  renderEnable,
  renderRollback,
  renderStatus,
  renderUninstall,
  rollback as rollbackPlugin,
  setEnabled,
  status as hostStatus,
  uninstall as uninstallPlugin,
} from "../lifecycle/index.js";
import { auditLogOption } from "./audit-log-option.js";
import { type CommandContext, stringOption } from "./command.js";

export async function enable(context: CommandContext): Promise<number> {
  return switchPlugin(context, true);
}

export async function disable(context: CommandContext): Promise<number> {
  return switchPlugin(context, false);
}

async function switchPlugin(context: CommandContext, enabled: boolean): Promise<number> {
  const { values, positionals, io, print } = context;
  const report = await setEnabled(positionals[0]!, enabled, {
    host: stringOption(values, "host"),
    env: io.env,
    auditLog: auditLogOption(context),
  });
  print(report, renderEnable(report));
  return 0;
}

export async function uninstall(context: CommandContext): Promise<number> {
  const { values, positionals, io, print } = context;
  const report = await uninstallPlugin(positionals[0], {
    marketplace: stringOption(values, "marketplace"),
    host: stringOption(values, "host"),
    cwd: io.cwd,
    env: io.env,
    auditLog: auditLogOption(context),
  });
  print(report, renderUninstall(report));
  return 0;
}

export async function rollback(context: CommandContext): Promise<number> {
  const { values, positionals, io, print } = context;
  const report = await rollbackPlugin(positionals[0], {
    marketplace: stringOption(values, "marketplace"),
    cwd: io.cwd,
    env: io.env,
    auditLog: auditLogOption(context),
  });
  print(report, renderRollback(report, io.cwd));
  return 0;
}

/** Exit 1 when a plugin drifted from its marketplace, so CI can fail on it. */
export async function status({ values, io, print }: CommandContext): Promise<number> {
  const report = await hostStatus({ host: stringOption(values, "host"), env: io.env });
  print(report, renderStatus(report));
  return report.drift === 0 ? 0 : 1;
}

/** A broken chain throws AuditChainError: exit 1, after the report. */
export async function audit(context: CommandContext): Promise<number> {
  const report = readAudit(auditLogOption(context), { verify: context.values.verify === true });
  context.print(report, renderAudit(report));
  return 0;
}
