/**
 * `--release github|npm|both`: where a plugin that is its own repository, or a new marketplace monorepo, is released.
 * github: a signed archive on a GitHub release (the default); npm: an npm package under `--npm-scope` (plugin-pack
 * release --npm), installable by range from a marketplace's npm source; both: the two at once, from the same signed
 * files. A package of an existing workspace is released by its root, whatever that root does.
 */
import { toKebab, UsageError } from "@agent-plugin/core";
import validatePackageName from "validate-npm-package-name";

export const RELEASE_CHANNELS = ["github", "npm", "both"] as const;
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];

export interface ReleaseSetup {
  channel: ReleaseChannel;
  github: boolean;
  npm: boolean;
  /** The npm scope packages are published under, with npm; else null. */
  scope: string | null;
}

/** plugin-pack's rule for `agentPlugin.npm.scope` (npm/config.ts): `@` and one lower-case name. */
const SCOPE = /^@[a-z0-9][a-z0-9._~-]*$/;

/**
 * `--npm-scope acme` or `@acme`, as `@acme`: the one form plugin-pack's setting and the package names take. Anything
 * else is refused in one line, checked as npm checks the package `<scope>/<name>` it makes.
 */
export function normaliseScope(raw: string, name: string, flag = "--npm-scope"): string {
  const trimmed = raw.trim();
  if (trimmed === "") throw new UsageError(`${flag} is empty: pass your npm user or organisation, such as @acme`);
  const scope = trimmed.startsWith("@") ? trimmed : `@${trimmed}`;
  const packageName = `${scope}/${name}`;
  const valid = validatePackageName(packageName);
  if (!valid.validForNewPackages || !SCOPE.test(scope)) {
    const why = [...(valid.errors ?? []), ...(valid.warnings ?? [])][0] ?? "a scope is @ and one lower-case name";
    throw new UsageError(
      `${flag} ${trimmed} makes the package name "${packageName}", which npm refuses (${why}): use a scope such as @acme`,
    );
  }
  return scope;
}

/**
 * The release of a plugin that is its own repository or the first package of a new marketplace monorepo (both get a
 * release script and workflow from create). `scope` is normalised already. `sourceNpm`: the marketplace entry names the
 * npm package, so the release must publish it: npm is then the default, and github alone is refused.
 */
export function resolveRelease(
  channel: string | undefined,
  scope: string | undefined,
  context: { developer: string; name: string; sourceNpm: boolean },
): ReleaseSetup {
  if (channel !== undefined && !(RELEASE_CHANNELS as readonly string[]).includes(channel))
    throw new UsageError(`unknown --release "${channel}": use github, npm or both`);
  const chosen = (channel ?? (context.sourceNpm ? "npm" : "github")) as ReleaseChannel;
  if (chosen === "github") {
    if (context.sourceNpm)
      throw new UsageError(
        "--source npm lists the plugin as an npm package, which --release github never publishes: use --release npm or both (or --source local)",
      );
    if (scope !== undefined) throw new UsageError("--npm-scope goes with --source npm or --release npm|both");
    return { channel: chosen, github: true, npm: false, scope: null };
  }
  const resolved = scope ?? normaliseScope(toKebab(context.developer) || "plugins", context.name, "the npm scope");
  return { channel: chosen, github: chosen === "both", npm: true, scope: resolved };
}

/**
 * A package of an existing workspace: the root's release script releases it, so `--release` is refused here. What
 * the root does is read from its package.json (`agentPlugin.npm.scope`, `--npm` in its release script), for the
 * plugin's README; whether the root also publishes GitHub releases is its workflow's business and is not read.
 */
export function memberRelease(
  channel: string | undefined,
  root: { npmScope: string | null; publishesToNpm: boolean },
): ReleaseSetup {
  if (channel !== undefined && !(RELEASE_CHANNELS as readonly string[]).includes(channel))
    throw new UsageError(`unknown --release "${channel}": use github, npm or both`);
  const npm = root.publishesToNpm && root.npmScope !== null;
  if (channel === "npm" || channel === "both")
    throw new UsageError(
      `--release ${channel} sets up a plugin that is its own repository: in a workspace the root's release script releases every plugin (${
        npm
          ? `it publishes them to npm under ${root.npmScope} already: leave --release out`
          : `to publish them to npm, give the root "agentPlugin": {"npm": {"scope": "@acme"}} and plugin-pack release --npm, see docs/releasing.md#the-npm-channel`
      })`,
    );
  return { channel: npm ? "npm" : "github", github: !npm, npm, scope: npm ? root.npmScope : null };
}
