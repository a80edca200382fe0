/** `plugin-pack inspect` and `plugin-pack diff`. */
import {
  failOnKinds,
  inspect as inspectTarget,
  overBudget,
  renderDiff,
  renderInspect,
  shouldFail,
  diff as diffTargets,
} from "../report/index.js";
import { type CommandContext, maxAlwaysOnTokensOption, stringOption } from "./command.js";

/** Exit 1 when the plugin is over --max-always-on-tokens (one line on stderr names the biggest components). */
export async function inspect({ values, positionals, io, print }: CommandContext): Promise<number> {
  const max = maxAlwaysOnTokensOption(values);
  const result = await inspectTarget(positionals[0]!, { cwd: io.cwd });
  print(result, renderInspect(result));
  const over =
    max === undefined || result.contextBudget === undefined
      ? undefined
      : overBudget(result.contextBudget, max, result.source);
  if (over === undefined) return 0;
  io.stderr(`plugin-pack: ${over}\n`);
  return 1;
}

/** Exit 1 when --fail-on names a kind of change the diff found. */
export async function diff({ values, positionals, io, print }: CommandContext): Promise<number> {
  const failOn = stringOption(values, "fail-on");
  const kinds = failOn !== undefined ? failOnKinds(failOn) : undefined;
  const result = await diffTargets(positionals[0]!, positionals[1]!, { cwd: io.cwd });
  print(result, renderDiff(result));
  return kinds && shouldFail(result, kinds) ? 1 : 0;
}
