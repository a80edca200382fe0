import type { HostId } from "@agent-plugin/core";
import pinsTable from "./pins.json" with { type: "json" };

/** One host version the toolchain is tested against. */
export interface HostPin {
  host: HostId;
  version: string;
  /** The version the host profile follows; the others are kept for teams that pin an older host. */
  current: boolean;
  why: string;
}

/**
 * Every pinned host version, in one table (src/pins.json, which `pnpm hosts:update` edits).
 * A new host release is a deliberate change: bump the pin, rerun the probes, read the differences.
 */
export const pins: readonly HostPin[] = Object.entries(pinsTable).flatMap(([host, versions]) =>
  versions.map((pin) => ({ host: host as HostId, ...pin })),
);

/** The pinned version a host's profile follows. */
export function currentPin(host: HostId): HostPin {
  const pin = pins.find((candidate) => candidate.host === host && candidate.current);
  if (pin === undefined) throw new Error(`pins.json has no current pin for ${host}`);
  return pin;
}
