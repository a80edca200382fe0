// npm provenance, checked offline against the pinned Sigstore root and npm key, with the real attestations
// registry.npmjs.org serves for sigstore@1.0.0 (fixtures/npm/README.md says where they come from).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Attestation, checkProvenance, npmPurl } from "./provenance.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/npm/${name}`, import.meta.url));
const attestations = (
  JSON.parse(readFileSync(fixture("sigstore-1.0.0.attestations.json"), "utf8")) as {
    attestations: Attestation[];
  }
).attestations;
const integrity = (JSON.parse(readFileSync(fixture("sigstore-1.0.0.dist.json"), "utf8")) as { integrity: string })
  .integrity;
const sha512 = Buffer.from(integrity.replace(/^sha512-/, ""), "base64").toString("hex");
const real = { name: "sigstore", version: "1.0.0", sha512 };
const copy = () => JSON.parse(JSON.stringify(attestations)) as Attestation[];

describe("npm provenance, offline", () => {
  it("verifies the registry's real SLSA provenance and publish attestation, and says who built it from where", async () => {
    const check = await checkProvenance({ ...real, attestations });
    expect(check.problems).toEqual([]);
    expect(check.status).toBe("valid");
    expect(check.predicateTypes).toEqual([
      "https://slsa.dev/provenance/v0.2",
      "https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
    ]);
    expect(check.builtBy).toMatch(/^https:\/\/github\.com\/sigstore\/sigstore-js\/\.github\/workflows\//);
    expect(check.issuer).toBe("https://token.actions.githubusercontent.com");
    expect(check.source?.repository).toBe("https://github.com/sigstore/sigstore-js");
    expect(check.source?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("never reaches the network while verifying", async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error("network used"));
    try {
      expect((await checkProvenance({ ...real, attestations })).status).toBe("valid");
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("refuses a provenance for another tarball, package or version", async () => {
    const otherTarball = await checkProvenance({ ...real, sha512: `0${sha512.slice(1)}`, attestations });
    expect(otherTarball.status).toBe("invalid");
    expect(otherTarball.problems[0]).toContain("names another tarball");
    const otherVersion = await checkProvenance({ ...real, version: "1.0.1", attestations });
    expect(otherVersion.status).toBe("invalid");
    expect(otherVersion.problems[0]).toContain(`not ${npmPurl("sigstore", "1.0.1")}`);
  });

  it("refuses an attestation whose signed statement was changed", async () => {
    const changed = copy();
    const bundle = changed[0]!.bundle as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString("utf8"));
    statement.subject[0].digest.sha512 = `0${sha512.slice(1)}`;
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString("base64");
    const check = await checkProvenance({ ...real, sha512: `0${sha512.slice(1)}`, attestations: changed });
    expect(check.status).toBe("invalid");
    expect(check.problems[0]).toContain("does not verify against the pinned Sigstore root");
  });

  it("reports a version without attestations as none", async () => {
    expect(await checkProvenance({ ...real, attestations: undefined })).toEqual({
      status: "none",
      predicateTypes: [],
      problems: [],
    });
  });

  it("names packages as npm's attestations do", () => {
    expect(npmPurl("@acme/triage", "1.2.0")).toBe("pkg:npm/%40acme/triage@1.2.0");
  });
});
