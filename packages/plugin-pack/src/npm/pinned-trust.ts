/**
 * The trust this toolchain pins for npm: Sigstore's trusted root and the npm registry's signing keys, both as
 * embedded in the `@sigstore/tuf` release it depends on (the TUF targets that npm itself starts from). Read from the
 * installed package, never fetched: verification works offline and cannot be redirected by the network.
 */
import { createRequire } from "node:module";
import { PackError } from "../errors.js";

const SIGSTORE_MIRROR = "https://tuf-repo-cdn.sigstore.dev";

export interface RegistryKey {
  keyId: string;
  keyUsage: string;
  publicKey: { rawBytes: string; keyDetails: string; validFor: { start: string; end?: string } };
}

let cached: { trustedRoot: unknown; npmKeys: RegistryKey[] } | undefined;

function targets(): Record<string, string> {
  const require = createRequire(import.meta.url);
  let seeds: Record<string, { targets?: Record<string, string> }>;
  try {
    seeds = require("@sigstore/tuf/seeds.json") as typeof seeds;
  } catch (error) {
    throw new PackError(
      `cannot read the pinned Sigstore root (@sigstore/tuf/seeds.json: ${(error as Error).message}): reinstall @agent-plugin/plugin-pack`,
    );
  }
  const found = seeds[SIGSTORE_MIRROR]?.targets;
  if (found === undefined)
    throw new PackError("the pinned Sigstore root has no targets: reinstall @agent-plugin/plugin-pack");
  return found;
}

function load(): { trustedRoot: unknown; npmKeys: RegistryKey[] } {
  if (cached) return cached;
  const files = targets();
  const decode = (name: string) => JSON.parse(Buffer.from(files[name] ?? "", "base64").toString("utf8")) as unknown;
  cached = {
    trustedRoot: decode("trusted_root.json"),
    npmKeys: (decode("registry.npmjs.org%2Fkeys.json") as { keys: RegistryKey[] }).keys,
  };
  return cached;
}

/** Sigstore's trusted root (Fulcio, Rekor, CT logs), as JSON. */
export function pinnedTrustedRoot(): unknown {
  return load().trustedRoot;
}

/** The public registry's keys for one use: `npm:signatures` (dist.signatures) or `npm:attestations`. */
export function pinnedRegistryKeys(usage: "npm:signatures" | "npm:attestations"): RegistryKey[] {
  return load().npmKeys.filter((key) => key.keyUsage === usage);
}

/** The registry whose keys are pinned; another registry's signatures cannot be checked offline. */
export const PINNED_REGISTRY_HOST = "registry.npmjs.org";
