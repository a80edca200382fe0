/** `plugin-pack keygen` and `plugin-pack verify`. */
import { defaultKeyDir, renderKeygen, renderVerify, verifyArchive, writeKeyPair } from "../signing/index.js";
import { isNpmSpec, renderNpmFacts, verifyNpmPackage } from "../npm/index.js";
import { type CommandContext, stringOption } from "./command.js";
import { trustOption } from "./trust.js";

export async function keygen({ values, io, print }: CommandContext): Promise<number> {
  const name = stringOption(values, "name");
  const result = writeKeyPair(stringOption(values, "out") ?? defaultKeyDir(io.env), {
    force: values.force === true,
    ...(name !== undefined ? { name } : {}),
    cwd: io.cwd,
  });
  print(result, renderKeygen(result, io.cwd));
  return 0;
}

/** Exit 1 when the archive fails verification: the report says why. */
export async function verify({ values, positionals, io, print }: CommandContext): Promise<number> {
  const trust = trustOption(values, io.cwd);
  if (isNpmSpec(positionals[0]!)) {
    const report = await verifyNpmPackage(positionals[0]!, {
      trust,
      allowUnsigned: values["allow-unsigned"] === true,
      cwd: io.cwd,
      env: io.env,
    });
    print(report, `${renderNpmFacts(report.npm)}${renderVerify(report, io.cwd)}`);
    return report.ok ? 0 : 1;
  }
  const result = await verifyArchive(positionals[0]!, {
    trust,
    allowUnsigned: values["allow-unsigned"] === true,
    cwd: io.cwd,
  });
  print(result, renderVerify(result, io.cwd));
  return result.ok ? 0 : 1;
}
