/** `plugin-pack inspect` and `plugin-pack diff`. */
import {
  failOnKinds,
  inspect as inspectTarget,
  overBudget,
  renderDiff,
  renderInspect,
  shouldFail,
  diff as diffTargets,
  diffCapabilities,
} from "../report/index.js";
import { type CommandContext, maxAlwaysOnTokensOption, stringOption } from "./command.js";

/** Exit 1 when the plugin is over --max-always-on-tokens (one line on stderr names the biggest components). */
export async function inspect({ values, positionals, io, print }: CommandContext): Promise<number> {
  const max = maxAlwaysOnTokensOption(values);
  const result = await inspectTarget(positionals[0]!, {
    cwd: io.cwd,
    budget: values.budget === true || max !== undefined,
  });
  print(result, renderInspect(result));
  const over =
    max === undefined || result.contextBudget === undefined
      ? undefined
      : overBudget(result.contextBudget, max, result.source);
  if (over === undefined) return 0;
  io.stderr(`plugin-pack: ${over}\n`);
  return 1;
}

/** Exit 1 when --fail-on names a kind of change the diff found, or the new version breaks the --policy. */
export async function diff({ values, positionals, io, print }: CommandContext): Promise<number> {
  const failOn = stringOption(values, "fail-on");
  const kinds = failOn !== undefined ? failOnKinds(failOn) : undefined;
  const policyFile = stringOption(values, "policy");
  if (policyFile !== undefined) return diffWithPolicy(policyFile, kinds, { positionals, io, print });
  const result = await diffTargets(positionals[0]!, positionals[1]!, { cwd: io.cwd });
  print(result, renderDiff(result));
  return kinds && shouldFail(result, kinds) ? 1 : 0;
}

/** The diff, and the new version's capabilities against the policy (loaded first: a bad policy is exit 2). */
async function diffWithPolicy(
  file: string,
  kinds: ReturnType<typeof failOnKinds> | undefined,
  { positionals, io, print }: Pick<CommandContext, "positionals" | "io" | "print">,
): Promise<number> {
  const { diffPolicy, diffPolicyNotes, loadPolicy, renderDiffPolicy } = await import("../policy/index.js");
  const loaded = loadPolicy(file, io.cwd);
  const budget = loaded.policy.maxAlwaysOnTokens !== undefined;
  const before = await inspectTarget(positionals[0]!, { cwd: io.cwd, budget });
  const after = await inspectTarget(positionals[1]!, { cwd: io.cwd, budget });
  const result = diffCapabilities(before, after);
  const policy = diffPolicy(before, after, loaded);
  const notes = diffPolicyNotes(loaded.policy);
  const version = `${after.name}${after.version === undefined ? "" : ` ${after.version}`}`;
  print({ ...result, policy, notes }, `${renderDiff(result)}${renderDiffPolicy(policy, version, notes, io.cwd)}`);
  return !policy.passed || (kinds && shouldFail(result, kinds)) ? 1 : 0;
}
