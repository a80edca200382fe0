import { describe, expect, it } from "vitest";
import { checkRegistrySignature } from "./registry-signature.js";

const integrity = "sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqYD0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==";
const base = { name: "sigstore", version: "1.0.0", integrity };
const pinnedKey = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";

describe("registry signatures", () => {
  it("refuses a signature of the public registry that does not verify with its pinned key", () => {
    // A well-formed ECDSA signature, but over something else.
    const sig = "MEUCIQDxXj0hZ9F4nC0ySPLJkqO3bBC/Jp0lxL2nGX6YVQb2fQIgZ9y3QK8tM6I2wAfJz6pB0n7iS0f5HqN3n5oV1lWm2ZQ=";
    const check = checkRegistrySignature({
      ...base,
      registryHost: "registry.npmjs.org",
      signatures: [{ keyid: pinnedKey, sig }],
    });
    expect(check).toMatchObject({ status: "invalid", keyId: pinnedKey });
    expect(check.problem).toContain("does not verify");
  });

  it("refuses a version of the public registry that is unsigned, or signed by a key it never had", () => {
    expect(checkRegistrySignature({ ...base, registryHost: "registry.npmjs.org", signatures: [] }).status).toBe(
      "invalid",
    );
    const unknown = checkRegistrySignature({
      ...base,
      registryHost: "registry.npmjs.org",
      signatures: [{ keyid: "SHA256:not-a-key", sig: "AAAA" }],
    });
    expect(unknown.status).toBe("invalid");
    expect(unknown.problem).toContain("not a pinned key of registry.npmjs.org");
  });

  it("says a private registry's signature was not checked (no pinned keys), and an unsigned one has none", () => {
    const other = checkRegistrySignature({
      ...base,
      registryHost: "npm.acme.internal",
      signatures: [{ keyid: "SHA256:acme", sig: "AAAA" }],
    });
    expect(other).toMatchObject({ status: "unchecked", keyId: "SHA256:acme" });
    expect(checkRegistrySignature({ ...base, registryHost: "127.0.0.1:4873", signatures: undefined }).status).toBe(
      "none",
    );
  });
});
