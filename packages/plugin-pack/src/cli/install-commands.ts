/** `plugin-pack unpack` and `plugin-pack install`: verify first, then write. */
import { UsageError } from "@agent-plugin/core";
import {
  type AuthenticationPolicy,
  type InstallationPolicy,
  install as installArchive,
  installNpm,
  renderInstall,
  unpack as unpackArchive,
} from "../install/index.js";
import { isNpmSpec, type NpmFacts, renderNpmFacts } from "../npm/index.js";
import { renderVerify } from "../signing/index.js";
import { type CommandContext, stringOption } from "./command.js";
import { auditLogOption } from "./audit-log-option.js";
import { trustOption } from "./trust.js";

export async function unpack({ values, positionals, io, print }: CommandContext): Promise<number> {
  const trust = trustOption(values, io.cwd);
  const result = await unpackArchive(positionals[0]!, positionals[1]!, {
    trust,
    allowUnsigned: values["allow-unsigned"] === true,
    cwd: io.cwd,
  });
  print(result, `${renderVerify(result.report, io.cwd)}  unpacked into ${result.targetDir}\n`);
  return 0;
}

export async function install({ values, positionals, io, print }: CommandContext): Promise<number> {
  if (values.trust === undefined && values["allow-unsigned"] !== true) {
    throw new UsageError(
      "install needs --trust <public key | .pub file | trust file> (or --allow-unsigned to install an unsigned archive)",
    );
  }
  const trust = trustOption(values, io.cwd);
  const npm = isNpmSpec(positionals[0]!);
  // A failed verification throws InstallVerificationError: exit 1, and the CLI prints the verify report.
  const result = await (npm ? installNpm : installArchive)(positionals[0]!, {
    env: io.env,
    trust,
    allowUnsigned: values["allow-unsigned"] === true,
    dryRun: values["dry-run"] === true,
    cwd: io.cwd,
    marketplace: stringOption(values, "marketplace"),
    name: stringOption(values, "name"),
    category: stringOption(values, "category"),
    // install() checks the policy values itself, naming the flag.
    installation: stringOption(values, "installation") as InstallationPolicy | undefined,
    authentication: stringOption(values, "authentication") as AuthenticationPolicy | undefined,
    policy: stringOption(values, "policy"),
    auditLog: auditLogOption({ values, io }),
  });
  print(result, `${"npm" in result ? renderNpmFacts(result.npm as NpmFacts) : ""}${renderInstall(result, io.cwd)}`);
  return 0;
}
