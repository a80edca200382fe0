/** `plugin-pack policy check <archive | dir | marketplace> --policy FILE`. */
import { UsageError } from "@agent-plugin/core";
import { policyCheck as checkTarget, renderPolicyCheck } from "../policy/index.js";
import { type CommandContext, stringOption } from "./command.js";

/** Exit 1 when the policy is broken; a bad policy file is exit 2 (thrown). */
export async function policyCheck({ values, positionals, io, print }: CommandContext): Promise<number> {
  const [action, target] = positionals;
  if (action !== "check")
    throw new UsageError(
      `unknown policy action "${action}": use plugin-pack policy check <archive | dir | marketplace> --policy <file>`,
    );
  const policy = stringOption(values, "policy");
  if (policy === undefined)
    throw new UsageError("policy check needs --policy <file>: the team's policy (see docs/governance.md#policy)");
  const report = await checkTarget(target!, { policy, cwd: io.cwd });
  print(report, renderPolicyCheck(report, io.cwd));
  return report.policy.passed ? 0 : 1;
}
