import { describe, expect, it } from "vitest";
import pins from "../../../hosts/src/pins.json" with { type: "json" };
import { allProfiles, hostProfiles, resolveTarget, targetLabel } from "./index.js";

describe("host profiles", () => {
  it("a bare target selects the current profile; a version selects the profile verified against that release", () => {
    expect(resolveTarget("codex")).toEqual({ ok: true, profile: hostProfiles.codex });
    expect(hostProfiles.codex.version).toBe("0.171.0");
    for (const spec of ["codex@0.117", "codex@0.117.0", "codex@v0.117"]) {
      const resolved = resolveTarget(spec);
      expect(resolved.ok && resolved.profile.version).toBe("0.117.0");
    }
    expect(resolveTarget("codex@0.171").ok && targetLabel(hostProfiles.codex)).toBe("codex");
  });

  it("refuses an unknown target or a version with no profile, naming the ones there are, never rounding", () => {
    expect(resolveTarget("claude")).toEqual({
      ok: false,
      message: 'unknown target "claude": use codex, claude-code, agent-plugins (optionally @<version>)',
    });
    expect(resolveTarget("codex@0.150")).toEqual({
      ok: false,
      message: "no profile for codex 0.150: this release knows codex@0.171.0, codex@0.117.0",
    });
    // "0.11" is not a prefix of whole components of 0.117.0.
    expect(resolveTarget("codex@0.11").ok).toBe(false);
    expect(resolveTarget("codex@").ok).toBe(false);
  });

  it("every host profile is verified against a pinned host release, and the current one against the current pin", () => {
    for (const profile of allProfiles.filter((candidate) => candidate.id !== "agent-plugins")) {
      const hostPins = pins[profile.id as keyof typeof pins];
      const pin = hostPins.find((candidate) => candidate.version === profile.version);
      expect(pin, `${profile.id} ${profile.version} is pinned`).toBeDefined();
      expect(pin!.current).toBe(profile.current);
    }
  });

  it("older profiles are labelled with their version; each target has exactly one current profile", () => {
    expect(allProfiles.map(targetLabel)).toEqual(["codex", "codex@0.117.0", "claude-code", "agent-plugins"]);
    for (const id of ["codex", "claude-code", "agent-plugins"])
      expect(allProfiles.filter((profile) => profile.id === id && profile.current)).toHaveLength(1);
  });
});
