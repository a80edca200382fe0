/**
 * Publishes staged tarballs with the user's npm. Every version is looked up first, so a version already on the
 * registry (a release that stopped half-way and runs again) is skipped rather than failing the run, and a registry
 * that cannot be reached fails before anything is published.
 */
import { PackError } from "../errors.js";
import { isNpmNotFound, npmFailure } from "@agent-plugin/core";
import { runNpm } from "./run-npm.js";

export interface StagedPackage {
  name: string;
  version: string;
  /** The tarball's absolute path. */
  tarball: string;
}

export interface PublishOutcome {
  name: string;
  version: string;
  status: "published" | "already-published";
}

export interface PublishOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  access: "public" | "restricted";
  tag: string;
  /** `npm publish --provenance`: in CI, where the job can prove where the package was built. */
  provenance: boolean;
}

export async function isPublished(
  name: string,
  version: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<boolean> {
  const result = await runNpm(["view", `${name}@${version}`, "version", "--json"], options);
  if (result.code === 0) return result.stdout.trim() !== "";
  if (isNpmNotFound(result)) return false;
  throw new PackError(
    `cannot look up ${name}@${version} on the registry: ${npmFailure(result)}; nothing was published`,
  );
}

export async function publishPackages(
  staged: readonly StagedPackage[],
  options: PublishOptions,
): Promise<PublishOutcome[]> {
  const known = new Map<StagedPackage, boolean>();
  for (const item of staged) known.set(item, await isPublished(item.name, item.version, options));
  const outcomes: PublishOutcome[] = [];
  for (const item of staged) {
    if (known.get(item)) {
      outcomes.push({ name: item.name, version: item.version, status: "already-published" });
      continue;
    }
    const args = ["publish", item.tarball, "--access", options.access, "--tag", options.tag];
    if (options.provenance) args.push("--provenance");
    const result = await runNpm(args, options);
    if (result.code !== 0) {
      const done = outcomes.filter((o) => o.status === "published").map((o) => `${o.name}@${o.version}`);
      throw new PackError(
        `npm publish of ${item.name}@${item.version} failed: ${npmFailure(result)}; ${
          done.length > 0 ? `already published: ${done.join(", ")}; ` : ""
        }no tag was created: fix it and run release again (published versions are skipped)`,
        item.tarball,
      );
    }
    outcomes.push({ name: item.name, version: item.version, status: "published" });
  }
  return outcomes;
}

/** Whether this run can publish with provenance: a GitHub Actions job with an OIDC token (id-token: write). */
export function provenanceAvailable(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === "true" && (env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "") !== "";
}
