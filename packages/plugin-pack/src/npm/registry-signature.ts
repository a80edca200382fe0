/**
 * The registry's signature over a published version (`dist.signatures`): ECDSA P-256 over
 * `<name>@<version>:<integrity>`, by a key of the registry. Checked against the pinned keys of the public registry;
 * another registry's keys are not known offline, so its signatures are reported as not checked.
 */
import { createPublicKey, verify } from "node:crypto";
import { PINNED_REGISTRY_HOST, pinnedRegistryKeys } from "./pinned-trust.js";

export interface RegistrySignatureCheck {
  /** valid: a pinned key signed it; invalid: it does not verify; unchecked: no pinned key for it; none: unsigned. */
  status: "valid" | "invalid" | "unchecked" | "none";
  keyId?: string;
  problem?: string;
}

export function checkRegistrySignature(args: {
  name: string;
  version: string;
  integrity: string;
  registryHost: string;
  signatures: readonly { keyid: string; sig: string }[] | undefined;
}): RegistrySignatureCheck {
  const signatures = args.signatures ?? [];
  if (signatures.length === 0) {
    return args.registryHost === PINNED_REGISTRY_HOST
      ? { status: "invalid", problem: `${PINNED_REGISTRY_HOST} signs every version, but this one has no signature` }
      : { status: "none" };
  }
  if (args.registryHost !== PINNED_REGISTRY_HOST)
    return {
      status: "unchecked",
      keyId: signatures[0]!.keyid,
      problem: `no pinned keys for ${args.registryHost}: its signature was not checked`,
    };
  const message = Buffer.from(`${args.name}@${args.version}:${args.integrity}`);
  for (const signature of signatures) {
    const key = pinnedRegistryKeys("npm:signatures").find((k) => k.keyId === signature.keyid);
    if (key === undefined) continue;
    const publicKey = createPublicKey({
      key: Buffer.from(key.publicKey.rawBytes, "base64"),
      format: "der",
      type: "spki",
    });
    let verified = false;
    try {
      verified = verify("sha256", message, publicKey, Buffer.from(signature.sig, "base64"));
    } catch {
      // a signature that is not even DER is as invalid as one that does not match
    }
    if (!verified)
      return {
        status: "invalid",
        keyId: signature.keyid,
        problem: `the registry signature by ${signature.keyid} does not verify: the version's integrity was changed`,
      };
    return { status: "valid", keyId: signature.keyid };
  }
  return {
    status: "invalid",
    keyId: signatures[0]!.keyid,
    problem: `signed by ${signatures.map((s) => s.keyid).join(", ")}, which is not a pinned key of ${PINNED_REGISTRY_HOST}`,
  };
}
