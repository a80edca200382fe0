/** The `version` and `release` commands of the CLI: their flags, and flags → library options. */
import type { ParseArgsConfig } from "node:util";

export const RELEASE_HELP = `  plugin-pack version [root]             after changesets: changeset version, then every plugin.json and
                                         marketplace version follows its package.json; refreshes the lockfile
      --no-changesets                    only sync versions already in package.json
      --no-lockfile                      leave the lockfile alone
  plugin-pack release [root]             lint everything; pack and sign each plugin whose <package>@<version>
                                         tag is missing; write SHA256SUMS, notes and release.json; tag
      --sign <keyfile | env:NAME>        the signing key (or --signer <command> --signer-public-key <key>)
      --unsigned                         release without signatures (say so explicitly)
      --out <dir>                        output folder (default: <root>/dist/release)
      --dry-run                          lint and list what would be released; write nothing
      --no-tag                           write no git tags (every version counts as new)
      --allow-dirty                      release with uncommitted changes in plugin folders
`;

type Options = NonNullable<ParseArgsConfig["options"]>;

export const releaseCommandOptions: Record<"version" | "release", Options> = {
  version: { "no-changesets": { type: "boolean" }, "no-lockfile": { type: "boolean" } },
  release: {
    out: { type: "string", short: "o" },
    sign: { type: "string" },
    signer: { type: "string" },
    "signer-public-key": { type: "string" },
    unsigned: { type: "boolean" },
    "dry-run": { type: "boolean" },
    "no-tag": { type: "boolean" },
    "allow-dirty": { type: "boolean" },
  },
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Runs `version` or `release` and returns the data and its human rendering. */
export async function runReleaseCommand(
  command: "version" | "release",
  values: Values,
  root: string | undefined,
  io: CommandIo,
): Promise<{ data: unknown; text: string }> {
  const dir = root !== undefined ? { dir: root } : {};
  if (command === "version") {
    const { versionPackages, renderVersion } = await import("../release/index.js");
    const report = await versionPackages({
      ...dir,
      cwd: io.cwd,
      env: io.env,
      changesets: values["no-changesets"] !== true,
      lockfile: values["no-lockfile"] !== true,
    });
    return { data: report, text: renderVersion(report, io.cwd) };
  }
  const { release, renderRelease } = await import("../release/index.js");
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const report = await release({
    ...dir,
    cwd: io.cwd,
    env: io.env,
    ...(text("out") !== undefined ? { outDir: text("out")! } : {}),
    ...(text("sign") !== undefined ? { sign: text("sign")! } : {}),
    ...(text("signer") !== undefined ? { signer: text("signer")! } : {}),
    ...(text("signer-public-key") !== undefined ? { signerPublicKey: text("signer-public-key")! } : {}),
    unsigned: values.unsigned === true,
    dryRun: values["dry-run"] === true,
    tag: values["no-tag"] !== true,
    allowDirty: values["allow-dirty"] === true,
  });
  return { data: report, text: renderRelease(report, io.cwd) };
}
