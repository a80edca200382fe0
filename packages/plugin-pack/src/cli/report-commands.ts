/** `plugin-pack inspect` and `plugin-pack diff`. */
import {
  failOnKinds,
  inspect as inspectTarget,
  renderDiff,
  renderInspect,
  shouldFail,
  diff as diffTargets,
} from "../report/index.js";
import { type CommandContext, stringOption } from "./command.js";

export async function inspect({ positionals, io, print }: CommandContext): Promise<number> {
  const result = await inspectTarget(positionals[0]!, { cwd: io.cwd });
  print(result, renderInspect(result));
  return 0;
}

/** Exit 1 when --fail-on names a kind of change the diff found. */
export async function diff({ values, positionals, io, print }: CommandContext): Promise<number> {
  const failOn = stringOption(values, "fail-on");
  const kinds = failOn !== undefined ? failOnKinds(failOn) : undefined;
  const result = await diffTargets(positionals[0]!, positionals[1]!, { cwd: io.cwd });
  print(result, renderDiff(result));
  return kinds && shouldFail(result, kinds) ? 1 : 0;
}
