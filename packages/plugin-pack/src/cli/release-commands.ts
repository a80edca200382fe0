/** `plugin-pack version` and `plugin-pack release`: flags to the release library's options, and their output. */
import { release as releasePlugins, renderRelease, renderVersion, versionPackages } from "../release/index.js";
import { type CommandContext, stringOption } from "./command.js";

export async function version({ values, positionals, io, print }: CommandContext): Promise<number> {
  const report = await versionPackages({
    ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}),
    cwd: io.cwd,
    env: io.env,
    changesets: values["no-changesets"] !== true,
    lockfile: values["no-lockfile"] !== true,
  });
  print(report, renderVersion(report, io.cwd));
  return 0;
}

export async function release({ values, positionals, io, print }: CommandContext): Promise<number> {
  const out = stringOption(values, "out");
  const sign = stringOption(values, "sign");
  const signer = stringOption(values, "signer");
  const signerPublicKey = stringOption(values, "signer-public-key");
  const report = await releasePlugins({
    ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}),
    cwd: io.cwd,
    env: io.env,
    ...(out !== undefined ? { outDir: out } : {}),
    ...(sign !== undefined ? { sign } : {}),
    ...(signer !== undefined ? { signer } : {}),
    ...(signerPublicKey !== undefined ? { signerPublicKey } : {}),
    unsigned: values.unsigned === true,
    dryRun: values["dry-run"] === true,
    tag: values["no-tag"] !== true,
    allowDirty: values["allow-dirty"] === true,
    npm: values.npm === true,
    ...(values.provenance === true ? { provenance: true } : {}),
  });
  print(report, renderRelease(report, io.cwd));
  return 0;
}
