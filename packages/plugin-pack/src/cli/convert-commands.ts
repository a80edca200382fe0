/** `plugin-pack convert`: exit 1 when the target layout could not carry everything (the list says what). */
import { isTargetId, UsageError } from "@agent-plugin/core";
import { convert as convertPlugin, renderConvert } from "../convert/index.js";
import { type CommandContext, stringOption } from "./command.js";

export async function convert({ values, positionals, io, print }: CommandContext): Promise<number> {
  const to = stringOption(values, "to");
  if (to === undefined) throw new UsageError("convert needs --to agent-plugins, codex or claude-code");
  if (!isTargetId(to)) throw new UsageError(`unknown --to "${to}": use agent-plugins, codex or claude-code`);
  const from = stringOption(values, "from");
  if (from !== undefined && !isTargetId(from))
    throw new UsageError(`unknown --from "${from}": use agent-plugins, codex or claude-code`);
  const out = stringOption(values, "out");
  const result = convertPlugin({
    cwd: io.cwd,
    to,
    ...(from === undefined ? {} : { from }),
    ...(positionals[0] === undefined ? {} : { dir: positionals[0] }),
    ...(out === undefined ? {} : { out }),
    inPlace: values["in-place"] === true,
  });
  print(result, `${renderConvert(result)}\n`);
  return result.notCarried.length > 0 ? 1 : 0;
}
