// Every host profile this release knows, and how a target written by a user (`codex`, `codex@0.117`) selects one.
import { agentPlugins100 } from "./agent-plugins.js";
import { claudeCode2_1_332 } from "./claude-code.js";
import { codex0117, codex0171 } from "./codex.js";
import { type HostProfile, isTargetId, TARGET_IDS, type TargetId, type TargetSpec } from "./profile.js";

export * from "./profile.js";

/** Every profile, newest first within each target. */
export const allProfiles: readonly HostProfile[] = [codex0171, codex0117, claudeCode2_1_332, agentPlugins100];

/** The current profile of each target: what `--target <id>` selects. */
export const hostProfiles: Record<TargetId, HostProfile> = Object.fromEntries(
  TARGET_IDS.map((id) => [id, allProfiles.find((profile) => profile.id === id && profile.current)!]),
) as Record<TargetId, HostProfile>;

/** How a profile is written as a target: the bare id for the current one, `id@version` for an older one. */
export function targetLabel(profile: HostProfile): TargetSpec {
  return profile.current ? profile.id : `${profile.id}@${profile.version}`;
}

export type TargetResolution = { ok: true; profile: HostProfile } | { ok: false; message: string };

/**
 * The profile a target names: `codex` is the current Codex profile; `codex@0.117` or `codex@0.117.0` the profile
 * verified against that release. A version with no profile is refused with the versions there are, never rounded
 * to a neighbour: what the host did between two verified releases is unknown.
 */
export function resolveTarget(spec: string): TargetResolution {
  const at = spec.indexOf("@");
  const id = at === -1 ? spec : spec.slice(0, at);
  if (!isTargetId(id)) {
    return { ok: false, message: `unknown target "${spec}": use ${TARGET_IDS.join(", ")} (optionally @<version>)` };
  }
  if (at === -1) return { ok: true, profile: hostProfiles[id] };
  const version = spec.slice(at + 1);
  const candidates = allProfiles.filter((profile) => profile.id === id);
  const profile = candidates.find((candidate) => versionMatches(candidate.version, version));
  if (profile) return { ok: true, profile };
  const known = candidates.map((candidate) => `${id}@${candidate.version}`).join(", ");
  return { ok: false, message: `no profile for ${id} ${version}: this release knows ${known}` };
}

/** Whether `wanted` (`0.117`, `0.117.0`, `v0.117`) names `version`: equal, or a prefix of whole components. */
function versionMatches(version: string, wanted: string): boolean {
  const given = wanted.replace(/^v/, "");
  if (given === "") return false;
  return version === given || version.startsWith(`${given}.`);
}

/** The profile a target names, for callers that already validated it (throws on an unknown one). */
export function profileFor(spec: TargetSpec | HostProfile): HostProfile {
  if (typeof spec !== "string") return spec;
  const resolved = resolveTarget(spec);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.profile;
}
