/**
 * `--release github|npm|both`: where a plugin that is its own repository is released. github: a signed archive on a
 * GitHub release (the default); npm: an npm package under `--npm-scope` (plugin-pack release --npm), installable by
 * range from a marketplace's npm source; both: the two at once, from the same signed files.
 */
import { toKebab, UsageError } from "@agent-plugin/core";

export const RELEASE_CHANNELS = ["github", "npm", "both"] as const;
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];

export interface ReleaseSetup {
  channel: ReleaseChannel;
  github: boolean;
  npm: boolean;
  /** The npm scope packages are published under, with npm; else null. */
  scope: string | null;
}

const SCOPE = /^@[a-z0-9][a-z0-9._~-]*$/;

export function resolveRelease(
  channel: string | undefined,
  scope: string | undefined,
  context: { developer: string; workspace: boolean },
): ReleaseSetup {
  if (channel !== undefined && !(RELEASE_CHANNELS as readonly string[]).includes(channel))
    throw new UsageError(`unknown --release "${channel}": use github, npm or both`);
  const chosen = (channel ?? "github") as ReleaseChannel;
  const npm = chosen !== "github";
  if (!npm) {
    if (scope !== undefined) throw new UsageError("--npm-scope goes with --source npm or --release npm|both");
    return { channel: chosen, github: true, npm: false, scope: null };
  }
  if (context.workspace)
    throw new UsageError(
      `--release ${chosen} sets up a plugin that is its own repository: in a workspace the root's release script releases every plugin (add --npm to it, see docs/releasing.md)`,
    );
  const resolved = scope ?? `@${toKebab(context.developer) || "plugins"}`;
  if (!SCOPE.test(resolved))
    throw new UsageError(`--npm-scope "${resolved}" is not an npm scope: use lower case, such as @acme`);
  return { channel: chosen, github: chosen === "both", npm: true, scope: resolved };
}
