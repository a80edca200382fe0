/** `plugin-pack [dir]` and `plugin-pack ls`: flags to pack() and planPack() options, and their output. */
import { defaultCacheFolder } from "../archive/index.js";
import { planPack, pack as packPlugin, renderList, renderPack } from "../pack/index.js";
import { type CommandContext, targetOption, stringOption } from "./command.js";

export async function pack({ values, positionals, io, print }: CommandContext): Promise<number> {
  const target = targetOption(values);
  const out = stringOption(values, "out");
  const sign = stringOption(values, "sign");
  const signer = stringOption(values, "signer");
  const signerPublicKey = stringOption(values, "signer-public-key");
  const cache = values["no-cache"] === true ? undefined : defaultCacheFolder(io.env);
  const result = await packPlugin({
    cwd: io.cwd,
    env: io.env,
    lint: values["no-lint"] !== true,
    ...(positionals[0] ? { dir: positionals[0] } : {}),
    ...(out !== undefined ? { outDir: out } : {}),
    ...(sign !== undefined ? { sign } : {}),
    ...(signer !== undefined ? { signer } : {}),
    ...(signerPublicKey !== undefined ? { signerPublicKey } : {}),
    ...(target ? { target } : {}),
    ...(cache !== undefined ? { cache } : {}),
  });
  print(result, renderPack(result, io.cwd));
  return 0;
}

export async function ls({ values, positionals, io, print }: CommandContext): Promise<number> {
  const target = targetOption(values);
  const plan = await planPack({
    cwd: io.cwd,
    ...(positionals[0] ? { dir: positionals[0] } : {}),
    ...(target ? { target } : {}),
  });
  print({ root: plan.selection.root, files: plan.decisions }, renderList(plan, values.why === true));
  return 0;
}
