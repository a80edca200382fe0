/** Test fixture for the release flow: the example marketplace monorepo in a fresh git repository. */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, repoRoot } from "@agent-plugin/test-utils";

export const gitEnv = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...gitEnv } });

/**
 * examples/marketplace plus a third plugin (examples/release-notes) that no changeset touches, committed, with
 * changesets 2 reachable the way a user's install is, through `<root>/node_modules` (linked to this repo's).
 */
export function marketplaceRepo(): string {
  const root = copyFixture(join(repoRoot, "examples/marketplace"));
  mkdirSync(join(root, "node_modules/@changesets"), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules/@changesets/cli"), join(root, "node_modules/@changesets/cli"));
  cpSync(join(repoRoot, "examples/release-notes"), join(root, "plugins/release-notes"), { recursive: true });
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-qm", "initial");
  return root;
}
