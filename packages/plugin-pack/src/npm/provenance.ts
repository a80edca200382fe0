/**
 * npm's attestations for a published version, checked offline: each bundle is verified with Sigstore's pinned trusted
 * root (the SLSA provenance, signed by a Fulcio certificate of the CI job) or the registry's pinned attestation key
 * (npm's publish attestation), and its in-toto statement must be about exactly this package, version and tarball.
 */
import type { Signer } from "@sigstore/verify";
import { pinnedRegistryKeys, pinnedTrustedRoot } from "./pinned-trust.js";

/** SLSA provenance, as npm has published it: v0.2 (npm 9.5 to 10) and v1. */
export const SLSA_PROVENANCE = ["https://slsa.dev/provenance/v0.2", "https://slsa.dev/provenance/v1"];
export const NPM_PUBLISH_ATTESTATION = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

export interface ProvenanceCheck {
  /** valid: every attestation verified and names this tarball; invalid: one did not; none: the version has none. */
  status: "valid" | "invalid" | "none";
  /** The CI identity the provenance was signed by (the workflow URL) and its OIDC issuer. */
  builtBy?: string;
  issuer?: string;
  /** The source repository and commit the SLSA provenance names. */
  source?: { repository: string; commit?: string };
  predicateTypes: string[];
  problems: string[];
}

export interface Attestation {
  predicateType: string;
  bundle: unknown;
}

/** The package URL npm writes as the subject of its attestations. */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, "%40")}@${version}`;
}

export async function checkProvenance(args: {
  name: string;
  version: string;
  /** The tarball's SHA-512, hex. */
  sha512: string;
  attestations: readonly Attestation[] | undefined;
}): Promise<ProvenanceCheck> {
  const attestations = args.attestations ?? [];
  if (attestations.length === 0) return { status: "none", predicateTypes: [], problems: [] };
  // Loaded here: only a version with attestations needs Sigstore.
  const [{ bundleFromJSON }, { PublicKeyDetails, TrustedRoot }, { toSignedEntity, toTrustMaterial, Verifier }] =
    await Promise.all([import("@sigstore/bundle"), import("@sigstore/protobuf-specs"), import("@sigstore/verify")]);
  const problems: string[] = [];
  const result: ProvenanceCheck = { status: "valid", predicateTypes: [], problems };
  const verifier = new Verifier(
    toTrustMaterial(TrustedRoot.fromJSON(pinnedTrustedRoot()), registryKeyFinder(PublicKeyDetails)),
    {
      tlogThreshold: 1,
      ctlogThreshold: 1,
    },
  );
  for (const attestation of attestations) {
    result.predicateTypes.push(attestation.predicateType);
    const failed = (why: string) => problems.push(`${attestation.predicateType}: ${why}`);
    let signer: Signer;
    let statement: InTotoStatement;
    try {
      const bundle = bundleFromJSON(attestation.bundle);
      signer = verifier.verify(toSignedEntity(bundle));
      if (bundle.content.$case !== "dsseEnvelope") {
        failed("the bundle holds no in-toto statement");
        continue;
      }
      statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString("utf8")) as InTotoStatement;
    } catch (error) {
      failed(`does not verify against the pinned Sigstore root (${(error as Error).message})`);
      continue;
    }
    if (statement.predicateType !== attestation.predicateType)
      failed(`the signed statement is a ${String(statement.predicateType)}, not what the registry listed`);
    const purl = npmPurl(args.name, args.version);
    const subject = statement.subject?.find((s) => decodeURIComponent(s.name ?? "") === decodeURIComponent(purl));
    if (subject === undefined)
      failed(`is about ${statement.subject?.map((s) => JSON.stringify(s.name)).join(", ") ?? "nothing"}, not ${purl}`);
    else if (subject.digest?.sha512?.toLowerCase() !== args.sha512.toLowerCase())
      failed(`names another tarball (sha512 ${String(subject.digest?.sha512).slice(0, 16)}…), not the one fetched`);
    if (SLSA_PROVENANCE.includes(attestation.predicateType)) {
      const identity = signer.identity;
      if (identity?.subjectAlternativeName) result.builtBy = identity.subjectAlternativeName;
      if (identity?.extensions?.issuer) result.issuer = identity.extensions.issuer;
      const source = sourceOf(statement);
      if (source) result.source = source;
    }
  }
  if (problems.length > 0) result.status = "invalid";
  return result;
}

interface InTotoStatement {
  predicateType?: string;
  subject?: { name?: string; digest?: { sha512?: string } }[];
  predicate?: {
    /** SLSA v1 */
    buildDefinition?: {
      externalParameters?: { workflow?: { repository?: string } };
      resolvedDependencies?: { uri?: string; digest?: { gitCommit?: string } }[];
    };
    /** SLSA v0.2 */
    invocation?: { configSource?: { uri?: string; digest?: { sha1?: string } } };
  };
}

function sourceOf(statement: InTotoStatement): ProvenanceCheck["source"] {
  const definition = statement.predicate?.buildDefinition;
  const v1 = definition?.externalParameters?.workflow?.repository;
  if (v1 !== undefined) {
    const commit = definition?.resolvedDependencies?.[0]?.digest?.gitCommit;
    return commit === undefined ? { repository: v1 } : { repository: v1, commit };
  }
  const config = statement.predicate?.invocation?.configSource;
  if (config?.uri === undefined) return undefined;
  const repository = config.uri.replace(/^git\+/, "").replace(/@refs\/.*$/, "");
  return config.digest?.sha1 === undefined ? { repository } : { repository, commit: config.digest.sha1 };
}

/** The registry's attestation keys, by key id, for the publish attestation npm signs itself. */
function registryKeyFinder(details: typeof import("@sigstore/protobuf-specs").PublicKeyDetails) {
  return Object.fromEntries(
    pinnedRegistryKeys("npm:attestations").map((key) => [
      key.keyId,
      {
        rawBytes: Buffer.from(key.publicKey.rawBytes, "base64"),
        keyDetails: details[key.publicKey.keyDetails as keyof typeof details],
        validFor: {
          start: new Date(key.publicKey.validFor.start),
          ...(key.publicKey.validFor.end === undefined ? {} : { end: new Date(key.publicKey.validFor.end) }),
        },
      },
    ]),
  );
}
